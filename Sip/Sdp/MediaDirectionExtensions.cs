namespace Cinema.Sip.Sdp;

/// <summary>Helpers for <see cref="MediaDirection"/>.</summary>
public static class MediaDirectionExtensions
{
    /// <summary>The attribute name, e.g. "sendonly".</summary>
    public static string ToAttributeName(this MediaDirection direction) => direction switch
    {
        MediaDirection.SendOnly => SdpAttributeNames.SendOnly,
        MediaDirection.RecvOnly => SdpAttributeNames.RecvOnly,
        MediaDirection.Inactive => SdpAttributeNames.Inactive,
        _ => SdpAttributeNames.SendRecv,
    };

    /// <summary>Whether the side using this direction sends media.</summary>
    public static bool Sends(this MediaDirection direction)
        => direction is MediaDirection.SendRecv or MediaDirection.SendOnly;

    /// <summary>Whether the side using this direction receives media.</summary>
    public static bool Receives(this MediaDirection direction)
        => direction is MediaDirection.SendRecv or MediaDirection.RecvOnly;

    /// <summary>The same direction seen from the peer: sendonly ↔ recvonly (RFC 3264 §6.1).</summary>
    public static MediaDirection Reverse(this MediaDirection direction) => direction switch
    {
        MediaDirection.SendOnly => MediaDirection.RecvOnly,
        MediaDirection.RecvOnly => MediaDirection.SendOnly,
        _ => direction,
    };

    /// <summary>What both directions allow: a side sends only if both let it, likewise for receiving.</summary>
    public static MediaDirection Intersect(this MediaDirection direction, MediaDirection other)
        => Create(direction.Sends() && other.Sends(), direction.Receives() && other.Receives());

    /// <summary>The same direction without sending, used for hold.</summary>
    public static MediaDirection WithoutSend(this MediaDirection direction)
        => Create(sends: false, direction.Receives());

    /// <summary>The same direction without receiving.</summary>
    public static MediaDirection WithoutReceive(this MediaDirection direction)
        => Create(direction.Sends(), receives: false);

    /// <summary>Builds a direction from its two halves.</summary>
    public static MediaDirection Create(bool sends, bool receives) => (sends, receives) switch
    {
        (true, true) => MediaDirection.SendRecv,
        (true, false) => MediaDirection.SendOnly,
        (false, true) => MediaDirection.RecvOnly,
        _ => MediaDirection.Inactive,
    };

    internal static MediaDirection? FromAttributeName(string name)
    {
        if (string.Equals(name, SdpAttributeNames.SendRecv, StringComparison.OrdinalIgnoreCase))
        {
            return MediaDirection.SendRecv;
        }

        if (string.Equals(name, SdpAttributeNames.SendOnly, StringComparison.OrdinalIgnoreCase))
        {
            return MediaDirection.SendOnly;
        }

        if (string.Equals(name, SdpAttributeNames.RecvOnly, StringComparison.OrdinalIgnoreCase))
        {
            return MediaDirection.RecvOnly;
        }

        if (string.Equals(name, SdpAttributeNames.Inactive, StringComparison.OrdinalIgnoreCase))
        {
            return MediaDirection.Inactive;
        }

        return null;
    }
}
