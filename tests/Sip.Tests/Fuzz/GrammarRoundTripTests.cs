using Cinema.Sip.Messages;
using CsCheck;

namespace Cinema.Sip.Tests.Fuzz;

/// <summary>Generated URIs, name-addrs and Vias parse, and what they write parses back to the same value.</summary>
public class GrammarRoundTripTests
{
    [Fact]
    public Task Generated_uris_parse_and_their_canonical_form_parses_to_the_same_uri() => Bounded.Run(() =>
        GrammarGen.UriText(headers: true).Sample(text =>
        {
            Assert.True(SipUri.TryParse(text, out var uri, out var error), text + ": " + error);
            Assert.Equal(text, uri.ToString());
            // WithUser rebuilds the text from the parts: escaping must undo unescaping.
            var rewritten = uri.WithUser(uri.User).ToString();
            Assert.True(SipUri.TryParse(rewritten, out var again, out error), rewritten + ": " + error);
            AssertSameUri(uri, again);
        }, iter: FuzzBudget.Iterations(3000)));

    [Fact]
    public Task Uris_made_from_any_parts_write_text_that_parses_back_to_those_parts() => Bounded.Run(() =>
        Gen.Select(GrammarGen.AnyText, GrammarGen.Host, Gen.Nullable(Gen.Int[0, 65535]), Gen.Bool,
            Gen.Select(GrammarGen.AnyText.Where(t => t.Length > 0), Gen.Null(GrammarGen.AnyText.Where(t => t.Length > 0))).Array[0, 3])
            .Sample((user, host, port, secure, parameters) =>
            {
                var list = new ParameterList(parameters.Select(p => new SipParameter(p.Item1, p.Item2)));
                var uri = new SipUri(user.Length == 0 ? null : user, host, port, secure, list);
                var text = uri.ToString();
                Assert.True(SipUri.TryParse(text, out var parsed, out var error), text + ": " + error);
                AssertSameUri(uri, parsed);
            }, iter: FuzzBudget.Iterations(2000)));

    [Fact]
    public Task Generated_name_addrs_parse_and_write_back_to_the_same_value() => Bounded.Run(() =>
        GrammarGen.NameAddressText.Sample(text =>
        {
            Assert.True(NameAddress.TryParse(text, out var value, out var error), text + ": " + error);
            var written = value.ToString();
            Assert.True(NameAddress.TryParse(written, out var again, out error), written + ": " + error);
            Assert.Equal(value, again);
            Assert.Equal(value.DisplayName ?? "", again.DisplayName ?? "");
            Assert.Equal(value.Parameters.Select(p => (p.Name, p.Value, p.Quoted)), again.Parameters.Select(p => (p.Name, p.Value, p.Quoted)));
            AssertSameUri(value.Uri, again.Uri);
            Assert.Equal(written, again.ToString());
        }, iter: FuzzBudget.Iterations(3000)));

    [Fact]
    public Task Name_addrs_made_from_any_display_name_and_quoted_values_round_trip() => Bounded.Run(() =>
        Gen.Select(GrammarGen.AnyText, GrammarGen.SipUriText(headers: true), GrammarGen.AnyText).Sample((display, uriText, quoted) =>
        {
            var value = new NameAddress(SipUri.Parse(uriText), display.Length == 0 ? null : display)
                .WithParameter("tag", "a1").WithParameter("text", quoted, quoted: true);
            var written = value.ToString();
            Assert.True(NameAddress.TryParse(written, out var again, out var error), written + ": " + error);
            Assert.Equal(value, again);
            Assert.Equal(value.DisplayName, again.DisplayName);
            Assert.Equal(quoted, again.Parameters["text"]);
        }, iter: FuzzBudget.Iterations(2000)));

    [Fact]
    public Task Generated_vias_parse_and_write_back_to_the_same_value() => Bounded.Run(() =>
        GrammarGen.ViaText.Sample(text =>
        {
            Assert.True(Via.TryParse(text, out var via, out var error), text + ": " + error);
            var written = via.ToString();
            Assert.True(Via.TryParse(written, out var again, out error), written + ": " + error);
            Assert.Equal((via.Protocol, via.Transport, via.Host, via.Port, via.Branch, via.Received, via.RPort), (again.Protocol, again.Transport, again.Host, again.Port, again.Branch, again.Received, again.RPort));
            Assert.Equal(via.Parameters, again.Parameters);
            Assert.Equal(written, again.ToString());
        }, iter: FuzzBudget.Iterations(3000)));

    private static void AssertSameUri(SipUri expected, SipUri actual)
    {
        Assert.Equal(expected, actual);
        Assert.Equal((expected.Scheme, expected.User, expected.Password, expected.Host, expected.Port), (actual.Scheme, actual.User, actual.Password, actual.Host, actual.Port));
        Assert.Equal(expected.Parameters.Select(p => (p.Name, p.Value)), actual.Parameters.Select(p => (p.Name, p.Value)));
        Assert.Equal(expected.Headers.Select(p => (p.Name, p.Value)), actual.Headers.Select(p => (p.Name, p.Value)));
    }
}
