using Cinema.Integration.Tests.Infrastructure;

namespace Cinema.Integration.Tests.Server;

/// <summary>
/// Real clients with passwords: SIPp's [authentication] and baresip. Both know MD5 alone (Debian's SIPp 3.6,
/// baresip 1.0); SIPp reads only the first challenge and baresip gives up when any challenge names an algorithm it
/// does not know, so this server offers MD5 alone (Cinema:Auth:Algorithms=MD5), as a site with such phones would.
/// </summary>
public sealed class AuthenticatedCallTests : IAsyncLifetime
{
    private ServerProcess _server = null!;

    public async ValueTask InitializeAsync()
    {
        _server = ServerProcess.InTempFolder("example.com", "--Cinema:Auth:Algorithms=MD5");
        await _server.StartAsync();
        foreach (var user in (string[])["alice", "bob", "carol", "dave"]) await _server.AddUserAsync(user + "@example.com", user + "-pw");
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Sipp_registers_and_calls_with_digest_authentication()
    {
        Sipp.RequireInstalled();
        var calleePort = FreePorts.Next();
        await using var uas = Sipp.Start("call-uas.xml", null, calleePort, [], "-t", "u1", "-m", "100", "-timeout", "60s");
        string[] bob = [$"example.com;bob;-;127.0.0.1:{calleePort};-"];
        var registered = await Sipp.RunAsync("register-auth.xml", _server.Target, 1, bob, TimeSpan.FromSeconds(20), "u1", 0, 0, "-au", "bob", "-ap", "bob-pw");
        Assert.True(registered.Successful == 1, registered.ToString());

        string[] alice = [$"example.com;alice;-;127.0.0.1:0;bob"];
        var calls = await Sipp.RunAsync("call-uac-auth.xml", _server.Target, 100, alice, TimeSpan.FromSeconds(60), "u1", 0, 20, "-au", "alice", "-ap", "alice-pw");
        Assert.True(calls.Successful == 100 && calls.Failed == 0, calls.ToString());
    }

    [Fact]
    public async Task Sipp_with_a_wrong_password_does_not_register()
    {
        Sipp.RequireInstalled();
        string[] dave = [$"example.com;dave;-;127.0.0.1:{FreePorts.Next()};-"];
        var result = await Sipp.RunAsync("register-auth.xml", _server.Target, 1, dave, TimeSpan.FromSeconds(10), "u1", 0, 0, "-au", "dave", "-ap", "not-daves");
        Assert.Equal(0, result.Successful);
    }

    [Fact]
    public async Task Phones_with_passwords_register_call_and_hear_each_other()
    {
        BaresipPhone.RequireInstalled();
        var root = Directory.CreateTempSubdirectory("cinema-auth-phones-").FullName;
        try
        {
            await using var carol = BaresipPhone.Start(Path.Combine(root, "carol"), "carol@example.com", _server.Target, FreePorts.NextPair(), 1000,
                TimeSpan.FromSeconds(25), password: "carol-pw");
            Assert.True(await carol.WaitForAsync("200 OK", TimeSpan.FromSeconds(10)), "carol did not register:\n" + carol.Log);
            await using var alice = BaresipPhone.Start(Path.Combine(root, "alice"), "alice@example.com", _server.Target, FreePorts.NextPair(), 440,
                TimeSpan.FromSeconds(12), password: "alice-pw", commands: "/dial sip:carol@example.com");
            Assert.True(await alice.WaitForAsync("Call established", TimeSpan.FromSeconds(15)), "no call:\n" + alice.Log + "\n---\n" + carol.Log);
            Assert.True(await alice.WaitForExitAsync(TimeSpan.FromSeconds(20)), "alice did not exit");
            Assert.True(await Deadline.WaitAsync(() => carol.Recordings.Count > 0 && alice.Recordings.Count > 0, TimeSpan.FromSeconds(10)), "no recordings");
            double[] tones = [440, 1000];
            Assert.Equal([1000.0], alice.Recordings.SelectMany(r => Wav.TonesIn(r, tones)).Distinct());
            Assert.Equal([440.0], carol.Recordings.SelectMany(r => Wav.TonesIn(r, tones)).Distinct());
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
