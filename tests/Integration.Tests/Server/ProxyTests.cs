using System.Text;
using Cinema.Integration.Tests.Infrastructure;
using Cinema.Sip.Messages;

namespace Cinema.Integration.Tests.Server;

/// <summary>Proxy and redirect behaviour of the running server, with test user agents on real UDP sockets.</summary>
[Collection(ServerCollection.Name)]
public class ProxyTests(ServerFixture fixture)
{
    private ServerProcess Server => fixture.Server;

    private static string NewUser() => "u" + Guid.NewGuid().ToString("N")[..10];

    private async Task<string> RegisterAsync(SipTestClient phone, string domain = "example.com")
    {
        var aor = NewUser() + "@" + domain;
        var response = await phone.RequestAsync(phone.Register(aor, phone.Contact, 300), Server.Target);
        Assert.Equal(200, response!.StatusCode);
        return aor;
    }

    [Fact]
    public async Task Options_to_the_server_is_answered_with_allow_accept_and_supported()
    {
        using var client = new SipTestClient();
        var response = await client.RequestAsync(client.Options(Server.Target, Server.Domain), Server.Target);
        Assert.Equal(200, response!.StatusCode);
        Assert.Contains(SipMethod.Invite, response.Allow);
        Assert.Contains(SipMethod.Message, response.Allow);
        Assert.Contains(response.Accept, a => a.Equals(MediaType.Sdp));
        Assert.Contains("path", response.Supported);
    }

    [Fact]
    public async Task Request_for_an_unknown_user_gets_404()
    {
        using var caller = new SipTestClient();
        var invite = caller.NewRequest(SipMethod.Message, $"sip:{NewUser()}@example.com", "sip:alice@example.com", $"sip:nobody@example.com");
        Assert.Equal(404, (await caller.RequestAsync(invite, Server.Target))!.StatusCode);
    }

    [Fact]
    public async Task Request_for_a_known_user_who_is_not_registered_gets_480()
    {
        using var phone = new SipTestClient();
        var aor = await RegisterAsync(phone);
        await phone.RequestAsync(phone.Register(aor, phone.Contact, 0), Server.Target);
        var message = phone.NewRequest(SipMethod.Message, "sip:" + aor, "sip:alice@example.com", "sip:" + aor);
        Assert.Equal(480, (await phone.RequestAsync(message, Server.Target))!.StatusCode);
    }

    [Fact]
    public async Task Message_is_routed_to_the_registered_contact_and_the_answer_comes_back()
    {
        using var bob = new SipTestClient();
        using var alice = new SipTestClient();
        var aor = await RegisterAsync(bob);
        var message = alice.NewRequest(SipMethod.Message, "sip:" + aor, "sip:alice@example.com", "sip:" + aor)
            .WithBody("hello bob", "text/plain");
        var pending = alice.RequestAsync(message, Server.Target);

        var received = await ReceiveRequestAsync(bob, SipMethod.Message);
        Assert.Equal(bob.Contact, received.RequestUri.ToString());
        Assert.Equal("hello bob", Encoding.UTF8.GetString(received.Body.Span));
        Assert.Equal(69, received.MaxForwards);
        Assert.Equal(2, received.Vias.Count);
        await bob.SendAsync(SipResponseBuilder.For(received, 200).WithToTag("b1").ToArray(), Server.Target);

        var response = await pending;
        Assert.Equal(200, response!.StatusCode);
        Assert.Single(response.Vias);
    }

