using Cinema.Sip.Messages;

namespace Cinema.Sip.Tests.Messages;

public class NameAddressTests
{
    [Theory]
    [InlineData("\"Alice Liddell\" <sip:alice@example.com>;tag=1928", "Alice Liddell", "sip:alice@example.com", "1928")]
    [InlineData("Alice Liddell <sip:alice@example.com>;tag=1928", "Alice Liddell", "sip:alice@example.com", "1928")]
    [InlineData("<sip:alice@example.com>", null, "sip:alice@example.com", null)]
    [InlineData("sip:alice@example.com;tag=x", null, "sip:alice@example.com", "x")]
    [InlineData("\"\" <sip:alice@example.com>", "", "sip:alice@example.com", null)]
    [InlineData("\"A \\\"quoted\\\" name\"<sip:a@b>", "A \"quoted\" name", "sip:a@b", null)]
    public void Display_name_uri_and_tag_are_read(string text, string? display, string uri, string? tag)
    {
        Assert.True(NameAddress.TryParse(text, out var na, out var error), error);
        Assert.Equal(display, na!.DisplayName);
        Assert.Equal(uri, na.Uri.ToString());
        Assert.Equal(tag, na.Tag);
    }

    [Fact]
    public void Contact_parameters_give_expiry_q_instance_and_reg_id()
    {
        var na = NameAddress.Parse("<sip:a@192.0.2.1:5062;transport=tcp;ob>;expires=3600;q=0.7;+sip.instance=\"<urn:uuid:00000000-0000-1000-8000-AABBCCDDEEFF>\";reg-id=1");
        Assert.Equal(3600, na.Expires);
        Assert.Equal(0.7, na.Q);
        Assert.Equal("<urn:uuid:00000000-0000-1000-8000-AABBCCDDEEFF>", na.InstanceId);
        Assert.Equal(1, na.RegId);
        Assert.True(na.Uri.Parameters.Contains("ob"));
    }

    [Theory]
    [InlineData("expires=99999999999999999999", 4294967295L)]
    [InlineData("expires=0", 0L)]
    [InlineData("expires=abc", null)]
    public void Contact_expires_is_capped_or_ignored_when_malformed(string param, long? expected) =>
        Assert.Equal(expected, NameAddress.Parse("<sip:a@b>;" + param).Expires);

    [Theory]
    [InlineData("q=1.5")]
    [InlineData("q=-1")]
    [InlineData("q=high")]
    public void Out_of_range_q_values_are_ignored(string param) => Assert.Null(NameAddress.Parse("<sip:a@b>;" + param).Q);

    [Theory]
    [InlineData("\"unterminated <sip:a@b>", "unterminated")]
    [InlineData("<sip:a@b", "closing >")]
    [InlineData("< sip:a@b>", "white space")]
    [InlineData("Bell, Alexander <sip:a@b>", "display name")]
    [InlineData("<sip:a@b>;;tag=1", "empty")]
    [InlineData("<sip:a@b>;tag=", "empty value")]
    [InlineData("<sip:a@b> garbage", "unexpected")]
    [InlineData("sip:a@b?x=y", "enclosed in <>")]
    [InlineData("", "empty")]
    public void Malformed_address_is_refused_with_a_reason(string text, string reason)
    {
        Assert.False(NameAddress.TryParse(text, out _, out var error));
        Assert.Contains(reason, error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Written_address_always_uses_angle_brackets_and_quotes()
    {
        var na = new NameAddress(SipUri.Parse("sip:a@b;lr"), "Bob \"B\"").WithTag("t1");
        Assert.Equal("\"Bob \\\"B\\\"\" <sip:a@b;lr>;tag=t1", na.ToString());
        Assert.Equal(na, NameAddress.Parse(na.ToString()));
        Assert.Equal("Bob \"B\"", NameAddress.Parse(na.ToString()).DisplayName);
    }
}
