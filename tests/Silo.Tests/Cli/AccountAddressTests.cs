using Cinema.Silo.Cli;

namespace Cinema.Silo.Tests.Cli;

/// <summary>Account addresses follow the SIP URI grammar and key the grains as the registrar and proxy do.</summary>
public class AccountAddressTests
{
    [Theory]
    [InlineData("alice@example.com", "alice", "example.com")]
    [InlineData("Alice@Example.COM", "Alice", "example.com")]
    [InlineData("bob.smith+home@sip.example.org", "bob.smith+home", "sip.example.org")]
    [InlineData("1001@192.0.2.10", "1001", "192.0.2.10")]
    [InlineData("carol@[2001:db8::1]", "carol", "[2001:db8::1]")]
    [InlineData("al%69ce@example.com", "alice", "example.com")]
    public void Valid_address_gives_user_and_lower_case_domain(string text, string user, string domain)
    {
        Assert.True(AccountAddress.TryParse(text, out var address, out var error), error);
        Assert.Equal(user, address.User);
        Assert.Equal(domain, address.Domain);
        Assert.Equal(user + "@" + domain, address.Key);
    }

    [Theory]
    [InlineData("")]
    [InlineData("example.com")]
    [InlineData("alice@")]
    [InlineData("@example.com")]
    [InlineData("sip:alice@example.com")]
    [InlineData("alice@example.com:5060")]
    [InlineData("alice@example.com;user=phone")]
    [InlineData("alice@example.com?subject=x")]
    [InlineData("a<b@example.com")]
    public void Malformed_address_is_refused_with_a_message_naming_it(string text)
    {
        Assert.False(AccountAddress.TryParse(text, out _, out var error));
        Assert.Contains($"'{text}'", error);
    }
}
