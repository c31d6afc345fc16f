using Cinema.Integration.Tests.Infrastructure;
using Cinema.Sip.Messages;

namespace Cinema.Integration.Tests.Server;

/// <summary>A server with authentication on (the default) and its accounts, shared by <see cref="AuthTests"/>.</summary>
public sealed class AuthFixture : IAsyncLifetime
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("cinema-auth-").FullName;

    public ServerProcess Server { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        // Thresholds high enough that these tests' deliberate failures never slow or block anyone; the throttle
        // has tests of its own. Short nonces, to test stale ones.
        Server = new ServerProcess(_dataDir, "example.com", "--Cinema:Auth:Throttle:SourceFailures=1000",
            "--Cinema:Auth:Throttle:UserFailures=1000", "--Cinema:Auth:NonceSeconds=2");
        await Server.StartAsync();
        await Server.AddUserAsync("alice@example.com", "alice-secret");
        await Server.AddUserAsync("bob@example.com", "bob-secret");
        await Server.AddUserAsync("carol@example.com", "carol-secret");
        var disabled = await Server.UsersAsync("disable", "carol@example.com");
        Assert.Equal(0, disabled.ExitCode);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Directory.Delete(_dataDir, recursive: true);
    }
}

/// <summary>Digest authentication against the running server (RFC 3261 §22, RFC 7616, RFC 8760).</summary>
public class AuthTests(AuthFixture fixture) : IClassFixture<AuthFixture>
{
    private ServerProcess Server => fixture.Server;

    [Fact]
    public async Task Register_without_credentials_is_challenged_with_sha256_first_then_md5()
    {
        using var phone = new SipTestClient();
        var response = await phone.RequestAsync(phone.Register("alice@example.com", phone.Contact), Server.Target);
        Assert.Equal(401, response!.StatusCode);
        var challenges = response.WwwAuthenticate;
        Assert.Equal(["SHA-256", "MD5"], challenges.Select(c => c.Parameters["algorithm"]));
        Assert.All(challenges, c => Assert.Equal("example.com", c.Parameters["realm"]));
        Assert.All(challenges, c => Assert.Equal("auth", c.Parameters["qop"]));
    }

    [Theory]
    [InlineData("SHA-256")]
    [InlineData("MD5")]
    public async Task A_phone_registers_with_either_algorithm(string algorithm)
    {
        using var phone = new SipTestClient();
        var response = await phone.AuthenticatedRequestAsync(phone.Register("alice@example.com", phone.Contact), Server.Target, "alice", "alice-secret", algorithm);
        Assert.Equal(200, response!.StatusCode);
        Assert.Contains(response.Contacts, c => c.Uri.ToString() == phone.Contact);
    }

    [Fact]
    public async Task Unknown_user_wrong_password_and_disabled_account_get_the_same_answer()
    {
        var unknown = await FailedRegisterAsync("mallory", "whatever");
        var wrong = await FailedRegisterAsync("alice", "not-her-password");
        var disabled = await FailedRegisterAsync("carol", "carol-secret");
        foreach (var r in new[] { unknown, wrong, disabled })
        {
            Assert.Equal(unknown.Response.StatusCode, r.Response.StatusCode);
            Assert.Equal(unknown.Response.ReasonPhrase, r.Response.ReasonPhrase);
            Assert.Equal(HeaderNames(unknown.Response), HeaderNames(r.Response));
        }
        Assert.Equal(401, unknown.Response.StatusCode);
        // The same work is done for all three; only a gross difference (a shortcut for unknown users) fails this.
        var times = new[] { unknown.Elapsed, wrong.Elapsed, disabled.Elapsed };
        Assert.True(times.Max() - times.Min() < TimeSpan.FromMilliseconds(250), string.Join(", ", times));
    }

    [Fact]
    public async Task A_replayed_nonce_count_is_refused()
    {
        using var phone = new SipTestClient();
        var first = phone.Register("alice@example.com", phone.Contact);
        var sent = first.Build();
        var challenge = await phone.RequestAsync(first, Server.Target);
        var answer = SipTestClient.Answer(sent, challenge!, "alice", "alice-secret", "SHA-256");
        var credentials = answer.GetHeaders(HeaderKind.Authorization).Single();
        Assert.Equal(200, (await phone.RequestAsync(answer, Server.Target))!.StatusCode);

        // The same credentials (same nonce, same nc) in a new request: a replay.
        var replay = phone.Register("alice@example.com", phone.Contact, callId: sent.CallId, cseq: sent.CSeq.Number + 5)
            .AddHeader(HeaderKind.Authorization, credentials);
        Assert.Equal(401, (await phone.RequestAsync(replay, Server.Target))!.StatusCode);
    }

