using Cinema.Sip.Transactions;

namespace Cinema.Sip.Tests.Transactions;

/// <summary>
/// The queue behind the timers that end waiting states: deadlines come out in the order they went in, across
/// segment edges, and a queue that a burst made large shrinks again as its deadlines pass.
/// </summary>
public class DeadlineQueueEntriesTests
{
    private const int Segment = DeadlineQueue.Entries.SegmentSize;

    [Fact]
    public void Deadlines_come_out_in_order_across_segments_and_drained_segments_are_given_back()
    {
        var entries = new DeadlineQueue.Entries();
        const int Count = (3 * Segment) + 5;
        for (var i = 0; i < Count; i++) entries.Enqueue((i, null!, i));
        Assert.Equal(4, entries.SegmentCount);

        for (var i = 0; i < Count; i++)
        {
            Assert.False(entries.IsEmpty);
            Assert.Equal(i, entries.Peek().Due);
            Assert.Equal(i, entries.Dequeue().Run);
            if (i == (2 * Segment) - 1) Assert.Equal(2, entries.SegmentCount); // two of four drained
        }

        Assert.True(entries.IsEmpty);
        Assert.Equal(1, entries.SegmentCount);
        Assert.Throws<InvalidOperationException>(() => entries.Peek());
    }

    [Fact]
    public void A_queue_that_stays_short_while_crossing_segment_edges_keeps_order_and_at_most_two_segments()
    {
        var entries = new DeadlineQueue.Entries();
        var next = 0L;
        var expected = 0L;
        entries.Enqueue((next++, null!, 0));
        entries.Enqueue((next++, null!, 0));
        for (var i = 0; i < 5 * Segment; i++)
        {
            entries.Enqueue((next++, null!, 0));
            Assert.Equal(expected++, entries.Dequeue().Due);
            Assert.True(entries.SegmentCount <= 2, $"{entries.SegmentCount} segments for 2 queued deadlines");
        }
        Assert.Equal(expected++, entries.Dequeue().Due);
        Assert.Equal(expected, entries.Dequeue().Due);
        Assert.True(entries.IsEmpty);
    }
}
