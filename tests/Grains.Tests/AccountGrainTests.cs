using Cinema.Sip.Auth;

namespace Cinema.Grains.Tests;

/// <summary>Accounts hold digest HA1 values per realm and algorithm, can be disabled, and are listed per domain.</summary>
[Collection(ClusterCollection.Name)]
public class AccountGrainTests(ClusterFixture fixture)
{
    private static string NewDomain() => "d" + Guid.NewGuid().ToString("N")[..12] + ".example";

    private static string NewAddress(string domain = "example.com") => "u" + Guid.NewGuid().ToString("N")[..12] + "@" + domain;

    private IAccountGrain Account(string address) => fixture.Grains.GetGrain<IAccountGrain>(address);

    private IAccountDirectoryGrain Directory(string domain) => fixture.Grains.GetGrain<IAccountDirectoryGrain>(domain);

    /// <summary>What the command line sends: HA1 for the domain as realm, once per hash function.</summary>
    private static AccountCredentials Credentials(string address, string password, string? name = null)
    {
        var (user, domain) = (address[..address.IndexOf('@')], address[(address.IndexOf('@') + 1)..]);
        var hashes = new Dictionary<string, string>();
        foreach (var a in (DigestAlgorithm[])[DigestAlgorithm.Md5, DigestAlgorithm.Sha256, DigestAlgorithm.Sha512T256])
            hashes[domain + "/" + a.Name] = DigestComputation.ComputeHa1(a, user, domain, password);
        return new AccountCredentials(name, hashes);
    }

    private static string Ha1(DigestAlgorithm algorithm, string address, string password) =>
        DigestComputation.ComputeHa1(algorithm, address[..address.IndexOf('@')], address[(address.IndexOf('@') + 1)..], password);