    [Fact]
    public async Task An_expired_nonce_is_refused_with_stale_true()
    {
        using var phone = new SipTestClient();
        var first = phone.Register("alice@example.com", phone.Contact);
        var sent = first.Build();
        var challenge = await phone.RequestAsync(first, Server.Target);
        var issued = DateTime.UtcNow;
        // The nonce lives 2 s on this server: wait until it is certainly older than that.
        await Deadline.WaitAsync(() => DateTime.UtcNow - issued > TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(5));
        var late = await phone.RequestAsync(SipTestClient.Answer(sent, challenge!, "alice", "alice-secret", "SHA-256"), Server.Target);
        Assert.Equal(401, late!.StatusCode);
        Assert.All(late.WwwAuthenticate, c => Assert.Equal("true", c.Parameters["stale"]));
    }

    [Fact]
    public async Task Registering_someone_else_is_refused_even_with_a_good_password()
    {
        using var phone = new SipTestClient();
        var response = await phone.AuthenticatedRequestAsync(phone.Register("bob@example.com", phone.Contact), Server.Target, "alice", "alice-secret");
        Assert.Equal(403, response!.StatusCode);
    }

    [Fact]
    public async Task A_call_from_our_user_is_challenged_with_407_and_passes_with_credentials()
    {
        using var bob = new SipTestClient();
        using var alice = new SipTestClient();
        Assert.Equal(200, (await bob.AuthenticatedRequestAsync(bob.Register("bob@example.com", bob.Contact), Server.Target, "bob", "bob-secret"))!.StatusCode);

        var message = alice.NewRequest(SipMethod.Message, "sip:bob@example.com", "sip:alice@example.com", "sip:bob@example.com").WithBody("hi", "text/plain");
        var sent = message.Build();
        var challenge = await alice.RequestAsync(message, Server.Target);
        Assert.Equal(407, challenge!.StatusCode);
        Assert.Equal(["SHA-256", "MD5"], challenge.ProxyAuthenticate.Select(c => c.Parameters["algorithm"]));

        var pending = alice.RequestAsync(SipTestClient.Answer(sent, challenge, "alice", "alice-secret"), Server.Target);
        var atBob = await ReceiveAsync(bob, SipMethod.Message);
        Assert.Empty(atBob.ProxyAuthorization); // our realm's credentials are not passed on
        await bob.SendAsync(SipResponseBuilder.For(atBob, 200).WithToTag("b").ToArray(), Server.Target);
        Assert.Equal(200, (await pending)!.StatusCode);
    }

    [Fact]
    public async Task A_forged_from_is_refused_even_with_a_good_password()
    {
        using var alice = new SipTestClient();
        var message = alice.NewRequest(SipMethod.Message, "sip:bob@example.com", "sip:bob@example.com", "sip:bob@example.com");
        var response = await alice.AuthenticatedRequestAsync(message, Server.Target, "alice", "alice-secret");
        Assert.Equal(403, response!.StatusCode);
    }

    [Fact]
    public async Task A_request_from_outside_to_outside_is_not_relayed()
    {
        using var stranger = new SipTestClient();
        var message = stranger.NewRequest(SipMethod.Message, "sip:someone@elsewhere.example.net", "sip:x@another.example.org", "sip:someone@elsewhere.example.net");
        var response = await stranger.RequestAsync(message, Server.Target);
        Assert.Equal(403, response!.StatusCode);
        Assert.Equal("Relaying denied", response.ReasonPhrase);
    }

    [Fact]
    public async Task A_request_from_outside_to_our_user_needs_no_credentials()
    {
        using var stranger = new SipTestClient();
        var message = stranger.NewRequest(SipMethod.Message, "sip:nobody-here@example.com", "sip:x@another.example.org", "sip:nobody-here@example.com");
        Assert.Equal(404, (await stranger.RequestAsync(message, Server.Target))!.StatusCode);
    }

    private async Task<(SipResponse Response, TimeSpan Elapsed)> FailedRegisterAsync(string user, string password)
    {
        using var phone = new SipTestClient();
        var first = phone.Register(user + "@example.com", phone.Contact);
        var sent = first.Build();
        var challenge = await phone.RequestAsync(first, Server.Target);
        var answer = SipTestClient.Answer(sent, challenge!, user, password, "SHA-256");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var response = await phone.RequestAsync(answer, Server.Target);
        return (response!, watch.Elapsed);
    }

    private static string[] HeaderNames(SipResponse r) => [.. r.Headers.Select(h => h.Name)];

    private static async Task<SipRequest> ReceiveAsync(SipTestClient phone, string method)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < until)
        {
            if (await phone.ReceiveAsync(TimeSpan.FromSeconds(1)) is SipRequest r && r.Method == method) return r;
        }
        throw new TimeoutException($"no {method} arrived");
    }
}
