using System.Net.Security;
using System.Net.Sockets;
using Cinema.Integration.Tests.Infrastructure;
using Cinema.Sip.Messages;
using Cinema.Sip.Parsing;

namespace Cinema.Integration.Tests.Server;

/// <summary>SIP over TLS (SIPS) with a certificate from configuration, and Orleans' own connections under TLS.</summary>
public class TlsTests
{
    [Fact]
    public async Task Tls_listener_answers_options_with_the_configured_certificate_and_orleans_runs_under_tls()
    {
        var dataDir = Directory.CreateTempSubdirectory("cinema-tls-").FullName;
        try
        {
            var pfx = TestCertificates.CreatePfx(dataDir);
            var tlsPort = FreePorts.Next();
            await using var server = new ServerProcess(dataDir, "example.com",
                $"--Cinema:Sip:Listen:2=tls:127.0.0.1:{tlsPort}", $"--Cinema:Sip:Tls:Certificate={pfx}",
                $"--Cinema:Orleans:Tls:Certificate={pfx}");
            await server.StartAsync();

            using var tcp = new TcpClient();
            await tcp.ConnectAsync("127.0.0.1", tlsPort, TestContext.Current.CancellationToken);
            await using var tls = new SslStream(tcp.GetStream(), false, (_, certificate, _, _) => certificate?.Subject == "CN=cinema-test");
            await tls.AuthenticateAsClientAsync("localhost");
            var options = new SipRequestBuilder(SipMethod.Options, SipUri.Parse($"sips:127.0.0.1:{tlsPort}"))
                .Via(new Via("TLS", "127.0.0.1", 5061).WithParameter("branch", SipTestClient.NewBranch()))
                .MaxForwards(70).From(NameAddress.Parse("<sips:probe@example.com>;tag=t1")).To(NameAddress.Parse($"<sips:127.0.0.1:{tlsPort}>"))
                .CallId(Guid.NewGuid().ToString("N")).CSeq(1, SipMethod.Options);
            await tls.WriteAsync(options.ToArray(), TestContext.Current.CancellationToken);

            var framer = new SipStreamFramer();
            byte[]? frame = null;
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            while (frame is null)
            {
                var memory = framer.GetWriteBuffer();
                var n = await tls.ReadAsync(memory, cts.Token);
                Assert.True(n > 0, "connection closed before the answer");
                framer.Advance(n);
                if (framer.TryRead(out var f, out _) == FrameKind.Message) frame = f;
            }
            var response = Assert.IsType<SipResponse>(SipParser.Parse(frame).Message);
            Assert.Equal(200, response.StatusCode);
            Assert.Equal("TLS", response.TopVia.Transport);
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }
}
