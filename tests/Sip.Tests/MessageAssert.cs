using Cinema.Sip.Messages;
using Cinema.Sip.Parsing;

namespace Cinema.Sip.Tests;

/// <summary>Checks that a message means the same after being rebuilt and re-parsed.</summary>
internal static class MessageAssert
{
    public static void RoundTrips(SipMessage original)
    {
        // Verbatim write-out parses to the same message.
        Equivalent(original, Parse(original.ToArray()));
        // A rebuild (canonical separators, computed Content-Length) means the same.
        var rebuilt = original is SipRequest q ? q.ToBuilder().ToArray() : ((SipResponse)original).ToBuilder().ToArray();
        var again = Parse(rebuilt);
        Equivalent(original, again);
        // And rebuilding that gives identical bytes: the writer is stable.
        var twice = again is SipRequest q2 ? q2.ToBuilder().ToArray() : ((SipResponse)again).ToBuilder().ToArray();
        Assert.Equal(rebuilt, twice);
    }

    private static SipMessage Parse(byte[] bytes)
    {
        var r = SipParser.Parse(bytes);
        Assert.True(r.Success, "re-parse failed: " + r.Error);
        return r.Message!;
    }

    public static void Equivalent(SipMessage a, SipMessage b)
    {
        Assert.Equal(a.IsRequest, b.IsRequest);
        if (a is SipRequest qa && b is SipRequest qb)
        {
            Assert.Equal(qa.Method, qb.Method);
            Assert.Equal(qa.RequestUri, qb.RequestUri);
            Assert.Equal(qa.RequestUri.ToString(), qb.RequestUri.ToString());
        }
        if (a is SipResponse ra && b is SipResponse rb)
        {
            Assert.Equal(ra.StatusCode, rb.StatusCode);
            Assert.Equal(ra.ReasonPhrase, rb.ReasonPhrase);
        }
        var ha = a.Headers.Where(h => h.Kind != HeaderKind.ContentLength).Select(h => (h.Name, h.Value)).ToList();
        var hb = b.Headers.Where(h => h.Kind != HeaderKind.ContentLength).Select(h => (h.Name, h.Value)).ToList();
        Assert.Equal(ha, hb);
        Assert.Equal(a.CallId, b.CallId);
        Assert.Equal(a.CSeq, b.CSeq);
        Assert.Equal(a.From, b.From);
        Assert.Equal(a.To, b.To);
        Assert.Equal(a.Vias.Select(v => v.ToString()), b.Vias.Select(v => v.ToString()));
        Assert.Equal(a.Contacts, b.Contacts);
        Assert.Equal(a.Body.ToArray(), b.Body.ToArray());
    }
}
