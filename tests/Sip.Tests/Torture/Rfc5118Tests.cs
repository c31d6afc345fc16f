using Cinema.Sip.Messages;
using Cinema.Sip.Parsing;

using Cinema.Tests.Corpus;

namespace Cinema.Sip.Tests.Torture;

/// <summary>RFC 5118 IPv6 torture messages with the classification in the corpus README.</summary>
public class Rfc5118Tests
{
    public static readonly TheoryData<string, bool> Cases = new()
    {
        { "ipv6-good", true },
        { "ipv6-bad", false },
        { "port-ambiguous", true },
        { "port-unambiguous", true },
        { "via-received-param-with-delim", true },
        { "via-received-param-no-delim", true },
        { "ipv6-in-sdp", true },
        { "mult-ip-in-header", true },
        { "mult-ip-in-sdp", true },
        { "ipv4-mapped-ipv6", true },
        { "ipv6-bug-abnf-3-colons", false },
        { "ipv6-correct-abnf-2-colons", true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Ipv6_torture_message_is_accepted_or_refused_with_400(string file, bool valid)
    {
        var result = SipParser.Parse(TortureCorpus.Read("rfc5118", file));
        if (valid)
        {
            Assert.True(result.Success, $"{file}: {result.Error}");
            MessageAssert.RoundTrips(result.Message!);
        }
        else
        {
            Assert.False(result.Success);
            Assert.Equal(400, result.Error!.StatusCode);
            Assert.Contains("IPv6", result.Error.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_file_in_the_corpus_has_an_expectation()
    {
        Assert.SkipWhen(TortureCorpus.Directory is null, "The RFC torture corpus is not available (see TortureCorpus).");
        var listed = Cases.Select(row => (string)row.Data.Item1).ToHashSet();
        Assert.DoesNotContain(TortureCorpus.Files("rfc5118"), f => !listed.Contains(f));
    }

    [Fact]
    public void A_port_looking_group_inside_the_brackets_is_part_of_the_address()
    {
        var ambiguous = (SipRequest)SipParser.Parse(TortureCorpus.Read("rfc5118", "port-ambiguous")).Message!;
        Assert.Equal("[2001:db8::10:5070]", ambiguous.RequestUri.Host);
        Assert.Null(ambiguous.RequestUri.Port);
        var unambiguous = (SipRequest)SipParser.Parse(TortureCorpus.Read("rfc5118", "port-unambiguous")).Message!;
        Assert.Equal("[2001:db8::10]", unambiguous.RequestUri.Host);
        Assert.Equal(5070, unambiguous.RequestUri.Port);
        Assert.Equal("2001:db8::10", unambiguous.RequestUri.HostName);
    }

    [Theory]
    [InlineData("via-received-param-with-delim", "[2001:db8::9:255]")]
    [InlineData("via-received-param-no-delim", "2001:db8::9:255")]
    public void Received_parameter_may_carry_an_ipv6_address_with_or_without_brackets(string file, string received)
    {
        var via = SipParser.Parse(TortureCorpus.Read("rfc5118", file)).Message!.TopVia;
        Assert.Equal("[2001:db8::9:1]", via.Host);
        Assert.Equal(received, via.Received);
    }

    [Fact]
    public void Mixed_ipv4_and_ipv6_vias_keep_their_ports_and_parameters()
    {
        var vias = SipParser.Parse(TortureCorpus.Read("rfc5118", "mult-ip-in-header")).Message!.Vias;
        Assert.Equal(3, vias.Count);
        Assert.Equal(6050, vias[0].Port);
        Assert.Equal("192.0.2.1", vias[1].Host);
        Assert.Equal("192.0.2.200", vias[2].Received);
    }

    [Fact]
    public void Ipv4_mapped_ipv6_addresses_are_hosts()
    {
        var m = SipParser.Parse(TortureCorpus.Read("rfc5118", "ipv4-mapped-ipv6")).Message!;
        Assert.Equal("[::ffff:192.0.2.10]", m.TopVia.Host);
        Assert.Equal(19823, m.TopVia.Port);
        Assert.Equal("[::ffff:192.0.2.2]", m.Contacts[0].Uri.Host);
    }
}
