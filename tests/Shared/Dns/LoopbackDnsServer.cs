using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using DnsClient;

namespace Cinema.Tests.Dns;

/// <summary>
/// A tiny authoritative DNS server on a loopback UDP port, answering from a table the test fills in.
/// Names with no records get NXDOMAIN; names with records but none of the asked type get an empty
/// NOERROR answer (NODATA). Answers must fit one datagram; TCP is not served.
/// </summary>
/// <remarks>Point a resolver at <see cref="EndPoint"/>; nothing here depends on the machine's resolver settings.</remarks>
public sealed partial class LoopbackDnsServer : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lock = new();
    private readonly List<LoopbackDnsRecord> _records = [];
    private readonly Dictionary<string, List<LoopbackDnsRecord>> _additionals = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> _responseCodes = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _silentNames = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<LoopbackDnsQuery> _queries = new();
    private readonly Task _loop;

    private LoopbackDnsServer(Socket socket)
    {
        _socket = socket;
        EndPoint = (IPEndPoint)socket.LocalEndPoint!;
        _loop = Task.Run(ServeAsync);
    }

    /// <summary>Where to send queries.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>Every question received so far, in arrival order.</summary>
    public IReadOnlyList<LoopbackDnsQuery> Queries => [.. _queries];

    /// <summary>Starts a server on a free UDP port of <paramref name="address"/> (127.0.0.1 by default; must be loopback).</summary>
    public static LoopbackDnsServer Start(IPAddress? address = null)
    {
        address ??= IPAddress.Loopback;
        if (!IPAddress.IsLoopback(address))
        {
            throw new ArgumentException("The test DNS server only listens on loopback addresses.", nameof(address));
        }

        var socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(new IPEndPoint(address, 0));
            return new LoopbackDnsServer(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public LoopbackDnsServer Add(LoopbackDnsRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_lock)
        {
            _records.Add(record);
        }

        return this;
    }

    public LoopbackDnsServer AddA(string name, string address, int ttl = LoopbackDnsRecord.DefaultTtl) =>
        Add(LoopbackDnsRecord.A(name, address, ttl));

    public LoopbackDnsServer AddAaaa(string name, string address, int ttl = LoopbackDnsRecord.DefaultTtl) =>
        Add(LoopbackDnsRecord.Aaaa(name, address, ttl));

    public LoopbackDnsServer AddSrv(string name, int priority, int weight, int port, string target, int ttl = LoopbackDnsRecord.DefaultTtl) =>
        Add(LoopbackDnsRecord.Srv(name, priority, weight, port, target, ttl));

    public LoopbackDnsServer AddNaptr(
        string name, int order, int preference, string flags, string services, string replacement, int ttl = LoopbackDnsRecord.DefaultTtl) =>
        Add(LoopbackDnsRecord.Naptr(name, order, preference, flags, services, replacement, ttl: ttl));

    /// <summary>Puts <paramref name="record"/> in the additional section of every answer to questions about <paramref name="queryName"/>.</summary>
    public LoopbackDnsServer AddAdditional(string queryName, LoopbackDnsRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_lock)
        {
            var key = Normalize(queryName);
            if (!_additionals.TryGetValue(key, out var list))
            {
                _additionals[key] = list = [];
            }

            list.Add(record);
        }

        return this;
    }

    /// <summary>Answers every question about <paramref name="name"/> with this RCODE and no records (2 = SERVFAIL, 5 = REFUSED).</summary>
    public LoopbackDnsServer SetResponseCode(string name, int responseCode)
    {
        lock (_lock)
        {
            _responseCodes[Normalize(name)] = responseCode;
        }

        return this;
    }

    /// <summary>Never answers questions about <paramref name="name"/>, so the client times out.</summary>
    public LoopbackDnsServer Ignore(string name)
    {
        lock (_lock)
        {
            _silentNames.Add(Normalize(name));
        }

        return this;
    }

    /// <summary>Removes every record, additional, RCODE override and ignore rule for <paramref name="name"/>.</summary>
    public LoopbackDnsServer Remove(string name)
    {
        var key = Normalize(name);
        lock (_lock)
        {
            _records.RemoveAll(r => Normalize(r.Name) == key);
            _additionals.Remove(key);
            _responseCodes.Remove(key);
            _silentNames.Remove(key);
        }

        return this;
    }

    /// <summary>How many questions of <paramref name="type"/> about <paramref name="name"/> arrived.</summary>
    public int QueryCount(string name, QueryType type) =>
        Queries.Count(q => q.Type == type && string.Equals(q.Name, Normalize(name), StringComparison.OrdinalIgnoreCase));

    public void ClearQueries() => _queries.Clear();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _socket.Dispose();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private static string Normalize(string name) => name.Trim().TrimEnd('.').ToLowerInvariant();

    private async Task ServeAsync()
    {
        var buffer = new byte[65535];
        var anyAddress = new IPEndPoint(EndPoint.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, anyAddress, _stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                // A previous reply bounced (client gone); keep serving.
                continue;
            }

            var reply = Answer(buffer.AsSpan(0, received.ReceivedBytes));
            if (reply is null)
            {
                continue;
            }

            try
            {
                await _socket.SendToAsync(reply, SocketFlags.None, received.RemoteEndPoint, _stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
            }
        }
    }
}
