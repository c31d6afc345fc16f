namespace Cinema.Sip.Sdp;

/// <summary>Names of the attributes with typed helpers.</summary>
public static class SdpAttributeNames
{
    /// <summary>RFC 8866 §6.6.</summary>
    public const string RtpMap = "rtpmap";

    /// <summary>RFC 8866 §6.15.</summary>
    public const string Fmtp = "fmtp";

    /// <summary>RFC 8866 §6.4.</summary>
    public const string Ptime = "ptime";

    /// <summary>RFC 8866 §6.5.</summary>
    public const string MaxPtime = "maxptime";

    /// <summary>RFC 8866 §6.7.1.</summary>
    public const string RecvOnly = "recvonly";

    /// <summary>RFC 8866 §6.7.2.</summary>
    public const string SendRecv = "sendrecv";

    /// <summary>RFC 8866 §6.7.3.</summary>
    public const string SendOnly = "sendonly";

    /// <summary>RFC 8866 §6.7.4.</summary>
    public const string Inactive = "inactive";

    /// <summary>RFC 3605 §2.1.</summary>
    public const string Rtcp = "rtcp";

    /// <summary>RFC 5761 §5.1.1.</summary>
    public const string RtcpMux = "rtcp-mux";
}
