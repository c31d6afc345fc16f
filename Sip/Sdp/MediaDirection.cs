namespace Cinema.Sip.Sdp;

/// <summary>Media direction attributes (RFC 8866 §6.7), from the point of view of the side that wrote them.</summary>
public enum MediaDirection
{
    /// <summary>Send and receive; the default when no direction attribute is present.</summary>
    SendRecv,

    /// <summary>Send only.</summary>
    SendOnly,

    /// <summary>Receive only.</summary>
    RecvOnly,

    /// <summary>Neither send nor receive.</summary>
    Inactive,
}
