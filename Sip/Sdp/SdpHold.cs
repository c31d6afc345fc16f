namespace Cinema.Sip.Sdp;

/// <summary>Recognises a peer's hold, in the RFC 3264 §8.4 way and the older c=0.0.0.0 way.</summary>
public static class SdpHold
{
    /// <summary>
    /// Whether the writer of <paramref name="description"/> refuses media on this stream: its
    /// direction is sendonly or inactive, or its connection address is 0.0.0.0 (or ::).
    /// </summary>
    public static bool IsHold(SessionDescription description, MediaDescription media)
    {
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(media);
        return !AudioMedia.EffectiveDirection(description, media, description.GetConnection(media)).Receives();
    }

    /// <summary>Whether every active (non-rejected) stream is on hold; false when none is active.</summary>
    public static bool IsHold(SessionDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        var active = 0;
        foreach (var media in description.Media)
        {
            if (media.IsRejected)
            {
                continue;
            }

            active++;
            if (!IsHold(description, media))
            {
                return false;
            }
        }

        return active > 0;
    }
}
