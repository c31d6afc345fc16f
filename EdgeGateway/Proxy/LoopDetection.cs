using System.Security.Cryptography;
using System.Text;
using Cinema.Edge.Sip;
using Cinema.Sip.Messages;
using Cinema.Sip.Transactions;

namespace Cinema.Edge.Proxy;

/// <summary>
/// Branch values that carry a hash of what identifies the request at this hop (RFC 3261 §16.6 step 8), so that a
/// request coming back with one of our Vias and the same hash is a loop (482, §16.3 step 4) while one that
/// changed (a spiral, e.g. retargeted to another user) passes.
/// </summary>
internal static class LoopDetection
{
    /// <summary>z9hG4bK + loop hash + "." + random: unique per branch, comparable for loops.</summary>
    public static string NewBranch(SipRequest request, SipUri requestUriReceived) =>
        Via.MagicCookie + Hash(request, requestUriReceived) + "." + ViaBranch.New()[Via.MagicCookie.Length..];

    public static bool IsLoop(SipRequest request, LocalIdentity identity)
    {
        string? hash = null;
        foreach (var via in request.Vias)
        {
            if (!identity.IsOurSentBy(via) || via.Branch is not { } branch) continue;
            hash ??= Via.MagicCookie + Hash(request, request.RequestUri) + ".";
            if (branch.StartsWith(hash, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    private static string Hash(SipRequest request, SipUri requestUri)
    {
        var text = string.Join('\n', requestUri.ToString(), request.From.Tag, request.To.Tag, request.CallId,
            request.CSeq.Number, string.Join(',', request.ProxyRequire));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 4));
    }
}
