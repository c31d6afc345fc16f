using System.Collections.Concurrent;
using System.Net;
using Cinema.Sip.Messages;
using Cinema.Sip.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cinema.Sip.Transactions;

/// <summary>
/// The RFC 3261 §17 transaction layer: owns the table of transactions, matches every inbound message to one
/// (§17.1.3, §17.2.3) or hands it to the <see cref="ITransactionUser"/>, and starts client transactions. Thread-safe
/// with no global lock: the table is three concurrent dictionaries (look-ups take no lock), and each transaction has
/// a lock of its own.
/// </summary>
public sealed partial class TransactionLayer : IDisposable
{
    // Server transactions matched by branch are their own keys (compared by ServerTransaction.TableKey) and are
    // looked up by a ServerTransactionKey: the table's entry then holds a reference where it would hold a copy of the
    // 32-byte key the transaction keeps anyway, 24 bytes less for each transaction waiting out Timer J or L.
    private readonly ConcurrentDictionary<ServerTransaction, ServerTransaction> _servers = new(ByBranchKey.Instance);
    private readonly ConcurrentDictionary<ServerTransaction, ServerTransaction>.AlternateLookup<ServerTransactionKey> _serversByKey;
    private readonly ConcurrentDictionary<LegacyTransactionKey, ServerTransaction> _legacyServers = new();
    private readonly ConcurrentDictionary<ClientTransactionKey, ClientTransaction> _clients = new();
    private readonly ConcurrentDictionary<TimeSpan, DeadlineQueue> _deadlines = new();
    private string? _lastSentByHost;
    private IPEndPoint? _lastDestination;
    private volatile bool _disposed;

    /// <param name="transport">Sends requests and responses.</param>
    /// <param name="user">Hears about new requests and everything server transactions report.</param>
    /// <param name="options">Timer values; <see cref="TransactionOptions.Default"/> when null.</param>
    /// <param name="timeProvider">Drives every timer; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="logger">Diagnostics.</param>
    public TransactionLayer(ISipTransport transport, ITransactionUser user, TransactionOptions? options = null,
        TimeProvider? timeProvider = null, ILogger<TransactionLayer>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(user);
        Transport = transport;
        User = user;
        Options = (options ?? TransactionOptions.Default).Validated();
        Time = timeProvider ?? TimeProvider.System;
        Logger = logger ?? (ILogger)NullLogger.Instance;
        _serversByKey = _servers.GetAlternateLookup<ServerTransactionKey>();
    }

    public TransactionOptions Options { get; }

    /// <summary>Transactions in the table. Takes every lock of the table: for tests and metrics, not per message.</summary>
    public int Count => _servers.Count + _legacyServers.Count + _clients.Count;

    internal ISipTransport Transport { get; }

    internal ITransactionUser User { get; }

    internal TimeProvider Time { get; }

    internal ILogger Logger { get; }

    /// <summary>Where waiting transactions keep the responses they re-send.</summary>
    internal PinnedSlab Pinned { get; } = new();

