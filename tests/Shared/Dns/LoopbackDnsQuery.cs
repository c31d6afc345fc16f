using DnsClient;

namespace Cinema.Tests.Dns;

/// <summary>A question <see cref="LoopbackDnsServer"/> received.</summary>
public sealed record LoopbackDnsQuery(string Name, QueryType Type);
