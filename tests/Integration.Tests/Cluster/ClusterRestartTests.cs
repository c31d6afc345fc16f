using System.Diagnostics;
using Cinema.Integration.Tests.Infrastructure;

namespace Cinema.Integration.Tests.Cluster;

/// <summary>Planned operations: silos are upgraded one at a time under load, or the whole cluster is restarted.</summary>
public class ClusterRestartTests
{
    [Fact]
    public async Task Restarting_every_silo_in_turn_under_load_fails_no_call_and_loses_no_registration()
    {
        const int phones = 1000;
        Sipp.RequireInstalled();
        await using var cluster = await LocalCluster.StartAsync(silos: 3, gateways: 2);
        var a = cluster.Gateways[0];
        var b = cluster.Gateways[1];

        var registered = await Sipp.RunAsync("register.xml", a.Target, phones, [LocalCluster.Domain], TimeSpan.FromSeconds(90), "u1", 0, 50);
        Assert.True(registered.Successful == phones, registered + "\n" + cluster.Logs());

        var calleePort = FreePorts.Next();
        await using var callee = Sipp.Start("call-uas.xml", null, calleePort, [], "-t", "u1", "-m", "100000", "-timeout", "300s");
        string[] fields = [$"{LocalCluster.Domain};bob;127.0.0.1:{calleePort}"];
        Assert.Equal(1, (await Sipp.RunAsync("register-callee.xml", b.Target, 1, fields, TimeSpan.FromSeconds(20))).Successful);

        // Calls through both gateways for as long as the restarts take, then let the calls under way finish.
        string[] load = ["-t", "u1", "-m", "100000", "-r", "15", "-timeout", "300s"];
        await using var callsA = Sipp.Start("call-uac.xml", a.Target, FreePorts.Next(), fields, load);
        await using var callsB = Sipp.Start("call-uac.xml", b.Target, FreePorts.Next(), fields, load);
        Assert.True(await CallsProgressAsync(callsA, callsB, 50), "calls did not start\n" + callsA.Progress() + callsB.Progress());

        foreach (var silo in cluster.Silos)
        {
            var watch = Stopwatch.StartNew();
            var stopped = await silo.Process!.StopAsync(TimeSpan.FromSeconds(30));
            Assert.True(silo.Process.ExitCode == 0, $"{silo.Name} exited with {silo.Process.ExitCode}\n{silo.Process.Output}");
            await silo.Process.DisposeAsync();
            await cluster.StartSiloAsync(silo);
            TestContext.Current.TestOutputHelper?.WriteLine($"{silo.Name}: stopped in {stopped.TotalSeconds:0.0} s, serving again after {watch.Elapsed.TotalSeconds:0.0} s");
            // The next silo goes only when calls flow with this one back, as an operator's script would wait.
            Assert.True(await CallsProgressAsync(callsA, callsB, 50), $"calls stalled after restarting {silo.Name}\n{cluster.Logs()}");
        }

        callsA.StopSoftly();
        callsB.StopSoftly();
        var resultA = await callsA.WaitAsync(TimeSpan.FromSeconds(60));
        var resultB = await callsB.WaitAsync(TimeSpan.FromSeconds(60));
        var total = resultA.Successful + resultA.Failed + resultB.Successful + resultB.Failed;
        TestContext.Current.TestOutputHelper?.WriteLine($"rolling restart: {total} calls, {resultA.Failed + resultB.Failed} failed");
        Assert.True(resultA.Failed + resultB.Failed == 0, $"calls failed during the rolling restart\n{resultA}\n{resultB}\n{cluster.Logs()}");
        Assert.True(resultA.Successful > 0 && resultB.Successful > 0, $"{resultA}\n{resultB}");

        var missing = await Registrations.MissingAsync(b.Target, phones);
        Assert.True(missing.Count == 0, Registrations.Describe(missing));
    }

    [Fact]
    public async Task A_whole_cluster_restart_keeps_every_registration_and_account()
    {
        const int phones = 300;
        Sipp.RequireInstalled();
        await using var cluster = await LocalCluster.StartAsync(silos: 2, gateways: 1);
        var gateway = cluster.Gateways[0];
        string[] clusterArgs = [$"--Cinema:Cluster:Postgres={cluster.ConnectionString}", $"--Cinema:Domains:0={LocalCluster.Domain}"];

        var added = await SiloCommand.RunAsync(["users", "add", "carol@" + LocalCluster.Domain, "--password", "restart-proof-1", .. clusterArgs]);
        Assert.True(added.ExitCode == 0, added.ToString());
        var registered = await Sipp.RunAsync("register.xml", gateway.Target, phones, [LocalCluster.Domain], TimeSpan.FromSeconds(60), "u1", 0, 50);
        Assert.True(registered.Successful == phones, registered + "\n" + cluster.Logs());

        foreach (var silo in cluster.Silos)
        {
            await silo.Process!.StopAsync(TimeSpan.FromSeconds(30));
            Assert.True(silo.Process.ExitCode == 0, $"{silo.Name} exited with {silo.Process.ExitCode}\n{silo.Process.Output}");
            await silo.Process.DisposeAsync();
        }
        foreach (var silo in cluster.Silos) await cluster.StartSiloAsync(silo);

        // The gateway outlived the cluster and finds it again by itself.
        using var client = new SipTestClient();
        Assert.True(await Deadline.WaitAsync(async () =>
            await client.RequestAsync(client.Register("reg1@" + LocalCluster.Domain, contact: null, expires: null), gateway.Target, TimeSpan.FromSeconds(2)) is { StatusCode: 200 },
            TimeSpan.FromSeconds(60)), "the gateway did not reconnect\n" + cluster.Logs());
        var missing = await Registrations.MissingAsync(gateway.Target, phones);
        Assert.True(missing.Count == 0, Registrations.Describe(missing));

        var listed = await SiloCommand.RunAsync(["users", "list", .. clusterArgs]);
        Assert.True(listed.ExitCode == 0 && listed.Output.Contains("carol@" + LocalCluster.Domain, StringComparison.Ordinal), listed.ToString());
    }

    /// <summary>Waits until both SIPp instances have completed <paramref name="calls"/> more calls each.</summary>
    private static async Task<bool> CallsProgressAsync(Sipp first, Sipp second, int calls)
    {
        var (startFirst, _) = first.Progress();
        var (startSecond, _) = second.Progress();
        return await Deadline.WaitAsync(() => first.Progress().Ok >= startFirst + calls && second.Progress().Ok >= startSecond + calls, TimeSpan.FromSeconds(60));
    }
}