    /// <summary>Takes one message from the transport: a request or a response (RFC 3261 §18.1.2, §18.2.1).</summary>
    public void Receive(InboundMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_disposed) return;
        if (message.Message is SipRequest request) ReceiveRequest(message, request);
        else ReceiveResponse(message, (SipResponse)message.Message);
    }

    /// <inheritdoc cref="StartClientTransaction(SipEndPoint, SipRequest, ReadOnlyMemory{byte}, IClientTransactionUser)"/>
    public ClientTransaction StartClientTransaction(SipEndPoint destination, SipRequest request, IClientTransactionUser user)
    {
        ArgumentNullException.ThrowIfNull(request);
        return StartClientTransaction(destination, request, request.Buffer, user);
    }

    /// <summary>
    /// Sends <paramref name="request"/> to <paramref name="destination"/> in a new client transaction: a
    /// <see cref="ClientInviteTransaction"/> for INVITE, a <see cref="ClientNonInviteTransaction"/> otherwise
    /// (RFC 3261 §17.1). The request must be complete, with an RFC 3261 branch (<see cref="ViaBranch.New"/>) in
    /// its top Via; <paramref name="bytes"/> is what goes on the wire. ACK is never sent in a transaction: send
    /// the ACK of a 2xx through the transport (§13.2.2.4, §17.1.1.3).
    /// </summary>
    /// <exception cref="InvalidOperationException">A client transaction with the same branch and method exists.</exception>
    public ClientTransaction StartClientTransaction(SipEndPoint destination, SipRequest request, ReadOnlyMemory<byte> bytes, IClientTransactionUser user)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(user);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (string.Equals(request.Method, SipMethod.Ack, StringComparison.Ordinal))
            throw new ArgumentException("ACK is not sent in a transaction (RFC 3261 §17.1.1.3); send it through the transport.", nameof(request));
        if (!request.TopVia.HasRfc3261Branch)
            throw new ArgumentException("The top Via needs a branch that starts with the magic cookie (RFC 3261 §8.1.1.7).", nameof(request));

        destination = ShareDestination(destination);
        ClientTransaction transaction = string.Equals(request.Method, SipMethod.Invite, StringComparison.Ordinal)
            ? new ClientInviteTransaction(this, destination, request, bytes, user)
            : new ClientNonInviteTransaction(this, destination, request, bytes, user);
        if (!_clients.TryAdd(transaction.Key, transaction))
            throw new InvalidOperationException($"A {request.Method} client transaction with branch {transaction.Key.Branch} already exists.");
        transaction.Start();
        return transaction;
    }

    /// <summary>
    /// A client transaction keeps its destination until it ends (up to 32 s after a 2xx, Timer M); its address is
    /// shared with the transaction before when equal, since a proxy sends most requests to a few next hops. About
    /// 70 bytes (an IPEndPoint and its IPAddress) less per transaction.
    /// </summary>
    private SipEndPoint ShareDestination(SipEndPoint destination)
    {
        var last = Volatile.Read(ref _lastDestination);
        if (last is not null && last.Equals(destination.Address)) return destination with { Address = last };
        Volatile.Write(ref _lastDestination, destination.Address);
        return destination;
    }

    /// <summary>
    /// Stops every timer and empties the table without telling the TU: for shutting down. Messages received
    /// afterwards are ignored.
    /// </summary>
    public void Dispose()
    {
        _disposed = true;
        foreach (var entry in _clients) entry.Value.Abandon();
        foreach (var entry in _servers) entry.Value.Abandon();
        foreach (var entry in _legacyServers) entry.Value.Abandon();
        _clients.Clear();
        _servers.Clear();
        _legacyServers.Clear();
        foreach (var entry in _deadlines) entry.Value.Dispose();
    }

    /// <summary>The shared queue of timers of one delay (there are a handful: the options fix them).</summary>
    internal DeadlineQueue DeadlinesAfter(TimeSpan delay) =>
        _deadlines.TryGetValue(delay, out var queue) ? queue : _deadlines.GetOrAdd(delay, static (d, layer) => new DeadlineQueue(layer.Time, d, layer.Logger), this);

    internal void Forget(ClientTransaction transaction) => _clients.TryRemove(new(transaction.Key, transaction));

    internal void Forget(ServerTransaction transaction)
    {
        if (transaction.BranchKey is not null) _servers.TryRemove(new(transaction, transaction));
        if (transaction.LegacyKey is { } legacy) _legacyServers.TryRemove(new(legacy, transaction));
    }

    private void ReceiveResponse(InboundMessage message, SipResponse response)
    {
        // §17.1.3: the top Via branch and the CSeq method pick the client transaction.
        if (response.TopVia.Branch is { } branch
            && _clients.TryGetValue(new ClientTransactionKey(branch, response.CSeq.Method), out var transaction)
            && transaction.Receive(message))
        {
            return;
        }

        if (Options.PassStray2xxToUser && response.IsSuccess && string.Equals(response.CSeq.Method, SipMethod.Invite, StringComparison.Ordinal))
        {
            try
            {
                User.OnStrayResponse(message);
            }
            catch (Exception ex)
            {
                TransactionLog.StrayCallbackFailed(Logger, message.Source, ex);
            }
            return;
        }
        // RFC 6026 (update of RFC 3261 §18.1.2): a response that matches no transaction is silently discarded.
        TransactionLog.StrayResponseDropped(Logger, response.StatusCode, response.CSeq.Method, message.Source);
    }

    /// <summary>Server transactions compared by their branch key, and looked up by a key alone.</summary>
    private sealed class ByBranchKey : IEqualityComparer<ServerTransaction>, IAlternateEqualityComparer<ServerTransactionKey, ServerTransaction>
    {
        public static readonly ByBranchKey Instance = new();

        public bool Equals(ServerTransaction? x, ServerTransaction? y) =>
            ReferenceEquals(x, y) || (x is not null && y is not null && x.TableKey.Equals(y.TableKey));

        public int GetHashCode(ServerTransaction obj) => obj.TableKey.GetHashCode();

        public bool Equals(ServerTransactionKey alternate, ServerTransaction other) => alternate.Equals(other.TableKey);

        public int GetHashCode(ServerTransactionKey alternate) => alternate.GetHashCode();

        public ServerTransaction Create(ServerTransactionKey alternate) =>
            throw new NotSupportedException("A server transaction is added as itself, never made from its key.");
    }
}
