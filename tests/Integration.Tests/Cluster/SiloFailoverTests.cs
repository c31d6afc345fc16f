using System.Globalization;
using Cinema.Integration.Tests.Infrastructure;

namespace Cinema.Integration.Tests.Cluster;

/// <summary>
/// The cluster's central claim: kill a silo under load and nothing is lost. 3 silos, 2 gateways; 2,000 phones
/// register through gateway A; calls run through both gateways while one silo is killed with SIGKILL.
/// </summary>
public class SiloFailoverTests
{
    private const int Phones = 2000;

    [Fact]
    public async Task A_killed_silo_loses_no_registration_and_almost_no_call()
    {
        Sipp.RequireInstalled();
        await using var cluster = await LocalCluster.StartAsync(silos: 3, gateways: 2);
        var a = cluster.Gateways[0];
        var b = cluster.Gateways[1];

        var registered = await Sipp.RunAsync("register.xml", a.Target, Phones, [LocalCluster.Domain], TimeSpan.FromSeconds(120), "u1", 0, 50);
        Assert.True(registered.Successful == Phones, registered + "\n" + cluster.Logs());

        var calleePort = FreePorts.Next();
        await using var callee = Sipp.Start("call-uas.xml", null, calleePort, [], "-t", "u1", "-m", "100000", "-timeout", "180s");
        string[] fields = [$"{LocalCluster.Domain};bob;127.0.0.1:{calleePort}"];
        Assert.Equal(1, (await Sipp.RunAsync("register-callee.xml", b.Target, 1, fields, TimeSpan.FromSeconds(20))).Successful);

        // A probe on registrations spread over every silo measures the gap; the calls measure the damage.
        var probeAddresses = Enumerable.Range(1, 60).Select(i => $"reg{i.ToString(CultureInfo.InvariantCulture)}@{LocalCluster.Domain}").ToList();
        await using var probe = new FailoverProbe(b.Target, probeAddresses);
        var callsA = Sipp.RunAsync("call-uac.xml", a.Target, 1500, fields, TimeSpan.FromSeconds(150), "u1", 25, 0);
        var callsB = Sipp.RunAsync("call-uac.xml", b.Target, 1500, fields, TimeSpan.FromSeconds(150), "u1", 25, 0);

        await Task.Delay(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken); // load running before the kill
        var killed = DateTime.UtcNow;
        cluster.Silos[1].Process!.Kill();
        Assert.True(await probe.WaitForRecoveryAsync(killed, streak: 60, TimeSpan.FromSeconds(60)), "requests never recovered\n" + cluster.Logs());
        var gap = probe.GapSince(killed);

        var resultA = await callsA;
        var resultB = await callsB;
        var total = resultA.Successful + resultA.Failed + resultB.Successful + resultB.Failed;
        var failed = resultA.Failed + resultB.Failed;
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"silo kill: gap {gap.TotalSeconds:0.0} s; calls {total}, failed {failed} ({100.0 * failed / Math.Max(1, total):0.00} %); probes {probe.Count}, slow {probe.SlowAnswers}, failed {probe.Failures}");
        Assert.True(total == 3000, $"{total} calls ran\n{resultA}\n{resultB}\n{cluster.Logs()}");
        Assert.True(failed <= total / 100, $"{failed} of {total} calls failed\n{resultA}\n{resultB}");
        Assert.True(gap < TimeSpan.FromSeconds(5), $"grains of the dead silo answered again only after {gap.TotalSeconds:0.0} s (killed at {killed:HH:mm:ss.fff})\n{cluster.Logs(20000)}");

        // Every registration is still there, asked through the other gateway.
        var missing = await Registrations.MissingAsync(b.Target, Phones);
        Assert.True(missing.Count == 0, Registrations.Describe(missing));
    }
}
