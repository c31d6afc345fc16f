using System.Diagnostics.CodeAnalysis;

namespace Cinema.Sip.Sdp;

/// <summary><c>a=fmtp:&lt;format&gt; &lt;format specific parameters&gt;</c> (RFC 8866 §6.15).</summary>
/// <param name="PayloadType">The RTP payload type the parameters apply to.</param>
/// <param name="Parameters">The parameters verbatim, e.g. "0-16" or "useinbandfec=1;stereo=1".</param>
public sealed record SdpFmtp(int PayloadType, string Parameters)
{
    /// <summary>Parses the value of an fmtp attribute; false when it is malformed.</summary>
    public static bool TryParse(string? value, [NotNullWhen(true)] out SdpFmtp? fmtp)
    {
        fmtp = null;
        if (value is null)
        {
            return false;
        }

        var text = value.AsSpan().TrimStart(' ');
        var space = text.IndexOf(' ');
        var number = space < 0 ? text : text[..space];
        if (!SdpNumber.TryParsePayloadType(number, out var payloadType))
        {
            return false;
        }

        var parameters = space < 0 ? [] : text[(space + 1)..].Trim(' ');
        fmtp = new SdpFmtp(payloadType, parameters.ToString());
        return true;
    }

    /// <summary>
    /// The value of a "key=value" parameter from a ';'-separated list (the common media type
    /// parameter convention, RFC 4855 §3), or null when absent.
    /// </summary>
    public string? GetParameter(string name)
    {
        foreach (var range in Parameters.AsSpan().Split(';'))
        {
            var item = Parameters.AsSpan()[range].Trim(' ');
            var equals = item.IndexOf('=');
            if (equals > 0 && item[..equals].Trim(' ').Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return item[(equals + 1)..].Trim(' ').ToString();
            }
        }

        return null;
    }

    /// <summary>The attribute value, e.g. "101 0-16".</summary>
    public string ToAttributeValue()
        => Parameters.Length == 0 ? SdpNumber.Format(PayloadType) : SdpNumber.Format(PayloadType) + " " + Parameters;

    /// <summary>The <c>a=fmtp</c> attribute.</summary>
    public SdpAttribute ToAttribute() => new(SdpAttributeNames.Fmtp, ToAttributeValue());
}
