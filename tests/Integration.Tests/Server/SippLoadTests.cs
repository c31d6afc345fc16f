using Cinema.Integration.Tests.Infrastructure;

namespace Cinema.Integration.Tests.Server;

/// <summary>
/// SIPstone-style load with SIPp against the running server: registrations of fresh users and complete calls
/// (INVITE/180/200/ACK, BYE/200, record-routed) through the proxy, over UDP and TCP, with no failure allowed.
/// </summary>
[Collection(ServerCollection.Name)]
public class SippLoadTests(ServerFixture fixture)
{
    private ServerProcess Server => fixture.Server;

    [Theory]
    [InlineData("u1")]
    [InlineData("t1")]
    public async Task Five_thousand_fresh_registrations_all_succeed(string transport)
    {
        Sipp.RequireInstalled();
        var result = await Sipp.RunAsync("register.xml", Server.Target, 5000, [Server.Domain], TimeSpan.FromSeconds(120),
            transport, concurrent: 100);
        Assert.True(result.Successful == 5000 && result.Failed == 0, result.ToString() + "\n" + Tail(Server.Output));
    }

    [Theory]
    [InlineData("u1")]
    [InlineData("t1")]
    public async Task Two_thousand_calls_through_the_proxy_all_complete(string transport)
    {
        Sipp.RequireInstalled();
        var callee = "bob-" + transport;
        var calleePort = FreePorts.Next();
        await using var uas = Sipp.Start("call-uas.xml", null, calleePort, [], "-t", transport, "-m", "2000", "-timeout", "150s");
        string[] fields = [$"{Server.Domain};{callee};127.0.0.1:{calleePort}"];
        var registered = await Sipp.RunAsync("register-callee.xml", Server.Target, 1, fields, TimeSpan.FromSeconds(20), transport);
        Assert.True(registered.Successful == 1, registered.ToString());

        var result = await Sipp.RunAsync("call-uac.xml", Server.Target, 2000, fields, TimeSpan.FromSeconds(120), transport, concurrent: 100);
        Assert.True(result.Successful == 2000 && result.Failed == 0, result.ToString() + "\n" + Tail(Server.Output));
    }

    private static string Tail(string text) => text.Length > 4000 ? text[^4000..] : text;
}
