using System.Collections.Concurrent;
using System.Net;

namespace Cinema.Sip.Transport;

/// <summary>
/// Destinations that refused a TCP connection we opened only because a request was too large for UDP. RFC 3261
/// §18.1.1 says to retry such a request over UDP; remembering the refusal for a while lets
/// <see cref="SipTransportLayer.ChooseTransport"/> answer UDP for them, so the caller rebuilds the Via and retries.
/// </summary>
internal sealed class TcpRefusals
{
    // Enough for every peer a server talks to; beyond it the memory is simply emptied.
    private const int MaxEntries = 4096;

    private readonly ConcurrentDictionary<IPEndPoint, long> _until = new();
    private readonly TimeProvider _time;
    private readonly TimeSpan _memory;

    public TcpRefusals(TimeProvider time, TimeSpan memory)
    {
        _time = time;
        _memory = memory;
    }

    public void Remember(IPEndPoint destination)
    {
        if (_memory <= TimeSpan.Zero) return;
        if (_until.Count >= MaxEntries) _until.Clear();
        _until[destination] = _time.GetTimestamp() + (long)(_memory.TotalSeconds * _time.TimestampFrequency);
    }

    public bool Refused(IPEndPoint destination)
    {
        if (_until.IsEmpty || !_until.TryGetValue(destination, out var until)) return false;
        if (_time.GetTimestamp() < until) return true;
        _until.TryRemove(new KeyValuePair<IPEndPoint, long>(destination, until));
        return false;
    }
}
