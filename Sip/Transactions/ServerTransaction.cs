using Cinema.Sip.Messages;
using Cinema.Sip.Transport;

namespace Cinema.Sip.Transactions;

/// <summary>
/// A server transaction (RFC 3261 §17.2): absorbs retransmissions of the request that created it, re-sending the
/// last response, and sends the TU's responses, retransmitting them where the RFC says so. Made by the
/// <see cref="TransactionLayer"/> for a new request and handed to <see cref="ITransactionUser.OnRequest"/>.
/// </summary>
public abstract class ServerTransaction : Transaction
{
    // The request (an InboundMessage) until a waiting state lets it go, then where responses go (a ResponseRoute):
    // never both, so one field, 8 bytes less in every transaction kept for Timer J or L.
    private object _requestOrRoute;
    private readonly ServerTransactionKey _branchKey; // default (no branch) for transactions matched the RFC 2543 way

    private protected ServerTransaction(TransactionLayer layer, TransactionState initial, InboundMessage request)
        : base(layer, initial, request.Source.Transport)
    {
        _requestOrRoute = request;
    }

    /// <summary>
    /// The request that created the transaction, with where it came from; responses are routed by it (§18.2.2).
    /// Over UDP, a non-INVITE transaction lets go of it once its final response is sent, and an INVITE transaction
    /// once its first 2xx is sent, keeping only where responses go (<see cref="ResponseRoute"/>) for what they still
    /// send until Timer J or L: read what you need before sending that response. Reading it afterwards throws
    /// <see cref="InvalidOperationException"/>.
    /// </summary>
    public InboundMessage Message => _requestOrRoute as InboundMessage ?? throw new InvalidOperationException(
        $"The {Method} request was let go when its final response was sent; the transaction only waits out its last timer.");

    /// <summary>The request of <see cref="Message"/>; the same lifetime.</summary>
    public SipRequest Request => (SipRequest)Message.Message;

    /// <summary>The method of the request, as its key holds it (a waiting transaction keeps little more than its key).</summary>
    public override string Method => _branchKey.Branch is not null ? _branchKey.Method : LegacyKey!.Method;

    public override string? Branch => _branchKey.Branch ?? Request.TopVia.Branch;

    /// <summary>
    /// Set for transactions matched by branch (§17.2.3); the layer removes the transaction under this key. Held as a
    /// plain struct whose default means none: a nullable one takes 8 bytes more in every transaction.
    /// </summary>
    internal ServerTransactionKey? BranchKey
    {
        get => _branchKey.Branch is null ? null : _branchKey;
        init => _branchKey = value ?? default;
    }

    /// <summary>The branch key, or the default key for an RFC 2543 transaction: what the layer's table compares.</summary>
    internal ref readonly ServerTransactionKey TableKey => ref _branchKey;

    /// <summary>Set for transactions matched the RFC 2543 way (§17.2.3, second half).</summary>
    internal LegacyTransactionKey? LegacyKey { get; init; }

    /// <summary>
    /// A response to <see cref="Request"/> with Via, From, To, Call-ID and CSeq copied (§8.2.6.2). Add a To tag
    /// for anything but 100 with <see cref="SipResponseBuilder.WithToTag"/>.
    /// </summary>
    public SipResponseBuilder CreateResponse(int statusCode, string? reasonPhrase = null) =>
        SipResponseBuilder.For(Request, statusCode, reasonPhrase).WithReceivedFrom(Message.Source.Address);

    /// <summary>
    /// Sends a response through the transaction. False when the state does not allow it: anything after a non-2xx
    /// final, a provisional or non-2xx after a 2xx, anything once terminated. 2xx retransmissions to an INVITE
    /// are the TU's job (§13.3.1.4) and go through here while the transaction is Accepted (RFC 6026 §7.1).
    /// </summary>
    public bool SendResponse(SipResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return SendResponse(response.StatusCode, response.Buffer);
    }

    /// <inheritdoc cref="SendResponse(SipResponse)"/>
    public bool SendResponse(SipResponseBuilder response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return SendResponse(response.StatusCode, response.ToArray());
    }

    /// <summary>Sends response bytes the caller serialized; <paramref name="statusCode"/> must be theirs.</summary>
    public bool SendResponse(int statusCode, ReadOnlyMemory<byte> response)
    {
        if (statusCode is < 100 or > 699) throw new ArgumentOutOfRangeException(nameof(statusCode));
        return Dispatch(TransactionEvent.TuResponse(statusCode, response));
    }

    internal void Start() => Dispatch(TransactionEvent.Start());

    /// <summary>A retransmission of the request. False when the transaction has terminated, so the layer starts a new one.</summary>
    internal bool Receive(InboundMessage request) => Dispatch(TransactionEvent.Request(request));

    private protected override void Forget() => Layer.Forget(this);

    private protected override void Shed()
    {
        if (_requestOrRoute is not InboundMessage message) return;
        // A non-INVITE in Completed over UDP only re-sends its final response (§17.2.2), an INVITE in Accepted only
        // sends the TU's 2xx (RFC 6026 §7.1): with the route worked out, the request itself (its bytes and header
        // index, most of what the transaction holds for 32 s) can go. RFC 2543 transactions keep it: matching them
        // reads its fields.
        if (OnlyResends && LegacyKey is null && Layer.Transport.RouteResponse(message) is { } route)
        {
            _requestOrRoute = route;
            return;
        }
        message.Message.ForgetDecoded();
    }

    /// <summary>True in a state whose only work is re-sending the last response. Under the lock.</summary>
    private protected virtual bool OnlyResends => false;

    private protected override ValueTask<SendResult> TransmitAsync(ReadOnlyMemory<byte> bytes) =>
        _requestOrRoute is ResponseRoute route ? Layer.Transport.SendResponseAsync(route, bytes) : Layer.Transport.SendResponseAsync(Message, bytes);

    private protected override void Notify(in TransactionEffect effect)
    {
        switch (effect.Kind)
        {
            case TransactionEffectKind.Request:
                NotifyRequest();
                break;
            case TransactionEffectKind.TransportError:
                Layer.User.OnTransportError(this, effect.Error!);
                break;
        }
    }

    private protected virtual void NotifyRequest() => Layer.User.OnRequest(this);

    private protected override void NotifyTerminated() => Layer.User.OnTerminated(this);
}
