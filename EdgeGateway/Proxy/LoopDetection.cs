using System.Buffers.Binary;
using System.Globalization;
using System.IO.Hashing;
using System.Runtime.InteropServices;
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

    // A request forwarded hashes these once; one hasher per thread, reset each time, so the hash allocates nothing.
    [ThreadStatic]
    private static XxHash3? t_hasher;

    private static readonly byte[] Separator = [0, 0];

    /// <summary>
    /// The Request-URI, the From and To tags, Call-ID, CSeq number and Proxy-Require (§16.6 step 8) as 8 hex digits:
    /// a loop check, not a secret, so a fast non-cryptographic hash, stable across processes and restarts.
    /// </summary>
    private static string Hash(SipRequest request, SipUri requestUri)
    {
        var hasher = t_hasher ??= new XxHash3();
        hasher.Reset();
        Append(hasher, requestUri.ToString());
        Append(hasher, request.From.Tag);
        Append(hasher, request.To.Tag);
        Append(hasher, request.CallId);
        Span<byte> number = stackalloc byte[sizeof(uint)];
        BinaryPrimitives.WriteUInt32LittleEndian(number, request.CSeq.Number);
        hasher.Append(number);
        foreach (var option in request.ProxyRequire) Append(hasher, option);
        return ((uint)hasher.GetCurrentHashAsUInt64()).ToString("x8", CultureInfo.InvariantCulture);
    }

    private static void Append(XxHash3 hasher, string? field)
    {
        hasher.Append(MemoryMarshal.AsBytes((field ?? "").AsSpan()));
        hasher.Append(Separator);
    }
}
