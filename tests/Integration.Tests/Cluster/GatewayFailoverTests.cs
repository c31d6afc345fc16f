using System.Diagnostics;
using Cinema.Integration.Tests.Infrastructure;
using Cinema.Sip.Dns;
using Cinema.Sip.Messages;
using Cinema.Tests.Dns;

namespace Cinema.Integration.Tests.Cluster;

/// <summary>
/// Gateways hold no state: when one dies, a phone that found the gateways by DNS SRV moves to the next one on its
/// next transaction (RFC 3263 §4.3) and loses nothing, because its registration and its callee's live in the cluster.
/// </summary>
public class GatewayFailoverTests
{
    /// <summary>How long the test phone waits for an answer before it tries the next gateway (RFC 3261 Timer B/F is 32 s).</summary>
    private static readonly TimeSpan TransactionTimeout = TimeSpan.FromSeconds(4);

    [Fact]
    public async Task A_phone_that_located_gateways_by_srv_moves_to_the_other_when_its_gateway_dies()
    {
        Sipp.RequireInstalled();
        await using var cluster = await LocalCluster.StartAsync(silos: 2, gateways: 2);
        var a = cluster.Gateways[0];
        var b = cluster.Gateways[1];

        // The zone of deploy/dns: the domain and the shared Record-Route name both point at gateway A first, B second.
        await using var dns = LoopbackDnsServer.Start();
        foreach (var name in (string[])["_sip._udp.example.com", "_sip._udp.sip.example.com"])
        {
            dns.AddSrv(name, 10, 0, a.SipPort, "gw-a.example.com").AddSrv(name, 20, 0, b.SipPort, "gw-b.example.com");
        }
        dns.AddA("gw-a.example.com", "127.0.0.1").AddA("gw-b.example.com", "127.0.0.1");
        var options = new SipServerLocatorOptions { QueryTimeout = TimeSpan.FromSeconds(1), QueryRetries = 1 };
        options.NameServers.Add(dns.EndPoint);
        using var client = new SipTestClient();
        var phone = new SrvPhone(client, new SipServerLocator(options), TransactionTimeout);

        // The callee registers through gateway A, which is about to die; it stays reachable through B.
        var calleePort = FreePorts.Next();
        await using var callee = Sipp.Start("call-uas.xml", null, calleePort, [], "-t", "u1", "-m", "1", "-timeout", "120s");
        string[] fields = [$"{LocalCluster.Domain};bob;127.0.0.1:{calleePort}"];
        Assert.Equal(1, (await Sipp.RunAsync("register-callee.xml", a.Target, 1, fields, TimeSpan.FromSeconds(20))).Successful);

        var aor = "alice@" + LocalCluster.Domain;
        var callId = Guid.NewGuid().ToString("N");
        var registered = await phone.RequestAsync(client.Register(aor, client.Contact, 600, callId, 1), LocalCluster.Domain);
        Assert.True(registered?.StatusCode == 200, $"{registered?.StatusCode}\n{cluster.Logs()}");
        Assert.Equal(a.SipPort, phone.LastUsed!.EndPoint.Port);

        a.Process!.Kill();

        // The next transaction times out at A and is sent again to B.
        var watch = Stopwatch.StartNew();
        var refreshed = await phone.RequestAsync(client.Register(aor, client.Contact, 600, callId, 2), LocalCluster.Domain);
        var failoverTime = watch.Elapsed;
        Assert.True(refreshed?.StatusCode == 200, $"{refreshed?.StatusCode}\n{cluster.Logs()}");
        Assert.Equal(b.SipPort, phone.LastUsed!.EndPoint.Port);
        TestContext.Current.TestOutputHelper?.WriteLine($"gateway kill: next transaction answered by the other gateway after {failoverTime.TotalSeconds:0.0} s");

        // A call now goes straight to B (A is remembered as down), reaches the callee registered through A, and ends.
        watch.Restart();
        var invite = client.NewRequest(SipMethod.Invite, "sip:bob@" + LocalCluster.Domain, "sip:" + aor, "sip:bob@" + LocalCluster.Domain)
            .Contact(NameAddress.Parse($"<{client.Contact}>"));
        var sentInvite = invite.Build();
        var answered = await phone.RequestAsync(invite, LocalCluster.Domain);
        Assert.True(answered?.StatusCode == 200, $"{answered?.StatusCode}\n{cluster.Logs()}");
        Assert.Equal(b.SipPort, phone.LastUsed!.EndPoint.Port);
        Assert.True(watch.Elapsed < TransactionTimeout, $"the call waited {watch.Elapsed.TotalSeconds:0.0} s for the dead gateway again");

        var (ack, ackHost) = phone.InDialog(sentInvite, answered!, SipMethod.Ack, sentInvite.CSeq.Number);
        await phone.SendAsync(ack, ackHost);
        var (bye, byeHost) = phone.InDialog(sentInvite, answered!, SipMethod.Bye, sentInvite.CSeq.Number + 1);
        var ended = await phone.RequestAsync(bye, byeHost);
        Assert.True(ended?.StatusCode == 200, $"BYE: {ended?.StatusCode}\n{cluster.Logs()}");
        Assert.Equal(b.SipPort, phone.LastUsed!.EndPoint.Port);

        var calleeResult = await callee.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(calleeResult.Successful == 1, calleeResult.ToString());
    }
}
