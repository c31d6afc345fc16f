using System.Diagnostics;
using Cinema.Sip.Messages;
using Cinema.Sip.Parsing;
using Cinema.Sip.Validation;

namespace Cinema.Sip.Tests.Fuzz;

/// <summary>
/// What must hold for any input, valid or not: the parser answers (never throws, never takes long), and a message
/// it accepts keeps the design's promise that its typed accessors do not fail and that it rebuilds to the same
/// meaning.
/// </summary>
internal static class MessageInvariants
{
    /// <summary>
    /// Far above what any input of a few KB costs (microseconds); only a runaway loop or a quadratic blow-up
    /// reaches it, even on a loaded CI machine.
    /// </summary>
    public static readonly TimeSpan CaseBudget = TimeSpan.FromSeconds(2);

    private static readonly RequestValidator Validator = new(["path"], [SipMethod.Invite, SipMethod.Register], [MediaType.Sdp]);

    /// <summary>Parses and checks the invariants; returns the result for further checks.</summary>
    public static ParseResult Check(byte[] input, ParserLimits? limits = null, bool roundTrip = true)
    {
        var clock = Stopwatch.StartNew();
        var result = SipParser.Parse(input, limits);
        Assert.True(clock.Elapsed < CaseBudget, $"parsing {input.Length} bytes took {clock.Elapsed}");
        _ = result.ToString();
        if (!result.Success)
        {
            Assert.NotNull(result.Error);
            Assert.InRange(result.Error.StatusCode, 400, 599);
            Assert.False(string.IsNullOrEmpty(result.Error.Reason));
            // A malformed request is answered with what could be salvaged: one well-framed response, whatever
            // the request held (nothing in a copied header may end the header block early).
            if (ErrorResponse.Create(result) is { } answer)
            {
                var framer = new SipStreamFramer();
                framer.Append(answer);
                Assert.Equal(FrameKind.Message, framer.TryRead(out var frame, out _));
                Assert.Equal(answer.Length, frame!.Length);
                Assert.StartsWith($"SIP/2.0 {result.Error.StatusCode} ", System.Text.Encoding.ASCII.GetString(answer), StringComparison.Ordinal);
            }
            return result;
        }
        Assert.InRange(result.Length, 1, input.Length);
        var message = result.Message!;
        TouchEveryAccessor(message);
        if (roundTrip) MessageAssert.RoundTrips(message);
        return result;
    }

    /// <summary>Reads every typed view of the message; any exception fails the case.</summary>
    public static void TouchEveryAccessor(SipMessage m)
    {
        _ = m.Body.Length + m.ContentLength;
        _ = m.CallId.Length;
        _ = m.CSeq.ToString();
        _ = m.MaxForwards;
        _ = m.Expires;
        _ = m.MinExpires;
        Assert.NotEmpty(m.Vias);
        foreach (var via in m.Vias) TouchVia(via);
        TouchVia(m.TopVia);
        TouchAddress(m.From);
        TouchAddress(m.To);
        foreach (var a in m.Contacts) TouchAddress(a);
        _ = m.IsWildcardContact;
        foreach (var a in m.Routes) TouchAddress(a);
        foreach (var a in m.RecordRoutes) TouchAddress(a);
        foreach (var a in m.Paths) TouchAddress(a);
        if (m.ReferTo is { } referTo) TouchAddress(referTo);
        _ = m.ContentType?.ToString();
        foreach (var t in m.Accept) _ = t.ToString() + t.Matches(MediaType.Sdp);
        foreach (var list in (IReadOnlyList<string>[])[m.Require, m.ProxyRequire, m.Supported, m.Unsupported, m.Allow, m.AllowEvents, m.ContentEncoding])
        {
            Assert.All(list, t => Assert.False(string.IsNullOrEmpty(t)));
        }
        _ = m.Event?.ToString();
        _ = m.SubscriptionState?.ToString();
        _ = m.SessionExpires?.ToString();
        _ = m.RetryAfter?.ToString();
        foreach (var r in m.Reasons) _ = r.ToString();
        foreach (var list in (IReadOnlyList<AuthHeaderValue>[])[m.WwwAuthenticate, m.ProxyAuthenticate, m.Authorization, m.ProxyAuthorization])
        {
            foreach (var a in list) _ = a.ToString() + a.IsDigest;
        }
        _ = m.AuthenticationInfo?.ToString();
        _ = m.Date;
        foreach (var h in m.Headers)
        {
            _ = h.ToString();
            _ = m.GetHeader(h.Name);
            _ = m.GetHeaders(h.Name).Count();
        }
        _ = m.ToString();
        EveryHeaderLineHasItsTypedValue(m);
        if (m is SipRequest request)
        {
            TouchUri(request.RequestUri);
            _ = Validator.Validate(request, ValidationRole.UserAgentServer);
            _ = Validator.Validate(request, ValidationRole.Registrar);
            _ = Validator.Validate(request, ValidationRole.Proxy);
            _ = SipResponseBuilder.For(request, 180).WithToTag("fuzz").WithRecordRouteFromRequest().ToArray();
        }
        else
        {
            var response = (SipResponse)m;
            _ = response.StatusCode + response.ReasonPhrase.Length;
        }
    }

