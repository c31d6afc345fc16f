using Cinema.Integration.Tests.Infrastructure;

namespace Cinema.Integration.Tests.Server;

/// <summary>Starting, stopping and restarting the real server process.</summary>
public class LifecycleTests
{
    [Fact]
    public async Task Sigterm_while_the_server_is_still_starting_stops_it_cleanly()
    {
        // With the HTTP side on, as by default: the web server's start is what a stop during start-up cancels.
        await using var server = ServerProcess.InTempFolder("example.com", "--Cinema:Auth:Required=false", $"--Cinema:Http:Port={FreePorts.Next()}");
        server.Launch();
        // The storage opens before the silo and the SIP listeners have started: the stop lands in start-up.
        await server.WaitForOutputAsync("Grain storage", TimeSpan.FromSeconds(60));
        var stopped = await server.StopAsync();
        Assert.True(stopped < TimeSpan.FromSeconds(10), $"stopping took {stopped}");
        Assert.True(server.ExitCode == 0, $"exit code {server.ExitCode}\n{server.Output}");
        Assert.DoesNotContain("Unhandled exception", server.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_registration_survives_a_restart_and_sigterm_stops_the_server_within_ten_seconds()
    {
        var dataDir = Directory.CreateTempSubdirectory("cinema-restart-").FullName;
        try
        {
            using var phone = new SipTestClient();
            var aor = "restart" + Guid.NewGuid().ToString("N")[..8] + "@example.com";
            await using (var first = new ServerProcess(dataDir, "example.com", "--Cinema:Auth:Required=false"))
            {
                await first.StartAsync();
                var registered = await phone.RequestAsync(phone.Register(aor, phone.Contact, 3600), first.Target);
                Assert.Equal(200, registered!.StatusCode);
                var stopped = await first.StopAsync();
                Assert.True(stopped < TimeSpan.FromSeconds(10), $"stopping took {stopped}");
                Assert.Equal(0, first.ExitCode);
            }

            await using var second = new ServerProcess(dataDir, "example.com", "--Cinema:Auth:Required=false");
            await second.StartAsync();
            var query = await phone.RequestAsync(phone.Register(aor, contact: null, expires: null), second.Target);
            Assert.Equal(200, query!.StatusCode);
            var contact = Assert.Single(query.Contacts);
            Assert.Equal(phone.Contact, contact.Uri.ToString());
            Assert.InRange(contact.Expires ?? 0, 3000, 3600);
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Theory]
    [InlineData("--Cinema:Sip:Listen:0=udp:999.1.1.1:5060", "Cinema:Sip:Listen:0", "udp:999.1.1.1:5060")]
    [InlineData("--Cinema:Http:Port=http", "Cinema:Http:Port", "http")]
    [InlineData("--Cinema:Registrar:MinExpires=-5", "Cinema:Registrar:MinExpires", "-5")]
    [InlineData("--Cinema:Redirect:Domains:0=nowhere.example", "Cinema:Redirect:Domains:0", "nowhere.example")]
    [InlineData("--Cinema:Auth:Required=maybe", "Cinema:Auth:Required", "maybe")]
    [InlineData("--Cinema:Limits:PerSourceRequestsPerSecond=lots", "Cinema:Limits:PerSourceRequestsPerSecond", "lots")]
    [InlineData("--Cinema:Limits:PerSourceBurst=0", "Cinema:Limits:PerSourceBurst", "0")]
    [InlineData("--Cinema:Limits:MaxMessageBytes=100", "Cinema:Limits:MaxMessageBytes", "100")]
    [InlineData("--Cinema:Memory:SettleAfterQuietSeconds=soon", "Cinema:Memory:SettleAfterQuietSeconds", "soon")]
    [InlineData("--Cinema:Orleans:DirectoryCacheSize=-1", "Cinema:Orleans:DirectoryCacheSize", "-1")]
    public async Task A_bad_setting_stops_start_up_with_a_message_naming_key_and_value(string argument, string key, string value)
    {
        var dataDir = Directory.CreateTempSubdirectory("cinema-config-").FullName;
        try
        {
            await using var server = new ServerProcess(dataDir, "example.com", argument);
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => server.StartAsync(TimeSpan.FromSeconds(60)));
            Assert.Equal(2, server.ExitCode);
            Assert.Contains(key, error.Message, StringComparison.Ordinal);
            Assert.Contains($"'{value}'", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }
}
