using DnsClient;
using DnsClient.Protocol;

namespace Cinema.Sip.Dns;

/// <summary>A classified DNS answer: either records, or the reason there are none.</summary>
internal sealed record DnsAnswer(
    string Name,
    QueryType Type,
    DnsOutcome Outcome,
    IReadOnlyList<DnsResourceRecord> Answers,
    IReadOnlyList<DnsResourceRecord> Additionals,
    string? Detail)
{
    public static DnsAnswer Empty(string name, QueryType type, DnsOutcome outcome, string? detail) =>
        new(name, type, outcome, [], [], detail);

    public string Describe() => Outcome switch
    {
        DnsOutcome.Records => $"{Type} {Name}: {Answers.Count} record(s)",
        DnsOutcome.NoData => $"{Type} {Name}: no records",
        DnsOutcome.NameNotFound => $"DNS name '{Name}' does not exist (NXDOMAIN)",
        DnsOutcome.Timeout => $"DNS query {Type} {Name} timed out",
        DnsOutcome.InvalidName => $"'{Name}' is not a valid DNS name: {Detail}",
        _ => $"DNS query {Type} {Name} failed: {Detail}",
    };
}