    [Fact]
    public async Task Created_account_exists_enabled_with_its_name_and_creation_time()
    {
        var address = NewAddress();
        var before = DateTimeOffset.UtcNow;
        Assert.Equal(AccountResult.Ok, await Account(address).Create(Credentials(address, "secret", "Alice Liddell")));
        Assert.True(await Account(address).Exists());
        var info = await Account(address).GetInfo();
        Assert.NotNull(info);
        Assert.Equal(address, info.Address);
        Assert.Equal("Alice Liddell", info.DisplayName);
        Assert.True(info.Enabled);
        Assert.InRange(info.Created, before.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal(info.Created, info.Changed);
    }

    [Fact]
    public async Task Missing_account_does_not_exist_and_has_no_info_or_digest_secret()
    {
        var grain = Account(NewAddress());
        Assert.False(await grain.Exists());
        Assert.Null(await grain.GetInfo());
        Assert.Null(await grain.GetDigestHa1("example.com", "MD5"));
    }

    [Fact]
    public async Task Create_of_an_existing_account_is_refused()
    {
        var address = NewAddress();
        await Account(address).Create(Credentials(address, "first", "First"));
        Assert.Equal(AccountResult.AlreadyExists, await Account(address).Create(Credentials(address, "second", "Second")));
        Assert.Equal("First", (await Account(address).GetInfo())!.DisplayName);
        Assert.Equal(Ha1(DigestAlgorithm.Md5, address, "first"), await Account(address).GetDigestHa1("example.com", "MD5"));
    }

    [Fact]
    public async Task Create_without_any_hash_is_invalid_and_creates_nothing()
    {
        var address = NewAddress();
        Assert.Equal(AccountResult.Invalid, await Account(address).Create(new AccountCredentials("x", new Dictionary<string, string>())));
        Assert.False(await Account(address).Exists());
    }

    [Theory]
    [InlineData("example.com/MD5", "abc")]
    [InlineData("example.com/MD5", "zz0102030405060708090a0b0c0d0e0f")]
    [InlineData("example.com/ROT13", "000102030405060708090a0b0c0d0e0f")]
    [InlineData("example.com", "000102030405060708090a0b0c0d0e0f")]
    [InlineData("/MD5", "000102030405060708090a0b0c0d0e0f")]
    public async Task Create_with_a_malformed_hash_is_invalid(string key, string value)
    {
        var address = NewAddress();
        var credentials = new AccountCredentials(null, new Dictionary<string, string> { [key] = value });
        Assert.Equal(AccountResult.Invalid, await Account(address).Create(credentials));
        Assert.False(await Account(address).Exists());
    }

    [Fact]
    public async Task Create_under_a_key_with_an_upper_case_host_is_invalid()
    {
        // The proxy and registrar look accounts up by the lower-cased host; such an account could never be found.
        var address = "u" + Guid.NewGuid().ToString("N")[..8] + "@Example.COM";
        Assert.Equal(AccountResult.Invalid, await Account(address).Create(Credentials(address, "secret")));
    }

    [Fact]
    public async Task Digest_secret_is_the_stored_ha1_of_the_realm_and_algorithm()
    {
        var address = NewAddress();
        await Account(address).Create(Credentials(address, "secret"));
        Assert.Equal(Ha1(DigestAlgorithm.Md5, address, "secret"), await Account(address).GetDigestHa1("example.com", "MD5"));
        Assert.Equal(Ha1(DigestAlgorithm.Sha256, address, "secret"), await Account(address).GetDigestHa1("example.com", "SHA-256"));
        Assert.Equal(Ha1(DigestAlgorithm.Sha512T256, address, "secret"), await Account(address).GetDigestHa1("example.com", "SHA-512-256"));
    }

    [Fact]
    public async Task Session_algorithms_and_any_token_case_use_the_ha1_of_their_hash_function()
    {
        // RFC 7616 §3.4.2: the -sess variants start from the same H(user:realm:password).
        var address = NewAddress();
        await Account(address).Create(Credentials(address, "secret"));
        Assert.Equal(Ha1(DigestAlgorithm.Sha256, address, "secret"), await Account(address).GetDigestHa1("example.com", "SHA-256-sess"));
        Assert.Equal(Ha1(DigestAlgorithm.Md5, address, "secret"), await Account(address).GetDigestHa1("example.com", "md5"));
    }

    [Fact]
    public async Task Unknown_realm_or_algorithm_gives_no_digest_secret()
    {
        var address = NewAddress();
        await Account(address).Create(Credentials(address, "secret"));
        Assert.Null(await Account(address).GetDigestHa1("example.org", "MD5"));
        Assert.Null(await Account(address).GetDigestHa1("example.com", "ROT13"));
    }

    [Fact]
    public async Task Hashes_given_in_upper_case_hex_are_returned_in_lower_case()
    {
        var address = NewAddress();
        var ha1 = Ha1(DigestAlgorithm.Md5, address, "secret");
        await Account(address).Create(new AccountCredentials(null, new Dictionary<string, string> { ["example.com/MD5"] = ha1.ToUpperInvariant() }));
        Assert.Equal(ha1, await Account(address).GetDigestHa1("example.com", "MD5"));
    }

    [Fact]
    public async Task Disabled_account_gives_no_digest_secret()
    {
        var address = NewAddress();
        await Account(address).Create(Credentials(address, "secret"));
        Assert.Equal(AccountResult.Ok, await Account(address).SetEnabled(false));
        Assert.Null(await Account(address).GetDigestHa1("example.com", "SHA-256"));
        Assert.True(await Account(address).Exists());
        Assert.False((await Account(address).GetInfo())!.Enabled);
    }

    [Fact]
    public async Task Enabling_a_disabled_account_gives_its_digest_secret_again()
    {
        var address = NewAddress();
        await Account(address).Create(Credentials(address, "secret"));
        await Account(address).SetEnabled(false);
        Assert.Equal(AccountResult.Ok, await Account(address).SetEnabled(true));
        Assert.Equal(Ha1(DigestAlgorithm.Sha256, address, "secret"), await Account(address).GetDigestHa1("example.com", "SHA-256"));
        var info = (await Account(address).GetInfo())!;
        Assert.True(info.Enabled);
        Assert.True(info.Changed >= info.Created);
    }

    [Fact]
    public async Task New_credentials_replace_every_hash_and_keep_the_name()
    {
        var address = NewAddress();
        var extra = new Dictionary<string, string>(Credentials(address, "old").Ha1) { ["old.example/MD5"] = Ha1(DigestAlgorithm.Md5, address, "old") };
        await Account(address).Create(new AccountCredentials("Alice", extra));
        Assert.Equal(AccountResult.Ok, await Account(address).SetCredentials(Credentials(address, "new")));
        Assert.Equal(Ha1(DigestAlgorithm.Md5, address, "new"), await Account(address).GetDigestHa1("example.com", "MD5"));
        Assert.Null(await Account(address).GetDigestHa1("old.example", "MD5"));
        Assert.Equal("Alice", (await Account(address).GetInfo())!.DisplayName);
    }

    [Fact]
    public async Task New_credentials_with_a_name_rename_the_account()
    {
        var address = NewAddress();
        await Account(address).Create(Credentials(address, "old", "Alice"));
        await Account(address).SetCredentials(Credentials(address, "new", "Alice Liddell"));
        Assert.Equal("Alice Liddell", (await Account(address).GetInfo())!.DisplayName);
    }

    [Fact]
    public async Task New_credentials_without_any_hash_are_invalid_and_keep_the_old_ones()
    {
        var address = NewAddress();
        await Account(address).Create(Credentials(address, "old"));
        Assert.Equal(AccountResult.Invalid, await Account(address).SetCredentials(new AccountCredentials(null, new Dictionary<string, string>())));
        Assert.Equal(Ha1(DigestAlgorithm.Md5, address, "old"), await Account(address).GetDigestHa1("example.com", "MD5"));
    }

    [Fact]
    public async Task Changes_to_a_missing_account_are_not_found()
    {
        var address = NewAddress();
        Assert.Equal(AccountResult.NotFound, await Account(address).SetCredentials(Credentials(address, "x")));
        Assert.Equal(AccountResult.NotFound, await Account(address).SetEnabled(false));
        Assert.Equal(AccountResult.NotFound, await Account(address).Remove());
        Assert.False(await Account(address).Exists());
    }

    [Fact]
    public async Task Removed_account_no_longer_exists_and_can_be_created_again()
    {
        var address = NewAddress();
        await Account(address).Create(Credentials(address, "old", "Old"));
        Assert.Equal(AccountResult.Ok, await Account(address).Remove());
        Assert.False(await Account(address).Exists());
        Assert.Null(await Account(address).GetInfo());
        Assert.Null(await Account(address).GetDigestHa1("example.com", "MD5"));

        Assert.Equal(AccountResult.Ok, await Account(address).Create(Credentials(address, "new")));
        var info = (await Account(address).GetInfo())!;
        Assert.Null(info.DisplayName);
        Assert.Equal(Ha1(DigestAlgorithm.Md5, address, "new"), await Account(address).GetDigestHa1("example.com", "MD5"));
    }

    [Fact]
    public async Task Account_survives_deactivation()
    {
        var address = NewAddress();
        await Account(address).Create(Credentials(address, "secret", "Alice"));
        await Account(address).SetEnabled(false);
        var before = await Account(address).GetInfo();

        await fixture.Cluster.DeactivateAsync(Account(address));

        Assert.Equal(before, await Account(address).GetInfo());
        await Account(address).SetEnabled(true);
        Assert.Equal(Ha1(DigestAlgorithm.Sha512T256, address, "secret"), await Account(address).GetDigestHa1("example.com", "SHA-512-256"));
    }

    [Fact]
    public async Task Directory_lists_the_accounts_of_its_domain()
    {
        var domain = NewDomain();
        string[] addresses = ["carol@" + domain, "alice@" + domain, "bob@" + domain];
        foreach (var address in addresses) await Account(address).Create(Credentials(address, "secret"));
        var other = NewAddress(NewDomain());
        await Account(other).Create(Credentials(other, "secret"));

        Assert.Equal(["alice@" + domain, "bob@" + domain, "carol@" + domain], await Directory(domain).List());
    }

    [Fact]
    public async Task Removed_account_leaves_its_directory_and_a_refused_create_adds_nothing()
    {
        var domain = NewDomain();
        var alice = "alice@" + domain;
        var bob = "bob@" + domain;
        await Account(alice).Create(Credentials(alice, "secret"));
        await Account(bob).Create(Credentials(bob, "secret"));
        await Account(alice).Remove();
        await Account("carol@" + domain).Create(new AccountCredentials(null, new Dictionary<string, string>()));

        Assert.Equal([bob], await Directory(domain).List());
    }

    [Fact]
    public async Task Directory_add_and_remove_are_idempotent()
    {
        var directory = Directory(NewDomain());
        await directory.Add("b@x");
        await directory.Add("a@x");
        await directory.Add("b@x");
        await directory.Remove("c@x");
        Assert.Equal(["a@x", "b@x"], await directory.List());
        await directory.Remove("a@x");
        await directory.Remove("a@x");
        Assert.Equal(["b@x"], await directory.List());
    }
}
