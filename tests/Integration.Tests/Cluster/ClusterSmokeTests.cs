using Cinema.Integration.Tests.Infrastructure;

namespace Cinema.Integration.Tests.Cluster;

/// <summary>Gateways are interchangeable: what one registers, another finds.</summary>
public class ClusterSmokeTests
{
    [Fact]
    public async Task A_registration_through_one_gateway_is_seen_through_the_other()
    {
        await using var cluster = await LocalCluster.StartAsync(silos: 2, gateways: 2);
        using var phone = new SipTestClient();
        var aor = "smoke@" + LocalCluster.Domain;
        var registered = await phone.RequestAsync(phone.Register(aor, phone.Contact, 600), cluster.Gateways[0].Target, TimeSpan.FromSeconds(15));
        Assert.True(registered?.StatusCode == 200, $"{registered?.StatusCode}\n{cluster.Logs()}");
        var query = await phone.RequestAsync(phone.Register(aor, contact: null, expires: null), cluster.Gateways[1].Target, TimeSpan.FromSeconds(15));
        Assert.Equal(phone.Contact, Assert.Single(query!.Contacts).Uri.ToString());
    }

    [Fact]
    public async Task A_silo_that_serves_sip_itself_shares_registrations_with_the_gateways()
    {
        await using var cluster = await LocalCluster.StartAsync(silos: 1, gateways: 1);
        var serving = new SiloNode("silo-sip", FreePorts.Next(), FreePorts.Next(), FreePorts.Next());
        cluster.Silos.Add(serving);
        await cluster.StartSiloAsync(serving);

        using var phone = new SipTestClient();
        var aor = "silo-served@" + LocalCluster.Domain;
        var registered = await phone.RequestAsync(phone.Register(aor, phone.Contact, 600), serving.Target, TimeSpan.FromSeconds(15));
        Assert.True(registered?.StatusCode == 200, $"{registered?.StatusCode}\n{cluster.Logs()}");
        var query = await phone.RequestAsync(phone.Register(aor, contact: null, expires: null), cluster.Gateways[0].Target, TimeSpan.FromSeconds(15));
        Assert.Equal(phone.Contact, Assert.Single(query!.Contacts).Uri.ToString());
    }
}
