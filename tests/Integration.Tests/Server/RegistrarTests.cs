using Cinema.Integration.Tests.Infrastructure;
using Cinema.Sip.Messages;

namespace Cinema.Integration.Tests.Server;

/// <summary>REGISTER against the running server over real UDP.</summary>
[Collection(ServerCollection.Name)]
public class RegistrarTests(ServerFixture fixture)
{
    private ServerProcess Server => fixture.Server;

    private static string NewUser() => "u" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task Register_returns_200_listing_the_binding_with_its_expiry()
    {
        using var client = new SipTestClient();
        var aor = NewUser() + "@" + Server.Domain;
        var response = await client.RequestAsync(client.Register(aor, client.Contact, 600), Server.Target);
        Assert.NotNull(response);
        Assert.Equal(200, response.StatusCode);
        var contact = Assert.Single(response.Contacts);
        Assert.Equal(client.Contact, contact.Uri.ToString());
        Assert.InRange(contact.Expires ?? 0, 598, 600);
        Assert.NotNull(response.To.Tag);
    }

    [Fact]
    public async Task Query_register_lists_every_current_binding()
    {
        using var phone1 = new SipTestClient();
        using var phone2 = new SipTestClient();
        var aor = NewUser() + "@" + Server.Domain;
        await phone1.RequestAsync(phone1.Register(aor, phone1.Contact, 300), Server.Target);
        await phone2.RequestAsync(phone2.Register(aor, phone2.Contact, 300), Server.Target);
        var query = await phone1.RequestAsync(phone1.Register(aor, contact: null, expires: null), Server.Target);
        Assert.Equal(200, query!.StatusCode);
        Assert.Equal(new[] { phone1.Contact, phone2.Contact }.Order(), query.Contacts.Select(c => c.Uri.ToString()).Order());
    }

    [Fact]
    public async Task Too_short_expiry_gets_423_with_min_expires()
    {
        using var client = new SipTestClient();
        var response = await client.RequestAsync(client.Register(NewUser() + "@" + Server.Domain, client.Contact, 5), Server.Target);
        Assert.Equal(423, response!.StatusCode);
        Assert.Equal(60, response.MinExpires);
    }

    [Fact]
    public async Task Out_of_order_refresh_gets_500()
    {
        using var client = new SipTestClient();
        var aor = NewUser() + "@" + Server.Domain;
        var callId = Guid.NewGuid().ToString("N");
        Assert.Equal(200, (await client.RequestAsync(client.Register(aor, client.Contact, 300, callId, cseq: 10), Server.Target))!.StatusCode);
        Assert.Equal(500, (await client.RequestAsync(client.Register(aor, client.Contact, 300, callId, cseq: 9), Server.Target))!.StatusCode);
    }

    [Fact]
    public async Task Wildcard_unregister_removes_all_bindings()
    {
        using var client = new SipTestClient();
        var aor = NewUser() + "@" + Server.Domain;
        await client.RequestAsync(client.Register(aor, client.Contact, 300), Server.Target);
        var remove = client.Register(aor, contact: null, expires: 0).AddHeader(HeaderKind.Contact, "*");
        Assert.Equal(200, (await client.RequestAsync(remove, Server.Target))!.StatusCode);
        var query = await client.RequestAsync(client.Register(aor, contact: null, expires: null), Server.Target);
        Assert.Empty(query!.Contacts);
    }

    [Fact]
    public async Task Register_for_a_foreign_domain_is_refused()
    {
        using var client = new SipTestClient();
        var request = client.Register(NewUser() + "@elsewhere.example.net", client.Contact, 300)
            .WithRequestUri(SipUri.Parse("sip:" + Server.Domain));
        Assert.Equal(404, (await client.RequestAsync(request, Server.Target))!.StatusCode);
    }

    [Fact]
    public async Task Path_is_echoed_in_the_200()
    {
        using var client = new SipTestClient();
        var request = client.Register(NewUser() + "@" + Server.Domain, client.Contact, 300).AddHeader(HeaderKind.Path, "<sip:edge.example.net;lr>")
            .AddHeader(HeaderKind.Supported, "path");
        var response = await client.RequestAsync(request, Server.Target);
        Assert.Equal("edge.example.net", Assert.Single(response!.Paths).Uri.Host);
    }
}
