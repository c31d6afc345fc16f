using Cinema.Sip.Messages;
using Cinema.Sip.Messages.Syntax;

namespace Cinema.Sip.Parsing;

/// <summary>
/// The grammar checks of the known headers, made one header at a time as the parser indexes them, and the
/// checks that need the whole header block. Keeps the values every message needs (<see cref="MessageFacts"/>),
/// read once by the check that validates them.
/// </summary>
internal struct HeaderChecks
{
    private static readonly ulong Required =
        (1UL << (int)HeaderKind.Via) | (1UL << (int)HeaderKind.From) | (1UL << (int)HeaderKind.To)
        | (1UL << (int)HeaderKind.CallId) | (1UL << (int)HeaderKind.CSeq);

    private ulong _seen;
    private uint _cseq;
    private Range _cseqMethod;
    private int _cseqAt;
    private int _maxForwards;
    private long _contentLength;
    private long _expires;
    private int _contactLines;
    private bool _contactStar;

    public HeaderChecks()
    {
        _maxForwards = -1;
        _contentLength = -1;
        _expires = -1;
    }

    /// <summary>Checks one known header; returns why it is invalid, or null.</summary>
    public string? Check(HeaderKind kind, ReadOnlySpan<byte> value, int valueStart)
    {
        // HeaderNames refuses to start if HeaderKind outgrows the mask.
        var bit = 1UL << (int)kind;
        if ((_seen & bit) != 0 && HeaderGrammar.IsSingle(kind)) return "more than one " + HeaderNames.NameOf(kind) + " header";
        _seen |= bit;
        string? error;
        switch (kind)
        {
            case HeaderKind.CSeq:
                if (!ScalarSyntax.CSeq(value, out _cseq, out _cseqMethod, out error)) break;
                _cseqAt = valueStart;
                return null;
            case HeaderKind.MaxForwards:
                // RFC 3261 §20.22 gives 0-255 in practice (RFC 4475 §3.1.2.4 calls 300 too large).
                if (!ScalarSyntax.WholeNumber(value, 255, "Max-Forwards", out var maxForwards, out error)) break;
                _maxForwards = (int)maxForwards;
                return null;
            case HeaderKind.ContentLength:
                if (!ScalarSyntax.WholeNumber(value, int.MaxValue, "Content-Length", out _contentLength, out error)) break;
                return null;
            case HeaderKind.Expires:
                if (!ScalarSyntax.WholeNumber(value, long.MaxValue, "Expires", out var expires, out error)) break;
                _expires = Math.Min(expires, uint.MaxValue);
                return null;
            case HeaderKind.Contact:
                if (!HeaderGrammar.Validate(kind, value, out error)) break;
                // RFC 3261 §20.10 grammar (STAR or a list) and §10.3 step 6: "*" is the only Contact value, also
                // across header lines; otherwise IsWildcardContact and Contacts would each tell half the story.
                _contactLines++;
                _contactStar |= HeaderGrammar.IsWildcard(value);
                if (_contactStar && _contactLines > 1)
                {
                    error = "* must be the only Contact value";
                    break;
                }
                return null;
            default:
                if (HeaderGrammar.Validate(kind, value, out error)) return null;
                break;
        }
        return "invalid " + HeaderNames.NameOf(kind) + " header: " + error;
    }

    /// <summary>
    /// The checks that need every header (mandatory headers, CSeq method, body length), given the message bytes
    /// and where the body starts; returns why the message is invalid, or null with its facts.
    /// </summary>
    public readonly string? Complete(ReadOnlySpan<byte> message, string? method, int bodyStart, out MessageFacts facts)
    {
        facts = default;
        // RFC 3261 §8.1.1 / §8.2.2: every message carries these (RFC 4475 §3.3.1).
        if ((_seen & Required) != Required)
        {
            foreach (var required in (ReadOnlySpan<HeaderKind>)[HeaderKind.Via, HeaderKind.From, HeaderKind.To, HeaderKind.CallId, HeaderKind.CSeq])
            {
                if ((_seen & (1UL << (int)required)) == 0) return "missing " + HeaderNames.NameOf(required) + " header";
            }
        }
        var cseqMethod = message[_cseqAt..][_cseqMethod];
        string cseqMethodName;
        if (method is not null)
        {
            // RFC 4475 §3.1.2.17-18: the CSeq method must match the request method.
            if (!CharClass.EqualsText(cseqMethod, method)) return "CSeq method does not match the request method";
            cseqMethodName = method;
        }
        else cseqMethodName = SipMethod.Intern(cseqMethod);

        var available = message.Length - bodyStart;
        int bodyLength;
        if (_contentLength < 0) bodyLength = available; // Absent on UDP: the body is the rest of the datagram (RFC 3261 §18.3).
        else if (_contentLength > available) return "Content-Length is larger than the message body"; // RFC 4475 §3.1.2.2
        else bodyLength = (int)_contentLength;
        facts = new MessageFacts(bodyStart, bodyLength, _cseq, cseqMethodName, _maxForwards, _expires);
        return null;
    }
}
