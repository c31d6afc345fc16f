using System.Net;
using Cinema.Sip.Transport;

namespace Cinema.Sip.Tests.Transport;

public class ListenEndPointTests
{
    [Theory]
    [InlineData("udp:0.0.0.0:5060", SipTransportKind.Udp, "0.0.0.0", 5060)]
    [InlineData("TCP:[::]:5060", SipTransportKind.Tcp, "::", 5060)]
    [InlineData("tls:192.0.2.1:5061", SipTransportKind.Tls, "192.0.2.1", 5061)]
    [InlineData("tls:[2001:db8::1]", SipTransportKind.Tls, "2001:db8::1", 5061)]
    [InlineData("udp:127.0.0.1", SipTransportKind.Udp, "127.0.0.1", 5060)]
    [InlineData(" tcp:127.0.0.1:0 ", SipTransportKind.Tcp, "127.0.0.1", 0)]
    public void Valid_entries_parse_with_default_ports(string text, SipTransportKind transport, string address, int port)
    {
        Assert.True(ListenEndPoint.TryParse(text, out var endPoint, out var error), error);
        Assert.Equal(new ListenEndPoint(transport, new IPEndPoint(IPAddress.Parse(address), port)), endPoint);
    }

    [Theory]
    [InlineData("sctp:0.0.0.0:5060", "unknown transport")]
    [InlineData("udp:localhost:5060", "not an IP address")]
    [InlineData("udp:1.2:5060", "not an IP address")]
    [InlineData("tcp:::1:5060", "brackets")]
    [InlineData("tcp:[::1:5060", "brackets")]
    [InlineData("udp:0.0.0.0:70000", "invalid port")]
    [InlineData("udp:0.0.0.0:-1", "invalid port")]
    [InlineData("udp:0.0.0.0:", "invalid port")]
    [InlineData("0.0.0.0", "transport:address:port")]
    [InlineData("", "transport:address:port")]
    public void Invalid_entries_are_refused_with_an_error_naming_the_value(string text, string reason)
    {
        Assert.False(ListenEndPoint.TryParse(text, out _, out var error));
        Assert.Contains($"'{text}'", error, StringComparison.Ordinal);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_transport_layer_with_a_bad_listen_entry_cannot_be_created()
    {
        var e = Assert.Throws<ArgumentException>(() => new SipTransportLayer(new SipTransportOptions { Listen = ["udp:127.0.0.1:5060", "udp:nowhere:5060"] }));

        Assert.Contains("'udp:nowhere:5060'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tls_listener_without_a_certificate_cannot_be_created()
    {
        var e = Assert.Throws<ArgumentException>(() => new SipTransportLayer(new SipTransportOptions { Listen = ["tls:127.0.0.1:0"] }));

        Assert.Contains("certificate", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Round_trips_through_its_text_form()
    {
        var endPoint = ListenEndPoint.Parse("tcp:[::1]:5070");

        Assert.Equal("tcp:[::1]:5070", endPoint.ToString());
        Assert.Equal(endPoint, ListenEndPoint.Parse(endPoint.ToString()));
    }
}
