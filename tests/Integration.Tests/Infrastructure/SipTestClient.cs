using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Cinema.Sip.Auth;
using Cinema.Sip.Messages;
using Cinema.Sip.Parsing;

namespace Cinema.Integration.Tests.Infrastructure;

/// <summary>
/// A minimal SIP user agent over one UDP socket on loopback, for scripted tests: builds requests, sends them,
/// retransmits like a UAC (T1 doubling), and waits for the final response.
/// </summary>
public sealed class SipTestClient : IDisposable
{
    private readonly Socket _socket;
    private readonly byte[] _receive = new byte[65536];
    private uint _cseq;

    public SipTestClient(IPEndPoint? bind = null)
    {
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        _socket.Bind(bind ?? new IPEndPoint(IPAddress.Loopback, 0));
        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
    }

    public IPEndPoint LocalEndPoint { get; }

    public string Contact => $"sip:client@{LocalEndPoint}";

    public static string NewBranch() => Via.MagicCookie + Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant();

    public static string NewTag() => Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant();

    public SipRequestBuilder NewRequest(string method, string requestUri, string from, string to, string? callId = null, uint? cseq = null)
    {
        return new SipRequestBuilder(method, SipUri.Parse(requestUri))
            .Via(new Via("UDP", LocalEndPoint.Address.ToString(), LocalEndPoint.Port).WithParameter("branch", NewBranch()).WithParameter("rport", null))
            .MaxForwards(70)
            .From(NameAddress.Parse($"<{from}>").WithTag(NewTag()))
            .To(NameAddress.Parse($"<{to}>"))
            .CallId(callId ?? Guid.NewGuid().ToString("N") + "@test")
            .CSeq(cseq ?? ++_cseq, method);
    }

    public SipRequestBuilder Options(string target, string domain) =>
        NewRequest(SipMethod.Options, $"sip:{target}", $"sip:probe@{domain}", $"sip:{target}");

    public SipRequestBuilder Register(string aor, string? contact = null, long? expires = 300, string? callId = null, uint? cseq = null)
    {
        var uri = SipUri.Parse("sip:" + aor);
        var b = NewRequest(SipMethod.Register, $"sip:{uri.Host}", "sip:" + aor, "sip:" + aor, callId, cseq);
        if (contact is not null) b.Contact(NameAddress.Parse($"<{contact}>"));
        if (expires is { } e) b.SetHeader(HeaderKind.Expires, e.ToString(CultureInfo.InvariantCulture));
        return b;
    }

    public Task SendAsync(byte[] bytes, string target) => _socket.SendToAsync(bytes, SocketFlags.None, ParseEndPoint(target));

    /// <summary>Sends the request and returns its final response (provisional ones are skipped), or null on timeout.</summary>
    public async Task<SipResponse?> RequestAsync(SipRequestBuilder request, string target, TimeSpan? timeout = null)
    {
        var built = request.Build();
        var bytes = request.ToArray();
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(8));
        var interval = TimeSpan.FromMilliseconds(500);
        var nextSend = DateTime.UtcNow;
        while (DateTime.UtcNow < until)
        {
            if (DateTime.UtcNow >= nextSend)
            {
                await SendAsync(bytes, target);
                nextSend = DateTime.UtcNow + interval;
                interval = TimeSpan.FromTicks(Math.Min(interval.Ticks * 2, TimeSpan.FromSeconds(4).Ticks));
            }
            var wait = Min(nextSend, until) - DateTime.UtcNow;
            var message = await ReceiveAsync(wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(1));
            if (message is SipResponse r && r.CallId == built.CallId && r.CSeq == built.CSeq && r.IsFinal) return r;
        }
        return null;
    }

    /// <summary>
    /// Sends the request; when challenged (401/407), answers the challenge of <paramref name="algorithm"/> (or the
    /// first one offered) and sends it again with a new branch and CSeq, as a phone does (RFC 3261 §22.2).
    /// </summary>
    public async Task<SipResponse?> AuthenticatedRequestAsync(SipRequestBuilder request, string target, string user, string password,
        string? algorithm = null, TimeSpan? timeout = null)
    {
        var first = request.Build();
        var response = await RequestAsync(request, target, timeout);
        if (response is not { StatusCode: 401 or 407 }) return response;
        return await RequestAsync(Answer(first, response, user, password, algorithm), target, timeout);
    }

    /// <summary>The request again, with credentials answering <paramref name="challenge"/>.</summary>
    public static SipRequestBuilder Answer(SipRequest sent, SipResponse challenge, string user, string password, string? algorithm = null, uint nonceCount = 1)
    {
        var proxy = challenge.StatusCode == 407;
        var offered = (proxy ? challenge.ProxyAuthenticate : challenge.WwwAuthenticate)
            .Select(c => DigestChallenge.TryCreate(c.Scheme, c.Parameters.Select(p => KeyValuePair.Create(p.Name, p.Value)), out var d, out _) ? d : null)
            .Where(d => d is not null && (algorithm is null || d.Algorithm.Name == algorithm))
            .First()!;
        var credentials = DigestClient.Answer(offered, user, password, sent.Method, sent.RequestUri.ToString(), sent.Body.Span, nonceCount);
        return WithNewBranch(sent)
            .CSeq(sent.CSeq.Number + 1, sent.Method)
            .AddHeader(proxy ? HeaderKind.ProxyAuthorization : HeaderKind.Authorization, credentials.ToHeaderValue());
    }

    /// <summary>The request again as a new transaction: the same top Via with a new branch.</summary>
    public static SipRequestBuilder WithNewBranch(SipRequest sent) => sent.ToBuilder()
        .RemoveFirstValue(HeaderKind.Via)
        .Via(new Via(sent.TopVia.Transport, sent.TopVia.Host, sent.TopVia.Port).WithParameter("branch", NewBranch()).WithParameter("rport", null));

    /// <summary>The next message that arrives within <paramref name="timeout"/>, or null.</summary>
    public async Task<SipMessage?> ReceiveAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            var result = await _socket.ReceiveFromAsync(_receive, new IPEndPoint(IPAddress.Any, 0), cts.Token);
            var parsed = SipParser.Parse(_receive.AsSpan(0, result.ReceivedBytes).ToArray());
            return parsed.Message;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Raw bytes of the next datagram within <paramref name="timeout"/>, or null.</summary>
    public async Task<byte[]?> ReceiveBytesAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            var result = await _socket.ReceiveFromAsync(_receive, new IPEndPoint(IPAddress.Any, 0), cts.Token);
            return _receive.AsSpan(0, result.ReceivedBytes).ToArray();
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    public static IPEndPoint ParseEndPoint(string target) => IPEndPoint.Parse(target);

    public void Dispose() => _socket.Dispose();
}
