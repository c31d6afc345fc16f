using System.Threading.Channels;
using Cinema.Sip.Messages;
using Cinema.Sip.Transport;

namespace Cinema.Sip.Transactions;

/// <summary>
/// A ready-made <see cref="IClientTransactionUser"/> for code that prefers to await: a UAC sending REGISTER or
/// OPTIONS, a conference server calling out. <see cref="Final"/> completes with the first final response, a
/// timeout or a transport error; <see cref="Responses"/> yields every response passed up (provisional ones, the
/// final one, and for INVITE later 2xx in Accepted, RFC 6026 §7.2) and completes when the transaction
/// terminates. Use one instance per transaction.
/// </summary>
public sealed class ClientTransactionCompletion : IClientTransactionUser
{
    private readonly TaskCompletionSource<ClientTransactionOutcome> _final = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Channel<SipResponse> _responses = Channel.CreateUnbounded<SipResponse>(new UnboundedChannelOptions { SingleWriter = true });

    public Task<ClientTransactionOutcome> Final => _final.Task;

    public ChannelReader<SipResponse> Responses => _responses.Reader;

    /// <summary>Completes when the transaction has terminated and left the table.</summary>
    public Task Terminated => _terminated.Task;

    void IClientTransactionUser.OnResponse(ClientTransaction transaction, InboundMessage response)
    {
        var message = (SipResponse)response.Message;
        _responses.Writer.TryWrite(message);
        if (message.IsFinal) _final.TrySetResult(ClientTransactionOutcome.Final(message));
    }

    void IClientTransactionUser.OnTimeout(ClientTransaction transaction) => _final.TrySetResult(ClientTransactionOutcome.Timeout);

    void IClientTransactionUser.OnTransportError(ClientTransaction transaction, string reason) =>
        _final.TrySetResult(ClientTransactionOutcome.Failed(reason));

    void IClientTransactionUser.OnTerminated(ClientTransaction transaction)
    {
        // Layer shut down or some path not covered above: never leave an awaiter hanging.
        _final.TrySetResult(ClientTransactionOutcome.Failed("transaction terminated without a final response"));
        _responses.Writer.TryComplete();
        _terminated.TrySetResult();
    }
}
