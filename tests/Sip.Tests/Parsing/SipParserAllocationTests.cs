using Cinema.Sip.Parsing;

namespace Cinema.Sip.Tests.Parsing;

/// <summary>
/// The allocation half of the parse goal (bench/RESULTS.md) as a test, since allocations, unlike times, are
/// exact on any machine: parsing an INVITE with SDP keeps to the message and its header index.
/// </summary>
public class SipParserAllocationTests
{
    [Fact]
    public void Parsing_an_invite_with_sdp_allocates_less_than_1_kb()
    {
        var bytes = SipText.Bytes(SipText.Invite);
        for (var i = 0; i < 10; i++) Assert.True(SipParser.Parse(bytes).Success); // first use sets up the scratch index
        const int runs = 100;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < runs; i++) SipParser.Parse(bytes);
        var perParse = (GC.GetAllocatedBytesForCurrentThread() - before) / runs;
        Assert.InRange(perParse, 1, 1024);
    }
}
