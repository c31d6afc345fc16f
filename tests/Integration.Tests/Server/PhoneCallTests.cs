using Cinema.Integration.Tests.Infrastructure;

namespace Cinema.Integration.Tests.Server;

/// <summary>Two real phones (baresip) register with the server, one calls the other, and each hears the other's tone.</summary>
[Collection(ServerCollection.Name)]
public class PhoneCallTests(ServerFixture fixture)
{
    [Theory]
    [InlineData("udp")]
    [InlineData("tcp")]
    public async Task Two_phones_register_and_call_and_each_hears_the_other(string transport)
    {
        BaresipPhone.RequireInstalled();
        var server = fixture.Server;
        var root = Directory.CreateTempSubdirectory("cinema-phones-").FullName;
        try
        {
            var suffix = Guid.NewGuid().ToString("N")[..6];
            var bobAor = $"bob{suffix}@{server.Domain}";
            await using var bob = BaresipPhone.Start(Path.Combine(root, "bob"), bobAor, server.Target, FreePorts.NextPair(), 1000,
                TimeSpan.FromSeconds(25), transport: transport);
            Assert.True(await bob.WaitForAsync("200 OK", TimeSpan.FromSeconds(10)), "bob did not register:\n" + bob.Log);

            await using var alice = BaresipPhone.Start(Path.Combine(root, "alice"), $"alice{suffix}@{server.Domain}", server.Target,
                FreePorts.NextPair(), 440, TimeSpan.FromSeconds(12), transport: transport, commands: $"/dial sip:{bobAor}");
            Assert.True(await alice.WaitForAsync("Call established", TimeSpan.FromSeconds(15)), "the call was not established:\n" + alice.Log + "\n---\n" + bob.Log);

            // Let audio flow, then both phones end by themselves (alice's lifetime ends the call).
            Assert.True(await alice.WaitForExitAsync(TimeSpan.FromSeconds(20)), "alice did not exit");
            Assert.True(await Deadline.WaitAsync(() => bob.Recordings.Count > 0 && alice.Recordings.Count > 0, TimeSpan.FromSeconds(10)),
                "no recordings:\n" + alice.Log + "\n---\n" + bob.Log);
            double[] tones = [440, 1000];
            Assert.Equal([1000.0], alice.Recordings.SelectMany(r => Wav.TonesIn(r, tones)).Distinct());
            Assert.Equal([440.0], bob.Recordings.SelectMany(r => Wav.TonesIn(r, tones)).Distinct());
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
