using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Cinema.Integration.Tests.Infrastructure;

/// <summary>
/// A flood of distinct OPTIONS requests from one loopback address at a paced rate, bounded by a count and a
/// duration, counting the datagrams that come back. Paced by a periodic timer that sends whatever is due (so the
/// timer's resolution does not change the rate), with synchronous sends: cheaper than SIPp, on a machine the
/// server shares.
/// </summary>
public sealed class UdpFlood : IAsyncDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(5);

    private readonly Socket _socket;
    private readonly IPEndPoint _target;
    private readonly string _domain;
    private readonly CancellationTokenSource _stop = new();
    private readonly Stopwatch _clock = new();
    private Task _sending = Task.CompletedTask;
    private Task _receiving = Task.CompletedTask;
    private long _sent;
    private long _received;

    private UdpFlood(IPAddress from, string target, string domain)
    {
        if (!IPAddress.IsLoopback(from)) throw new ArgumentException("Floods go to and from loopback addresses only.", nameof(from));
        _target = IPEndPoint.Parse(target);
        if (!IPAddress.IsLoopback(_target.Address)) throw new ArgumentException("Floods go to loopback addresses only.", nameof(target));
        _domain = domain;
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        _socket.Bind(new IPEndPoint(from, 0));
        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
    }

    public IPEndPoint LocalEndPoint { get; }

    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Datagrams the server sent back (answers to the requests it let in).</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>How long the sending has run (so far, or in all once it has ended).</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Ends when every request has been sent, or the duration is over.</summary>
    public Task Completion => _sending;

    public static UdpFlood Start(IPAddress from, string target, string domain, int perSecond, int count, TimeSpan duration)
    {
        var flood = new UdpFlood(from, target, domain);
        flood._receiving = Task.Run(flood.ReceiveAsync);
        flood._sending = Task.Run(() => flood.SendAsync(perSecond, count, duration));
        return flood;
    }

    private async Task SendAsync(int perSecond, int count, TimeSpan duration)
    {
        using var timer = new PeriodicTimer(Tick);
        _clock.Start();
        try
        {
            while (_sent < count && _clock.Elapsed < duration)
            {
                var due = Math.Min(count, (long)(_clock.Elapsed.TotalSeconds * perSecond));
                while (_sent < due)
                {
                    _socket.SendTo(Options(_sent), SocketFlags.None, _target);
                    Interlocked.Increment(ref _sent);
                }

                if (!await timer.WaitForNextTickAsync(_stop.Token)) break;
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        finally
        {
            _clock.Stop();
        }
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[65_536];
        try
        {
            while (true)
            {
                await _socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), _stop.Token);
                Interlocked.Increment(ref _received);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Stopped.
        }
    }

    private byte[] Options(long n)
    {
        var id = n.ToString(CultureInfo.InvariantCulture);
        return Encoding.ASCII.GetBytes(
            $"OPTIONS sip:{_target} SIP/2.0\r\n" +
            $"Via: SIP/2.0/UDP {LocalEndPoint};branch=z9hG4bK-flood-{id};rport\r\n" +
            "Max-Forwards: 70\r\n" +
            $"From: <sip:flood@{_domain}>;tag=f{id}\r\n" +
            $"To: <sip:{_target}>\r\n" +
            $"Call-ID: flood-{id}@{LocalEndPoint.Address}\r\n" +
            "CSeq: 1 OPTIONS\r\n" +
            "Content-Length: 0\r\n\r\n");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sending;
        _socket.Dispose();
        await _receiving;
        _stop.Dispose();
    }
}
