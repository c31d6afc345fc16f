using System.Globalization;
using System.Text;
using Cinema.Sip.Messages;

namespace Cinema.Sip.Parsing;

/// <summary>
/// The response to a request that could not be parsed (RFC 3261 §8.2.2, §16.3 step 1): status and reason from
/// the <see cref="ParseError"/>, with whatever Via, From, To, Call-ID and CSeq lines were found copied as
/// received, so that the client can match it. Sent statelessly, and written with compact header names (RFC 3261
/// §7.3.3) because the transport refuses to answer with more bytes than it received (no reflection amplification).
/// </summary>
public static class ErrorResponse
{
    private static readonly (HeaderKind Kind, string Name)[] Copied =
        [(HeaderKind.Via, "v: "), (HeaderKind.From, "f: "), (HeaderKind.To, "t: "), (HeaderKind.CallId, "i: "), (HeaderKind.CSeq, "CSeq: ")];

    /// <summary>The response bytes, or null when none should be sent (a response, or no Via to answer to).</summary>
    public static byte[]? Create(in ParseResult result)
    {
        if (result.Success || result.Kind != MessageKind.Request || result.Error is not { } error) return null;
        var slots = result.RawSlots;
        var hasVia = false;
        foreach (var slot in slots) hasVia |= slot.Kind == HeaderKind.Via;
        if (!hasVia) return null;

        var source = result.Buffer.Span;
        var sb = new StringBuilder(256);
        sb.Append(SipVersion.Sip20).Append(' ').Append(error.StatusCode.ToString(CultureInfo.InvariantCulture)).Append(' ')
          .Append(error.Reason).Append("\r\n");
        var bytes = new List<byte>(512);
        bytes.AddRange(Encoding.ASCII.GetBytes(sb.ToString()));
        foreach (var (kind, name) in Copied)
        {
            foreach (var slot in slots)
            {
                if (slot.Kind != kind) continue;
                bytes.AddRange(Encoding.ASCII.GetBytes(name));
                bytes.AddRange(source.Slice(slot.ValueStart, slot.ValueLength).ToArray());
                bytes.Add((byte)'\r');
                bytes.Add((byte)'\n');
                if (kind != HeaderKind.Via) break; // one of each single-value header, even if the request had several
            }
        }
        bytes.AddRange("l: 0\r\n\r\n"u8.ToArray());
        return [.. bytes];
    }
}
