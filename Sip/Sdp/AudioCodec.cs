namespace Cinema.Sip.Sdp;

/// <summary>An audio codec we can use, matched against a peer's rtpmap by name, clock rate and channels.</summary>
/// <param name="Name">Encoding name as in rtpmap, e.g. "PCMU" or "opus" (compared case-insensitively, RFC 4855 §3).</param>
/// <param name="ClockRate">RTP clock rate in Hz.</param>
/// <param name="Channels">Channel count; 1 unless the payload format says otherwise.</param>
public sealed record AudioCodec(string Name, int ClockRate, int Channels = 1)
{
    /// <summary>The static payload type (RFC 3551 §6) or the preferred dynamic one (96-127) used in our offers.</summary>
    public int? PayloadType { get; init; }

    /// <summary>The fmtp parameters we advertise, e.g. "0-16" for telephone-event.</summary>
    public string? Fmtp { get; init; }

    /// <summary>G.711 µ-law, static payload type 0 (RFC 3551 §6).</summary>
    public static AudioCodec Pcmu { get; } = new("PCMU", 8000) { PayloadType = 0 };

    /// <summary>G.711 A-law, static payload type 8 (RFC 3551 §6).</summary>
    public static AudioCodec Pcma { get; } = new("PCMA", 8000) { PayloadType = 8 };

    /// <summary>G.722, static payload type 9; its RTP clock is 8000 although it samples at 16 kHz (RFC 3551 §4.5.2).</summary>
    public static AudioCodec G722 { get; } = new("G722", 8000) { PayloadType = 9 };

    /// <summary>Opus, always advertised as opus/48000/2 (RFC 7587 §7).</summary>
    public static AudioCodec Opus { get; } = new("opus", 48000, 2) { PayloadType = 111 };

    /// <summary>DTMF events (RFC 4733 §7.1.1) for events 0-16: digits, *, #, A-D and flash.</summary>
    public static AudioCodec TelephoneEvent { get; } = new("telephone-event", 8000) { PayloadType = 101, Fmtp = "0-16" };

    /// <summary>Whether this is the RFC 4733 telephone-event format rather than a voice codec.</summary>
    public bool IsTelephoneEvent => string.Equals(Name, "telephone-event", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether an rtpmap describes this codec.</summary>
    public bool Matches(SdpRtpMap rtpMap)
    {
        ArgumentNullException.ThrowIfNull(rtpMap);
        return string.Equals(Name, rtpMap.EncodingName, StringComparison.OrdinalIgnoreCase)
            && ClockRate == rtpMap.ClockRate
            && Channels == rtpMap.EffectiveChannels;
    }

    /// <summary>The rtpmap for this codec under a payload type; the channel count is written only when not 1.</summary>
    public SdpRtpMap ToRtpMap(int payloadType) => new(payloadType, Name, ClockRate, Channels == 1 ? null : Channels);

    /// <summary>"name/clock" or "name/clock/channels".</summary>
    public override string ToString()
        => Channels == 1 ? $"{Name}/{SdpNumber.Format(ClockRate)}" : $"{Name}/{SdpNumber.Format(ClockRate)}/{SdpNumber.Format(Channels)}";
}
