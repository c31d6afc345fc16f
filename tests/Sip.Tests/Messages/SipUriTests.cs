using Cinema.Sip.Messages;

namespace Cinema.Sip.Tests.Messages;

public class SipUriTests
{
    [Fact]
    public void Sip_uri_parts_are_read()
    {
        var uri = SipUri.Parse("sips:alice:secret@Atlanta.Example.com:5061;transport=tcp;lr;maddr=239.255.255.1?subject=project%20x&priority=urgent");
        Assert.Equal(UriScheme.Sips, uri.Scheme);
        Assert.Equal("alice", uri.User);
        Assert.Equal("secret", uri.Password);
        Assert.Equal("Atlanta.Example.com", uri.Host);
        Assert.Equal(5061, uri.Port);
        Assert.Equal("tcp", uri.Transport);
        Assert.True(uri.IsLooseRouter);
        Assert.Equal("239.255.255.1", uri.Maddr);
        Assert.Equal("project x", uri.Headers["subject"]);
        Assert.Equal("urgent", uri.Headers["priority"]);
        Assert.True(uri.IsSecure);
    }

    [Fact]
    public void Parsed_uri_writes_back_exactly_as_received()
    {
        const string text = "sip:%61lice@example.com;Transport=UDP";
        Assert.Equal(text, SipUri.Parse(text).ToString());
    }

    [Fact]
    public void Changed_uri_is_written_with_escapes_where_needed()
    {
        var uri = new SipUri("a b@c", "example.com", 5070).WithParameter("lr").WithParameter("x", "y z");
        Assert.Equal("sip:a%20b%40c@example.com:5070;lr;x=y%20z", uri.ToString());
        Assert.Equal(uri, SipUri.Parse(uri.ToString()));
    }

    [Fact]
    public void Tel_uri_keeps_number_and_parameters()
    {
        var uri = SipUri.Parse("tel:+1-201-555-0123;phone-context=example.com");
        Assert.Equal(UriScheme.Tel, uri.Scheme);
        Assert.Equal("+1-201-555-0123", uri.User);
        Assert.Equal("example.com", uri.Parameters["phone-context"]);
        Assert.Equal("", uri.Host);
    }

    [Fact]
    public void Unknown_scheme_is_kept_opaque()
    {
        var uri = SipUri.Parse("soap.beep://192.0.2.103:3002");
        Assert.Equal(UriScheme.Other, uri.Scheme);
        Assert.Equal("soap.beep", uri.SchemeName);
        Assert.Equal("//192.0.2.103:3002", uri.Opaque);
    }

    [Theory]
    [InlineData("", "empty URI")]
    [InlineData("example.com", "no scheme")]
    [InlineData("sip:", "missing host")]
    [InlineData("sip:@example.com", "empty user")]
    [InlineData("sip:alice@example.com:99999", "invalid port")]
    [InlineData("sip:alice@example.com:", "invalid port")]
    [InlineData("sip:alice@[2001:db8::1", "closing ]")]
    [InlineData("sip:alice@[2001:db8:::1]", "invalid IPv6")]
    [InlineData("sip:alice@2001:db8::1", "enclosed in []")]
    [InlineData("sip:alice@1.2.3.256", "invalid IPv4")]
    [InlineData("sip:al ice@example.com", "invalid character")]
    [InlineData("sip:alice@example.com;;lr", "empty URI parameter")]
    [InlineData("sip:alice@example.com;x=", "empty value")]
    [InlineData("sip:alice@example.com;x=%4", "escape")]
    [InlineData("sip:alice@example.com?x", "without =")]
    [InlineData("sip:alice@example..com", "malformed host")]
    [InlineData("sip:alice@example.com>", "unexpected character")]
    public void Malformed_uri_is_refused_with_a_reason(string text, string reason)
    {
        Assert.False(SipUri.TryParse(text, out _, out var error));
        Assert.Contains(reason, error, StringComparison.OrdinalIgnoreCase);
    }

    // RFC 3261 §19.1.4: the equivalent and non-equivalent examples.
    [Theory]
    [InlineData("sip:%61lice@atlanta.com;transport=TCP", "sip:alice@AtLanTa.CoM;Transport=tcp")]
    [InlineData("sip:carol@chicago.com", "sip:carol@chicago.com;newparam=5")]
    [InlineData("sip:carol@chicago.com;security=on", "sip:carol@chicago.com;newparam=5")]
    [InlineData("sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com", "sip:biloxi.com;method=REGISTER;transport=tcp?to=sip:bob%40biloxi.com")]
    [InlineData("sip:alice@atlanta.com?subject=project%20x&priority=urgent", "sip:alice@atlanta.com?priority=urgent&subject=project%20x")]
    public void Equivalent_uris_compare_equal(string a, string b) => Assert.Equal(SipUri.Parse(a), SipUri.Parse(b));

    [Theory]
    [InlineData("SIP:ALICE@AtLanTa.CoM;Transport=udp", "sip:alice@AtLanTa.CoM;Transport=UDP")]
    [InlineData("sip:bob@biloxi.com", "sip:bob@biloxi.com:5060")]
    [InlineData("sip:bob@biloxi.com", "sip:bob@biloxi.com;transport=udp")]
    [InlineData("sip:bob@biloxi.com", "sip:bob@biloxi.com:6000;transport=tcp")]
    [InlineData("sip:carol@chicago.com", "sip:carol@chicago.com?Subject=next%20meeting")]
    [InlineData("sip:bob@phone21.boxesbybob.com", "sip:bob@192.0.2.4")]
    public void Different_uris_compare_unequal(string a, string b) => Assert.NotEqual(SipUri.Parse(a), SipUri.Parse(b));

    [Fact]
    public void Address_of_record_lower_cases_the_host_only()
    {
        Assert.Equal("Alice@example.com", SipUri.Parse("sip:Alice@Example.COM:5060;transport=udp").AddressOfRecord);
    }

    [Fact]
    public void With_methods_leave_the_original_unchanged()
    {
        var uri = SipUri.Parse("sip:alice@example.com;lr");
        var changed = uri.WithoutParameter("lr").WithHost("10.0.0.1", 5080).WithUser("bob");
        Assert.Equal("sip:alice@example.com;lr", uri.ToString());
        Assert.Equal("sip:bob@10.0.0.1:5080", changed.ToString());
        Assert.Equal("sips:bob@10.0.0.1:5080", changed.WithScheme(UriScheme.Sips).ToString());
    }
}
