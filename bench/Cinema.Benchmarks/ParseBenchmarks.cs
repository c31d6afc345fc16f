using BenchmarkDotNet.Attributes;
using Cinema.Sip.Messages;
using Cinema.Sip.Parsing;

namespace Cinema.Benchmarks;

/// <summary>What the edge does to every datagram: parse it, and read what a proxy needs to route it.</summary>
[MemoryDiagnoser]
public class ParseBenchmarks
{
    [Benchmark(Baseline = true, Description = "Parse INVITE with SDP")]
    public SipMessage? ParseInvite() => SipParser.Parse(SampleMessages.Invite).Message;

    [Benchmark(Description = "Parse REGISTER")]
    public SipMessage? ParseRegister() => SipParser.Parse(SampleMessages.Register).Message;

    /// <summary>
    /// Parse, then what a stateful proxy reads (RFC 3261 §16.3-16.4 and §17.2.3 matching): the top Via branch,
    /// CSeq, Call-ID, To tag, the Request-URI and the Route set.
    /// </summary>
    [Benchmark(Description = "Parse INVITE + proxy fields")]
    public int ParseInviteAndReadProxyFields()
    {
        var request = SipParser.Parse(SampleMessages.InviteWithRoute).Request!;
        var n = request.TopVia.Branch!.Length;
        n += (int)request.CSeq.Number;
        n += request.CallId.Length;
        n += request.To.Tag?.Length ?? 0;
        n += request.RequestUri.Host.Length;
        n += request.Routes.Count;
        return n;
    }
}
