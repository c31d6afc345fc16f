using System.Collections.Concurrent;
using System.Net;

namespace Cinema.Sip.Transport;

/// <summary>
/// Open TCP/TLS connections, found by id (a response goes back on the request's connection, RFC 3261 §18.2.2) and
/// by remote address and transport (a request reuses an open connection, §18.1.1; accepted ones too), with the
/// limits on how many there may be in total and per remote address.
/// </summary>
internal sealed class ConnectionTable
{
    private readonly ConcurrentDictionary<long, StreamConnection> _byId = new();
    private readonly ConcurrentDictionary<SipEndPoint, StreamConnection> _byRemote = new();
    private readonly Dictionary<IPAddress, int> _perAddress = [];
    private readonly Lock _countLock = new();
    private readonly int _maxConnections;
    private readonly int _maxPerAddress;
    private int _count;

    public ConnectionTable(int maxConnections, int maxPerAddress)
    {
        _maxConnections = maxConnections;
        _maxPerAddress = maxPerAddress;
    }

    /// <summary>Connections counted against the limits (including ones still connecting).</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Every registered connection, enumerated without taking a snapshot (the sweeper walks it each second).</summary>
    public IEnumerable<StreamConnection> All => _byId.Select(static pair => pair.Value);

    /// <summary>
    /// Counts a new connection against the limits: null when it may go ahead, else why not. Only accepted connections
    /// count per address: the ones we open go where the caller asked.
    /// </summary>
    public string? TryReserve(IPAddress remote, bool accepted)
    {
        lock (_countLock)
        {
            if (_count >= _maxConnections) return $"the limit of {_maxConnections} connections is reached";
            if (accepted)
            {
                _perAddress.TryGetValue(remote, out var fromThere);
                if (fromThere >= _maxPerAddress) return $"the limit of {_maxPerAddress} connections from {remote} is reached";
                _perAddress[remote] = fromThere + 1;
            }

            _count++;
            return null;
        }
    }

    public void Release(IPAddress remote, bool accepted)
    {
        lock (_countLock)
        {
            _count--;
            if (!accepted || !_perAddress.TryGetValue(remote, out var fromThere)) return;
            if (fromThere <= 1) _perAddress.Remove(remote);
            else _perAddress[remote] = fromThere - 1;
        }
    }

    /// <summary>Makes a reserved connection findable; the newest one to a remote address is the one reused.</summary>
    public void Register(StreamConnection connection)
    {
        _byId[connection.Id] = connection;
        _byRemote[connection.Remote] = connection;
    }

    /// <summary>Forgets a closed connection and releases its reservation.</summary>
    public void Remove(StreamConnection connection)
    {
        _byId.TryRemove(connection.Id, out _);
        _byRemote.TryRemove(new KeyValuePair<SipEndPoint, StreamConnection>(connection.Remote, connection));
        Release(connection.Remote.Address.Address, connection.Accepted);
    }

    public StreamConnection? Find(long id) => _byId.TryGetValue(id, out var c) && c.IsReady ? c : null;

    public StreamConnection? Find(SipEndPoint remote) => _byRemote.TryGetValue(remote, out var c) && c.IsReady ? c : null;
}
