using Cinema.Sip.Transport;
using Microsoft.Extensions.Time.Testing;

namespace Cinema.Sip.Tests.Transport;

/// <summary>
/// Idle, slowloris and send timeouts, driven by a fake clock: the test moves time and waits for the close. Each test
/// sets the timeouts it does not test to an hour, so that a jump of the clock cannot trigger them.
/// </summary>
public class ConnectionTimeoutTests
{
    private static readonly TimeSpan Never = TimeSpan.FromHours(1);

    [Fact]
    public async Task An_idle_connection_is_closed_after_the_idle_timeout()
    {
        var time = new FakeTimeProvider();
        var options = RunningTransport.Loopback("tcp:127.0.0.1:0") with { IdleTimeout = TimeSpan.FromSeconds(60), MessageCompletionTimeout = Never, SendTimeout = Never };
        await using var server = await RunningTransport.StartAsync(options, time);
        await using var phone = await StreamPeer.ConnectAsync(server.Endpoint(SipTransportKind.Tcp));
        await PingAsync(phone); // the server is reading: its clock for this connection started

        var closedAfter = await AdvanceUntilClosedAsync(time, phone, TimeSpan.FromSeconds(5));

        Assert.InRange(closedAfter, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(70));
        await Eventually.TrueAsync(() => server.Layer.ConnectionCount == 0, "the connection is forgotten");
    }

    [Fact]
    public async Task A_message_that_is_not_completed_in_time_closes_the_connection()
    {
        var time = new FakeTimeProvider();
        var options = RunningTransport.Loopback("tcp:127.0.0.1:0") with { IdleTimeout = Never, MessageCompletionTimeout = TimeSpan.FromSeconds(5), SendTimeout = Never };
        await using var server = await RunningTransport.StartAsync(options, time);
        await using var phone = await StreamPeer.ConnectAsync(server.Endpoint(SipTransportKind.Tcp));
        await PingAsync(phone);

        await phone.WriteAsync("OPTIONS sip:bob@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:9\r\n"u8.ToArray());
        var closedAfter = await AdvanceUntilClosedAsync(time, phone, TimeSpan.FromSeconds(1));

        Assert.InRange(closedAfter, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task A_connection_with_no_partial_message_is_not_closed_before_the_idle_timeout()
    {
        var time = new FakeTimeProvider();
        var options = RunningTransport.Loopback("tcp:127.0.0.1:0") with { IdleTimeout = Never, MessageCompletionTimeout = TimeSpan.FromSeconds(5), SendTimeout = Never };
        await using var server = await RunningTransport.StartAsync(options, time);
        await using var phone = await StreamPeer.ConnectAsync(server.Endpoint(SipTransportKind.Tcp));
        await phone.WriteAsync(SipText.Request("SIP/2.0/TCP 127.0.0.1:9;branch=z9hG4bK-1"));
        await server.NextAsync();
        await phone.WriteAsync("\r\n"u8.ToArray()); // a lone CRLF (a pong) is no partial message either
        await PingAsync(phone);

        for (var i = 0; i < 30; i++) time.Advance(TimeSpan.FromSeconds(1));

        await PingAsync(phone);
        Assert.Equal(1, server.Layer.ConnectionCount);
    }

    [Fact]
    public async Task A_message_sent_in_pieces_within_the_time_is_delivered()
    {
        var time = new FakeTimeProvider();
        var options = RunningTransport.Loopback("tcp:127.0.0.1:0") with { MessageCompletionTimeout = TimeSpan.FromSeconds(5), SendTimeout = Never };
        await using var server = await RunningTransport.StartAsync(options, time);
        await using var phone = await StreamPeer.ConnectAsync(server.Endpoint(SipTransportKind.Tcp));
        var request = SipText.Request("SIP/2.0/TCP 127.0.0.1:9;branch=z9hG4bK-1");

        await phone.WriteAsync(request[..20]);
        time.Advance(TimeSpan.FromSeconds(4));
        await phone.WriteAsync(request[20..]);

        Assert.Equal("call-1", (await server.NextAsync()).Message.CallId);
    }

    [Fact]
    public async Task A_send_to_a_peer_that_stopped_reading_times_out_and_closes_the_connection()
    {
        var time = new FakeTimeProvider();
        var options = RunningTransport.Loopback("tcp:127.0.0.1:0") with { IdleTimeout = Never, MessageCompletionTimeout = Never, SendTimeout = TimeSpan.FromSeconds(10) };
        await using var server = await RunningTransport.StartAsync(options, time);
        await using var phone = await StreamPeer.ConnectAsync(server.Endpoint(SipTransportKind.Tcp));
        await phone.WriteAsync(SipText.Request("SIP/2.0/TCP 127.0.0.1:9;branch=z9hG4bK-1"));
        var inbound = await server.NextAsync();
        var big = new byte[60_000];

        // The phone reads nothing: once the socket buffers are full, a send stays pending.
        Task<SendResult>? stuck = null;
        for (var i = 0; i < 2_000 && stuck is null; i++)
        {
            var send = server.Layer.SendResponseAsync(inbound, big, TestContext.Current.CancellationToken).AsTask();
            if (await Task.WhenAny(send, Task.Delay(500, TestContext.Current.CancellationToken)) != send)
            {
                stuck = send;
                continue;
            }

            var sent = await send;
            Assert.True(sent.Sent, sent.Error);
        }

        Assert.NotNull(stuck);
        for (var i = 0; i < 12 && !stuck.IsCompleted; i++) time.Advance(TimeSpan.FromSeconds(1));
        var result = await stuck.WaitAsync(Eventually.Deadline, TestContext.Current.CancellationToken);

        Assert.False(result.Sent);
        Assert.Contains("timed out", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, server.Layer.ConnectionCount);
    }

    private static async Task PingAsync(StreamPeer phone)
    {
        await phone.WriteAsync("\r\n\r\n"u8.ToArray());
        Assert.Equal("\r\n"u8.ToArray(), await phone.ReadBytesAsync(2));
    }

    /// <summary>Moves the fake clock a step at a time until the server closes the connection; returns the time moved.</summary>
    private static async Task<TimeSpan> AdvanceUntilClosedAsync(FakeTimeProvider time, StreamPeer phone, TimeSpan step)
    {
        var closed = phone.WatchForCloseAsync();
        var moved = TimeSpan.Zero;
        var deadline = DateTime.UtcNow + Eventually.Deadline;
        while (!closed.IsCompleted)
        {
            Assert.True(DateTime.UtcNow < deadline, "the connection was not closed");
            time.Advance(step);
            moved += step;
            await Task.WhenAny(closed, Task.Delay(20, TestContext.Current.CancellationToken));
        }

        Assert.True(await closed);
        return moved;
    }
}
