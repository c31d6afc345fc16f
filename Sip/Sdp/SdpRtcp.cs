using System.Diagnostics.CodeAnalysis;

namespace Cinema.Sip.Sdp;

/// <summary><c>a=rtcp:&lt;port&gt; [&lt;nettype&gt; &lt;addrtype&gt; &lt;address&gt;]</c> (RFC 3605 §2.1).</summary>
/// <param name="Port">The RTCP port.</param>
/// <param name="Connection">The RTCP address when it differs from the RTP one.</param>
public sealed record SdpRtcp(int Port, SdpConnection? Connection = null)
{
    /// <summary>Parses the value of an rtcp attribute; false when it is malformed.</summary>
    public static bool TryParse(string? value, [NotNullWhen(true)] out SdpRtcp? rtcp)
    {
        rtcp = null;
        if (value is null)
        {
            return false;
        }

        var tokenizer = new SdpTokenizer(value);
        if (!tokenizer.TryNext(out var portText) || !SdpNumber.TryParsePort(portText, out var port))
        {
            return false;
        }

        if (!tokenizer.TryNext(out var netType))
        {
            rtcp = new SdpRtcp(port);
            return true;
        }

        if (!tokenizer.TryNext(out var addressType) || !tokenizer.TryNext(out var address) || tokenizer.TryNext(out _))
        {
            return false;
        }

        rtcp = new SdpRtcp(port, new SdpConnection(netType.ToString(), addressType.ToString(), address.ToString()));
        return true;
    }

    /// <summary>The attribute value, e.g. "53021" or "53021 IN IP4 192.0.2.1".</summary>
    public string ToAttributeValue() => Connection is null
        ? SdpNumber.Format(Port)
        : SdpNumber.Format(Port) + " " + Connection.NetType + " " + Connection.AddressType + " " + Connection.Address;

    /// <summary>The <c>a=rtcp</c> attribute.</summary>
    public SdpAttribute ToAttribute() => new(SdpAttributeNames.Rtcp, ToAttributeValue());
}