    [Fact]
    public async Task Invite_is_record_routed_and_forked_to_every_binding()
    {
        using var phone1 = new SipTestClient();
        using var phone2 = new SipTestClient();
        using var caller = new SipTestClient();
        var aor = await RegisterAsync(phone1);
        Assert.Equal(200, (await phone2.RequestAsync(phone2.Register(aor, phone2.Contact, 300), Server.Target))!.StatusCode);

        var invite = caller.NewRequest(SipMethod.Invite, "sip:" + aor, "sip:alice@example.com", "sip:" + aor);
        var pending = caller.RequestAsync(invite, Server.Target, TimeSpan.FromSeconds(15));
        var at1 = await ReceiveRequestAsync(phone1, SipMethod.Invite);
        var at2 = await ReceiveRequestAsync(phone2, SipMethod.Invite);
        Assert.Single(at1.RecordRoutes);
        Assert.True(at1.RecordRoutes[0].Uri.IsLooseRouter);

        // One phone declines, the other answers: the caller gets the 200.
        await phone1.SendAsync(SipResponseBuilder.For(at1, 486).WithToTag("p1").ToArray(), Server.Target);
        await phone2.SendAsync(SipResponseBuilder.For(at2, 200).WithToTag("p2").WithRecordRouteFromRequest()
            .AddHeader(HeaderKind.Contact, "<" + phone2.Contact + ">").ToArray(), Server.Target);
        var response = await pending;
        Assert.Equal(200, response!.StatusCode);
        Assert.Equal("p2", response.To.Tag);
    }

    [Fact]
    public async Task Cancel_before_answer_ends_the_call_with_487()
    {
        using var bob = new SipTestClient();
        using var alice = new SipTestClient();
        var aor = await RegisterAsync(bob);
        var inviteBuilder = alice.NewRequest(SipMethod.Invite, "sip:" + aor, "sip:alice@example.com", "sip:" + aor);
        var invite = inviteBuilder.Build();
        await alice.SendAsync(inviteBuilder.ToArray(), Server.Target);

        var atBob = await ReceiveRequestAsync(bob, SipMethod.Invite);
        await bob.SendAsync(SipResponseBuilder.For(atBob, 180).WithToTag("b1").ToArray(), Server.Target);
        await WaitForResponseAsync(alice, 180);

        var cancel = new SipRequestBuilder(SipMethod.Cancel, invite.RequestUri)
            .AddHeader(HeaderKind.Via, invite.TopVia.ToString()).MaxForwards(70)
            .AddHeader(HeaderKind.From, invite.From.ToString()).AddHeader(HeaderKind.To, invite.To.ToString())
            .CallId(invite.CallId).CSeq(invite.CSeq.Number, SipMethod.Cancel);
        await alice.SendAsync(cancel.ToArray(), Server.Target);

        var cancelAtBob = await ReceiveRequestAsync(bob, SipMethod.Cancel);
        await bob.SendAsync(SipResponseBuilder.For(cancelAtBob, 200).WithToTag("b1").ToArray(), Server.Target);
        await bob.SendAsync(SipResponseBuilder.For(atBob, 487).WithToTag("b1").ToArray(), Server.Target);

        var final = await WaitForResponseAsync(alice, 487, SipMethod.Invite);
        Assert.Equal(487, final.StatusCode);
    }

    [Fact]
    public async Task Redirect_domain_answers_302_with_the_contacts()
    {
        using var phone = new SipTestClient();
        var aor = await RegisterAsync(phone, "redirect.example.com");
        var invite = phone.NewRequest(SipMethod.Invite, "sip:" + aor, "sip:alice@example.com", "sip:" + aor);
        var response = await phone.RequestAsync(invite, Server.Target);
        Assert.Equal(302, response!.StatusCode);
        var contact = Assert.Single(response.Contacts);
        Assert.Equal(phone.Contact, contact.Uri.ToString());
        Assert.NotNull(contact.Expires);
    }

    [Fact]
    public async Task Max_forwards_zero_gets_483()
    {
        using var phone = new SipTestClient();
        var aor = await RegisterAsync(phone);
        var message = phone.NewRequest(SipMethod.Message, "sip:" + aor, "sip:alice@example.com", "sip:" + aor).MaxForwards(0);
        Assert.Equal(483, (await phone.RequestAsync(message, Server.Target))!.StatusCode);
    }

