using System.Security.Cryptography.X509Certificates;
using Cinema.Sip.Transport;

namespace Cinema.Sip.Tests.Transport;

public class TlsTransportTests
{
    private static readonly byte[] Ok = SipText.Response("SIP/2.0/TLS 127.0.0.1:9;branch=z9hG4bK-ok");

    private static SipTransportOptions TlsServer() =>
        RunningTransport.Loopback("tls:127.0.0.1:0") with { Tls = new SipTlsOptions { Certificate = TestCertificates.SelfSigned() } };

    [Fact]
    public async Task A_request_and_its_response_cross_a_tls_connection()
    {
        await using var server = await RunningTransport.StartAsync(TlsServer());
        var tls = server.Endpoint(SipTransportKind.Tls);
        await using var phone = await StreamPeer.ConnectAsync(tls);
        await phone.WriteAsync(SipText.Request("SIP/2.0/TLS 127.0.0.1:9;branch=z9hG4bK-1"));
        var inbound = await server.NextAsync();

        var result = await server.Layer.SendResponseAsync(inbound, Ok, TestContext.Current.CancellationToken);

        Assert.Equal(SipTransportKind.Tls, inbound.Source.Transport);
        Assert.Equal(tls, inbound.Local);
        Assert.True(result.Sent, result.Error);
        Assert.Equal(SipText.Text(Ok), await phone.ReadMessageAsync());
    }

    [Fact]
    public async Task A_request_opens_a_tls_connection_checked_against_the_target_host()
    {
        await using var server = await RunningTransport.StartAsync(TlsServer());
        var options = RunningTransport.Loopback("udp:127.0.0.1:0") with { Tls = new SipTlsOptions { AllowUntrustedServerCertificates = true } };
        await using var client = await RunningTransport.StartAsync(options);

        var result = await client.Layer.SendRequestAsync(server.Endpoint(SipTransportKind.Tls), "localhost",
            SipText.Request("SIP/2.0/TLS 127.0.0.1:9;branch=z9hG4bK-1", "over-tls"), TestContext.Current.CancellationToken);
        var inbound = await server.NextAsync();
        var answer = await server.Layer.SendResponseAsync(inbound, Ok, TestContext.Current.CancellationToken);

        Assert.True(result.Sent, result.Error);
        Assert.Equal("over-tls", inbound.Message.CallId);
        Assert.True(answer.Sent, answer.Error);
        Assert.Equal(200, (await client.NextAsync()).Response!.StatusCode);
    }

    [Fact]
    public async Task An_untrusted_server_certificate_fails_the_send_when_validation_is_strict()
    {
        await using var server = await RunningTransport.StartAsync(TlsServer());
        await using var client = await RunningTransport.StartAsync(RunningTransport.Loopback("udp:127.0.0.1:0"));

        var result = await client.Layer.SendRequestAsync(server.Endpoint(SipTransportKind.Tls), "localhost",
            SipText.Request("SIP/2.0/TLS 127.0.0.1:9;branch=z9hG4bK-1"), TestContext.Current.CancellationToken);

        Assert.False(result.Sent);
        Assert.Contains("TLS handshake", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, client.Layer.ConnectionCount);
    }

    [Fact]
    public async Task A_client_that_never_completes_the_handshake_is_closed()
    {
        var options = TlsServer() with { TlsHandshakeTimeout = TimeSpan.FromMilliseconds(200) };
        await using var server = await RunningTransport.StartAsync(options);
        // Plain TCP to a TLS port: the server waits for a ClientHello that never comes.
        await using var silent = await StreamPeer.ConnectAsync(server.Endpoint(SipTransportKind.Tls) with { Transport = SipTransportKind.Tcp });

        Assert.True(await silent.ClosedByPeerAsync());
    }

    [Fact]
    public async Task A_certificate_can_come_from_a_password_protected_pkcs12_file()
    {
        using var certificate = TestCertificates.SelfSigned();
        var path = Path.Combine(Path.GetTempPath(), $"cinema-test-{Guid.NewGuid():N}.pfx");
        await File.WriteAllBytesAsync(path, certificate.Export(X509ContentType.Pkcs12, "secret"), TestContext.Current.CancellationToken);
        try
        {
            await AssertServesTlsAsync(new SipTlsOptions { CertificatePath = path, CertificatePassword = "secret" });
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_certificate_can_come_from_pem_files()
    {
        using var certificate = TestCertificates.SelfSigned();
        var stem = Path.Combine(Path.GetTempPath(), $"cinema-test-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(stem + ".crt", certificate.ExportCertificatePem(), TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(stem + ".key", PrivateKeyPem(certificate), TestContext.Current.CancellationToken);
        try
        {
            await AssertServesTlsAsync(new SipTlsOptions { CertificatePath = stem + ".crt", KeyPath = stem + ".key" });
        }
        finally
        {
            File.Delete(stem + ".crt");
            File.Delete(stem + ".key");
        }
    }

    private static string PrivateKeyPem(X509Certificate2 certificate)
    {
        using var key = certificate.GetECDsaPrivateKey()!;
        return key.ExportPkcs8PrivateKeyPem();
    }

    private static async Task AssertServesTlsAsync(SipTlsOptions tls)
    {
        await using var server = await RunningTransport.StartAsync(RunningTransport.Loopback("tls:127.0.0.1:0") with { Tls = tls });
        await using var phone = await StreamPeer.ConnectAsync(server.Endpoint(SipTransportKind.Tls));
        await phone.WriteAsync("\r\n\r\n"u8.ToArray());
        Assert.Equal("\r\n"u8.ToArray(), await phone.ReadBytesAsync(2));
    }
}
