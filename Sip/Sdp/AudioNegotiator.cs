using System.Collections.Immutable;
using System.Net;

namespace Cinema.Sip.Sdp;

/// <summary>
/// RFC 3264 offer/answer for one audio stream, kept for the life of a dialog so that the o= line
/// stays the same and its version increments with each description we send (RFC 3264 §8).
/// Not thread-safe: use it from the dialog's own serialized context.
/// </summary>
public sealed partial class AudioNegotiator
{
    private readonly AudioNegotiatorOptions _options;
    private readonly string _sessionId;
    private SdpOrigin? _origin;
    private SessionDescription? _pendingOffer;
    private MediaDirection _offeredDirection;
    private int _offeredAudioIndex;
    private MediaDirection _localDirection = MediaDirection.SendRecv;

    /// <summary>Creates a negotiator for one dialog.</summary>
    /// <exception cref="ArgumentException">No voice codec or no protocol is configured.</exception>
    public AudioNegotiator(AudioNegotiatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Codecs.Any(codec => !codec.IsTelephoneEvent))
        {
            throw new ArgumentException("At least one voice codec is required.", nameof(options));
        }

        if (options.Protocols.IsEmpty)
        {
            throw new ArgumentException("At least one transport protocol is required.", nameof(options));
        }

        _options = options;
        _sessionId = SdpNumber.Format(options.SessionId ?? (ulong)Random.Shared.NextInt64(1, long.MaxValue));
    }

    /// <summary>The last description we produced (offer or answer).</summary>
    public SessionDescription? LocalDescription { get; private set; }

    /// <summary>The last description the peer sent (offer or answer).</summary>
    public SessionDescription? RemoteDescription { get; private set; }

    /// <summary>Our offer still waiting for an answer, or null.</summary>
    public SessionDescription? PendingOffer => _pendingOffer;

    /// <summary>The audio stream as last agreed, or null before the first successful exchange.</summary>
    public NegotiatedAudio? Current { get; private set; }

    /// <summary>
    /// The direction we want, set by our offers and used when answering without an explicit one,
    /// so that a call we hold stays held when the peer re-offers.
    /// </summary>
    public MediaDirection LocalDirection => _localDirection;

    /// <summary>Builds an offer with all our codecs (RFC 3264 §5) and remembers it until an answer arrives.</summary>
    /// <exception cref="InvalidOperationException">An offer is already waiting for an answer (RFC 3264 §4).</exception>
    public SessionDescription CreateOffer(IPEndPoint localRtp, MediaDirection direction = MediaDirection.SendRecv)
    {
        ValidateLocal(localRtp);
        if (_pendingOffer is not null)
        {
            throw new InvalidOperationException("An offer is already outstanding; apply its answer or cancel it first (RFC 3264 §4).");
        }

        var codecs = AudioMedia.AssignPayloadTypes(_options.Codecs, Current);
        var audio = AudioMedia.Build(localRtp.Port, _options.Protocols[0], codecs, direction, _options.Ptime, _options.MaxPtime, _options.RtcpMux);
        var audioIndex = Current?.MediaIndex ?? 0;
        var offer = BuildDescription(localRtp.Address, BuildOfferMedia(audio, audioIndex));
        _pendingOffer = offer;
        _offeredDirection = direction;
        _offeredAudioIndex = audioIndex;
        _localDirection = direction;
        LocalDescription = offer;
        return offer;
    }

    /// <summary>
    /// An offer that puts the peer on hold: sendonly, or inactive when the peer already holds us
    /// (RFC 6337 §5.3).
    /// </summary>
    public SessionDescription CreateHoldOffer(IPEndPoint localRtp)
        => CreateOffer(localRtp, Current is { IsRemoteHold: true } ? MediaDirection.Inactive : MediaDirection.SendOnly);

    /// <summary>An offer that takes the call off hold (sendrecv).</summary>
    public SessionDescription CreateResumeOffer(IPEndPoint localRtp) => CreateOffer(localRtp, MediaDirection.SendRecv);

    /// <summary>Forgets our outstanding offer, e.g. after the re-INVITE carrying it failed; the session stays as it was.</summary>
    public void CancelOffer() => _pendingOffer = null;

    // RFC 3264 §8: a new offer keeps every m= line of the previous description in place; lines
    // other than the audio one stay rejected.
    private ImmutableArray<MediaDescription> BuildOfferMedia(MediaDescription audio, int audioIndex)
    {
        var previous = LocalDescription?.Media ?? [];
        var count = Math.Max(previous.Length, audioIndex + 1);
        var media = ImmutableArray.CreateBuilder<MediaDescription>(count);
        for (var i = 0; i < count; i++)
        {
            media.Add(i == audioIndex ? audio : AudioMedia.Reject(previous[i]));
        }

        return media.MoveToImmutable();
    }

    private SessionDescription BuildDescription(IPAddress address, ImmutableArray<MediaDescription> media)
    {
        var connection = SdpConnection.FromIPAddress(address);
        _origin = _origin is null
            ? new SdpOrigin(_options.UserName, _sessionId, _options.InitialSessionVersion, "IN", connection.AddressType, connection.Address)
            : _origin.WithNextVersion();
        return new SessionDescription
        {
            Origin = _origin,
            SessionName = _options.SessionName,
            Connection = connection,
            Timings = [SdpTiming.Unbounded],
            Media = media,
        };
    }

    private static void ValidateLocal(IPEndPoint localRtp)
    {
        ArgumentNullException.ThrowIfNull(localRtp);
        if (localRtp.Address.Equals(IPAddress.Any) || localRtp.Address.Equals(IPAddress.IPv6Any))
        {
            // RFC 3264 §8.4: an unspecified address would read as old-style hold.
            throw new ArgumentException("The local RTP address must be a concrete address, not 0.0.0.0 or ::.", nameof(localRtp));
        }

        if (localRtp.Port == 0)
        {
            throw new ArgumentException("The local RTP port must not be 0, which would reject the stream (RFC 3264 §5.1).", nameof(localRtp));
        }
    }
}