    [Fact]
    public async Task Request_that_comes_back_to_the_proxy_unchanged_gets_482()
    {
        using var alice = new SipTestClient();
        using var relay = new SipTestClient();
        var aor = await RegisterAsync(relay);
        var message = alice.NewRequest(SipMethod.Message, "sip:" + aor, "sip:alice@example.com", "sip:" + aor);
        var pending = alice.RequestAsync(message, Server.Target);
        // The "phone" sends the request straight back, as a misconfigured forwarder would.
        var looped = await ReceiveRequestAsync(relay, SipMethod.Message);
        var back = looped.ToBuilder().WithRequestUri(SipUri.Parse("sip:" + aor))
            .Via(new Via("UDP", "127.0.0.1", relay.LocalEndPoint.Port).WithParameter("branch", SipTestClient.NewBranch())).ToArray();
        await relay.SendAsync(back, Server.Target);
        var loopAnswer = await WaitForResponseAsync(relay, 482);
        Assert.Equal("Loop Detected", loopAnswer.ReasonPhrase);
        await relay.SendAsync(SipResponseBuilder.For(looped, 200).WithToTag("r").ToArray(), Server.Target);
        Assert.Equal(200, (await pending)!.StatusCode);
    }

    [Theory]
    [InlineData("Proxy-Require: teleport", 420)]
    [InlineData("", 416)]
    public async Task Requests_the_proxy_cannot_handle_get_the_status_that_says_why(string header, int status)
    {
        using var client = new SipTestClient();
        var target = status == 416 ? "mailto:someone@example.com" : "sip:someone@example.com";
        var request = client.NewRequest(SipMethod.Message, target, "sip:alice@example.com", "sip:someone@example.com");
        if (header.Length > 0) request.AddHeader(header.Split(':')[0], header.Split(':')[1].Trim());
        var response = await client.RequestAsync(request, Server.Target);
        Assert.Equal(status, response!.StatusCode);
        if (status == 420) Assert.Contains("teleport", response.Unsupported);
    }

    [Fact]
    public async Task Malformed_request_gets_400_with_a_reason_and_the_server_keeps_answering()
    {
        using var client = new SipTestClient();
        var bytes = Encoding.ASCII.GetBytes(
            "INVITE sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:" + client.LocalEndPoint.Port + ";branch=z9hG4bKbad1\r\n" +
            "From: <sip:a@example.com>;tag=1\r\nTo: <sip:bob@example.com>\r\nCall-ID: bad1\r\nCSeq: 1 INVITE\r\nContact: <sip:a@127.0.0.1\r\n" +
            "Max-Forwards: 70\r\nX-Padding: " + new string('x', 300) + "\r\nContent-Length: 0\r\n\r\n");
        await client.SendAsync(bytes, Server.Target);
        var response = Assert.IsType<SipResponse>(await client.ReceiveAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(400, response.StatusCode);
        Assert.Contains("Contact", response.ReasonPhrase, StringComparison.Ordinal);
        Assert.Equal(200, (await client.RequestAsync(client.Options(Server.Target, Server.Domain), Server.Target))!.StatusCode);
    }

    [Fact]
    public async Task A_tiny_malformed_request_gets_no_answer_larger_than_itself()
    {
        using var client = new SipTestClient();
        var tiny = Encoding.ASCII.GetBytes($"X sip:a SIP/2.0\r\nv:SIP/2.0/UDP 127.0.0.1:{client.LocalEndPoint.Port}\r\ni:1\r\n\r\n");
        await client.SendAsync(tiny, Server.Target);
        var answer = await client.ReceiveBytesAsync(TimeSpan.FromSeconds(2));
        Assert.True(answer is null || answer.Length <= tiny.Length, $"{answer?.Length} bytes answered to {tiny.Length}");
        Assert.Equal(200, (await client.RequestAsync(client.Options(Server.Target, Server.Domain), Server.Target))!.StatusCode);
    }

    private static async Task<SipRequest> ReceiveRequestAsync(SipTestClient phone, string method)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < until)
        {
            if (await phone.ReceiveAsync(TimeSpan.FromSeconds(1)) is SipRequest r && r.Method == method) return r;
        }
        throw new TimeoutException($"no {method} arrived");
    }

    private static async Task<SipResponse> WaitForResponseAsync(SipTestClient phone, int status, string? method = null)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < until)
        {
            if (await phone.ReceiveAsync(TimeSpan.FromSeconds(1)) is SipResponse r && r.StatusCode == status && (method is null || r.CSeq.Method == method)) return r;
        }
        throw new TimeoutException($"no {status} arrived");
    }
}
