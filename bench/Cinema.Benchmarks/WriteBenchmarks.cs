using BenchmarkDotNet.Attributes;
using Cinema.Sip.Messages;
using Cinema.Sip.Parsing;

namespace Cinema.Benchmarks;

/// <summary>What the edge writes back: a response to a request, and a proxied copy of it.</summary>
[MemoryDiagnoser]
public class WriteBenchmarks
{
    private SipRequest _invite = null!;
    private SipRequest _inviteWithRoute = null!;

    [GlobalSetup]
    public void Setup()
    {
        _invite = SipParser.Parse(SampleMessages.Invite).Request!;
        _inviteWithRoute = SipParser.Parse(SampleMessages.InviteWithRoute).Request!;
    }

    /// <summary>RFC 3261 §8.2.6: Via, From, To, Call-ID and CSeq copied as received; nothing is decoded.</summary>
    [Benchmark(Description = "Write 100 Trying")]
    public byte[] Write100Trying() => SipResponseBuilder.For(_invite, 100).ToArray();

    /// <summary>Adds a To tag, which rewrites To (the request's To value is decoded once and cached).</summary>
    [Benchmark(Description = "Write 180 Ringing with To tag")]
    public byte[] Write180WithToTag() => SipResponseBuilder.For(_invite, 180).WithToTag("8321234356").ToArray();

    /// <summary>
    /// RFC 3261 §16.6 on a freshly parsed request, as a proxy does it per message: copy, push a Via, decrement
    /// Max-Forwards, pop the Route that named this proxy, serialize.
    /// </summary>
    [Benchmark(Description = "Parse + forward INVITE")]
    public byte[] ParseAndForwardInvite()
    {
        var request = SipParser.Parse(SampleMessages.InviteWithRoute).Request!;
        return Forward(request);
    }

    /// <summary>The forwarding work alone, on a request parsed once (its decoded Request-URI stays cached).</summary>
    [Benchmark(Description = "Forward parsed INVITE")]
    public byte[] ForwardInvite() => Forward(_inviteWithRoute);

    private static byte[] Forward(SipRequest request) =>
        request.ToBuilder()
            .Via(new Via("TCP", "ss1.atlanta.example.com", null, ParameterList.Empty.With("branch", "z9hG4bK2d4790.1")))
            .MaxForwards(request.MaxForwards!.Value - 1)
            .RemoveFirstValue(HeaderKind.Route)
            .ToArray();
}
