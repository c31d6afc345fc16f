using Cinema.Sip.Messages;
using Cinema.Sip.Transport;

namespace Cinema.Sip.Transactions;

/// <summary>
/// A client transaction (RFC 3261 §17.1): sends one request to one resolved destination, retransmits it on
/// unreliable transports, and passes the responses that matter to its <see cref="IClientTransactionUser"/>.
/// Made by <see cref="TransactionLayer.StartClientTransaction(SipEndPoint, SipRequest, IClientTransactionUser)"/>.
/// </summary>
public abstract class ClientTransaction : Transaction
{
    private SipRequest? _request;

    private protected ClientTransaction(TransactionLayer layer, TransactionState initial, SipEndPoint destination, SipRequest request,
        ReadOnlyMemory<byte> bytes, IClientTransactionUser user)
        : base(layer, initial, destination.Transport)
    {
        Destination = destination;
        _request = request;
        RequestBytes = bytes;
        User = user;
        Key = new ClientTransactionKey(request.TopVia.Branch!, request.Method);
    }

    /// <summary>The request as sent; its top Via branch and method identify the transaction (§17.1.3).</summary>
    /// <remarks>
    /// Once a final response has come the transaction only waits out its last timer (D, K, M) and lets go of the
    /// request: read what you need of it before then. Reading it afterwards throws <see cref="InvalidOperationException"/>.
    /// </remarks>
    public SipRequest Request => _request ?? throw new InvalidOperationException(
        $"The {Method} request was let go when its final response came; the transaction only waits out its last timer.");

    /// <summary>Where the request goes; retransmissions and the ACK of a non-2xx go there too (§17.1.1.3).</summary>
    public SipEndPoint Destination { get; }

    public IClientTransactionUser User { get; }

    public override string Method => Key.Method;

    public override string Branch => Key.Branch;

    internal ClientTransactionKey Key { get; }

    private protected ReadOnlyMemory<byte> RequestBytes { get; private set; }

    internal void Start() => Dispatch(TransactionEvent.Start());

    /// <summary>False when the transaction has already terminated, so the layer treats the response as stray.</summary>
    internal bool Receive(InboundMessage response) => Dispatch(TransactionEvent.Response(response));

    private protected override void Forget() => Layer.Forget(this);

    private protected override void Shed()
    {
        // Once a final response has come the request is never sent again (a CANCEL or ACK is a message of its own).
        RequestBytes = default;
        _request = null;
    }

    private protected override ValueTask<SendResult> TransmitAsync(ReadOnlyMemory<byte> bytes) =>
        Layer.Transport.SendRequestAsync(Destination, bytes);

    private protected override void Notify(in TransactionEffect effect)
    {
        switch (effect.Kind)
        {
            case TransactionEffectKind.Response:
                User.OnResponse(this, effect.Message!);
                break;
            case TransactionEffectKind.Timeout:
                User.OnTimeout(this);
                break;
            case TransactionEffectKind.TransportError:
                User.OnTransportError(this, effect.Error!);
                break;
        }
    }

    private protected override void NotifyTerminated() => User.OnTerminated(this);

    /// <summary>
    /// Any state: a failed send ends a client transaction and the TU hears why (RFC 3261 §17.1.4).
    /// </summary>
    private protected TransactionState FailOnTransportError(in TransactionEvent e)
    {
        Tell(TransactionEffectKind.TransportError, error: e.Error);
        return TransactionState.Terminated;
    }
}
