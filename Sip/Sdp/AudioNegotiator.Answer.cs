using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace Cinema.Sip.Sdp;

// The answering side and the processing of answers to our offers.
public sealed partial class AudioNegotiator
{
    /// <summary>
    /// Answers a peer's offer (RFC 3264 §6): the same m= lines in the same order, the first usable
    /// audio stream accepted with the common codecs in the offer's order and the offer's payload
    /// types, everything else rejected with port 0. On failure the result says why and which SIP
    /// status to send (488, or 491 when our own offer is outstanding).
    /// </summary>
    /// <param name="offer">The peer's offer.</param>
    /// <param name="localRtp">Where we receive RTP.</param>
    /// <param name="direction">What we want; null keeps <see cref="LocalDirection"/> (for example a hold we started).</param>
    public AudioNegotiationResult CreateAnswer(SessionDescription offer, IPEndPoint localRtp, MediaDirection? direction = null)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ValidateLocal(localRtp);
        if (_pendingOffer is not null)
        {
            return AudioNegotiationResult.Fail(
                "an offer of ours is still waiting for its answer (RFC 3264 §4)",
                AudioNegotiationResult.RequestPending);
        }

        if (offer.Media.IsEmpty)
        {
            return AudioNegotiationResult.Fail("the offer has no media streams");
        }

        var wanted = direction ?? _localDirection;
        var media = ImmutableArray.CreateBuilder<MediaDescription>(offer.Media.Length);
        NegotiatedAudio? negotiated = null;
        string? audioProblem = null;
        for (var i = 0; i < offer.Media.Length; i++)
        {
            if (negotiated is null)
            {
                if (TryAccept(offer, i, localRtp.Port, wanted, out var answered, out negotiated, out var problem))
                {
                    media.Add(answered);
                    continue;
                }

                if (IsAudio(offer.Media[i]))
                {
                    audioProblem ??= problem;
                }
            }

            media.Add(AudioMedia.Reject(offer.Media[i]));
        }

        if (negotiated is null)
        {
            var types = string.Join(", ", offer.Media.Select(m => m.Media));
            return AudioNegotiationResult.Fail(audioProblem ?? $"the offer has no audio stream, only: {types}");
        }

        var answer = BuildDescription(localRtp.Address, media.MoveToImmutable());
        _localDirection = wanted;
        LocalDescription = answer;
        RemoteDescription = offer;
        Current = negotiated;
        return new AudioNegotiationResult { Answer = answer, Audio = negotiated };
    }

    /// <summary>
    /// Applies the peer's answer to our outstanding offer and returns the agreed stream. The offer is
    /// settled either way; on failure the caller ends or renegotiates the session.
    /// </summary>
    public AudioNegotiationResult ApplyAnswer(SessionDescription answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (_pendingOffer is not { } offer)
        {
            return AudioNegotiationResult.Fail("there is no outstanding offer to apply an answer to", statusCode: null);
        }

        _pendingOffer = null;
        var result = Evaluate(offer, answer);
        if (result.Succeeded)
        {
            RemoteDescription = answer;
            Current = result.Audio;
        }

        return result;
    }

    private AudioNegotiationResult Evaluate(SessionDescription offer, SessionDescription answer)
    {
        if (answer.Media.Length != offer.Media.Length)
        {
            return AudioNegotiationResult.Fail(
                $"the answer has {answer.Media.Length} media streams but the offer had {offer.Media.Length} (RFC 3264 §6)", statusCode: null);
        }

        var index = _offeredAudioIndex;
        var media = answer.Media[index];
        if (!IsAudio(media))
        {
            return AudioNegotiationResult.Fail($"answer stream {index + 1} is '{media.Media}' but the offer had audio there (RFC 3264 §6)", statusCode: null);
        }

        if (media.IsRejected)
        {
            return AudioNegotiationResult.Fail("the peer rejected the audio stream (port 0)", statusCode: null);
        }

        var matched = AudioMedia.Match(media, _options.Codecs);
        if (!matched.Any(codec => !codec.Codec.IsTelephoneEvent))
        {
            return AudioNegotiationResult.Fail($"the answer has no voice codec that we offered: it lists {AudioMedia.Describe(media)}", statusCode: null);
        }

        if (answer.GetConnection(media) is not { } connection)
        {
            return AudioNegotiationResult.Fail("the answer has no connection address (c=) for the audio stream (RFC 8866 §5.7)", statusCode: null);
        }

        var rtcpMux = media.RtcpMux && offer.Media[index].RtcpMux;
        var audio = AudioMedia.Negotiate(index, answer, media, connection, matched, _offeredDirection, rtcpMux);
        return new AudioNegotiationResult { Audio = audio };
    }

    private bool TryAccept(
        SessionDescription offer,
        int index,
        int localPort,
        MediaDirection wanted,
        [NotNullWhen(true)] out MediaDescription? answered,
        [NotNullWhen(true)] out NegotiatedAudio? negotiated,
        [NotNullWhen(false)] out string? problem)
    {
        answered = null;
        negotiated = null;
        var offered = offer.Media[index];
        var stream = $"stream {index + 1}";
        if (!IsAudio(offered))
        {
            problem = $"{stream} is '{offered.Media}'; only audio is supported";
            return false;
        }

        if (offered.IsRejected)
        {
            problem = $"audio {stream} is disabled in the offer (port 0)";
            return false;
        }

        if (!_options.Protocols.Contains(offered.Protocol, StringComparer.OrdinalIgnoreCase))
        {
            problem = $"audio {stream} uses transport {offered.Protocol}; supported: {string.Join(", ", _options.Protocols)}";
            return false;
        }

        var matched = AudioMedia.Match(offered, _options.Codecs);
        if (!matched.Any(codec => !codec.Codec.IsTelephoneEvent))
        {
            problem = $"no common codec on audio {stream}: offered {AudioMedia.Describe(offered)}; supported {AudioMedia.Describe(_options.Codecs)}";
            return false;
        }

        if (offer.GetConnection(offered) is not { } connection)
        {
            problem = $"audio {stream} has no connection address (c=) at media or session level (RFC 8866 §5.7)";
            return false;
        }

        var rtcpMux = _options.RtcpMux && offered.RtcpMux;
        negotiated = AudioMedia.Negotiate(index, offer, offered, connection, matched, wanted, rtcpMux);

        // RFC 3264 §6.1: the answer lists the common formats with the offer's payload type
        // numbers; ptime is ours when configured, otherwise the offer's is echoed.
        answered = AudioMedia.Build(
            localPort,
            offered.Protocol,
            matched,
            negotiated.Direction,
            _options.Ptime ?? offered.Ptime,
            _options.MaxPtime,
            rtcpMux);
        problem = null;
        return true;
    }

    private static bool IsAudio(MediaDescription media) => string.Equals(media.Media, "audio", StringComparison.OrdinalIgnoreCase);
}