    /// <summary>
    /// The typed accessors read with the same grammar that accepted the message, so none may come back empty (or
    /// short) for a header that is there: that would mean the reader and the check disagree.
    /// </summary>
    private static void EveryHeaderLineHasItsTypedValue(SipMessage m)
    {
        int Lines(HeaderKind kind) => m.Headers.Count(h => h.Kind == kind);
        Assert.True(m.Vias.Count >= Lines(HeaderKind.Via));
        if (m.IsWildcardContact)
        {
            Assert.Equal(1, Lines(HeaderKind.Contact));
            Assert.Empty(m.Contacts);
        }
        else Assert.True(m.Contacts.Count >= Lines(HeaderKind.Contact));
        Assert.True(m.Routes.Count >= Lines(HeaderKind.Route));
        Assert.True(m.RecordRoutes.Count >= Lines(HeaderKind.RecordRoute));
        Assert.True(m.Paths.Count >= Lines(HeaderKind.Path));
        Assert.True(m.Reasons.Count >= Lines(HeaderKind.Reason));
        Assert.Equal(Lines(HeaderKind.WwwAuthenticate), m.WwwAuthenticate.Count);
        Assert.Equal(Lines(HeaderKind.ProxyAuthenticate), m.ProxyAuthenticate.Count);
        Assert.Equal(Lines(HeaderKind.Authorization), m.Authorization.Count);
        Assert.Equal(Lines(HeaderKind.ProxyAuthorization), m.ProxyAuthorization.Count);
        Assert.True(m.Require.Count >= Lines(HeaderKind.Require));
        Assert.True(m.ProxyRequire.Count >= Lines(HeaderKind.ProxyRequire));
        Assert.True(m.Unsupported.Count >= Lines(HeaderKind.Unsupported));
        Assert.True(m.ContentEncoding.Count >= Lines(HeaderKind.ContentEncoding));
        Assert.Equal(m.Has(HeaderKind.ContentType), m.ContentType is not null);
        Assert.Equal(m.Has(HeaderKind.Event), m.Event is not null);
        Assert.Equal(m.Has(HeaderKind.SubscriptionState), m.SubscriptionState is not null);
        Assert.Equal(m.Has(HeaderKind.SessionExpires), m.SessionExpires is not null);
        Assert.Equal(m.Has(HeaderKind.RetryAfter), m.RetryAfter is not null);
        Assert.Equal(m.Has(HeaderKind.AuthenticationInfo), m.AuthenticationInfo is not null);
        Assert.Equal(m.Has(HeaderKind.Date), m.Date is not null);
        Assert.Equal(m.Has(HeaderKind.MinExpires), m.MinExpires is not null);
        Assert.Equal(m.Has(HeaderKind.ReferTo), m.ReferTo is not null);
        Assert.Equal(m.Has(HeaderKind.Expires), m.Expires is not null);
        Assert.Equal(m.Has(HeaderKind.MaxForwards), m.MaxForwards is not null);
    }

    private static void TouchVia(Via via)
    {
        _ = via.ToString();
        _ = via.Branch + via.Received + via.Maddr + via.SentBy;
        _ = via.Ttl + via.RPort;
        _ = via.HasRfc3261Branch && via.HasRPort;
    }

    private static void TouchAddress(NameAddress a)
    {
        _ = a.ToString();
        _ = a.Tag + a.InstanceId + a.DisplayName;
        _ = a.Expires + a.RegId;
        _ = a.Q;
        TouchUri(a.Uri);
    }

    private static void TouchUri(SipUri uri)
    {
        _ = uri.ToString();
        _ = uri.AddressOfRecord + uri.HostName + uri.Transport + uri.Maddr + uri.IsLooseRouter;
        _ = uri.GetHashCode();
        Assert.True(uri.Equals(uri));
    }
}
