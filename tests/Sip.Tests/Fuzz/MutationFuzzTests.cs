using Cinema.Sip.Parsing;
using CsCheck;

namespace Cinema.Sip.Tests.Fuzz;

/// <summary>
/// Mutation fuzzing from valid messages: whatever the edits, parsing answers, and a message it accepts can be
/// read through every typed accessor and rebuilt to the same meaning (the promise of <c>SipMessage</c>).
/// </summary>
public class MutationFuzzTests
{
    private static readonly Gen<Mutation> AnyMutation =
        Gen.Select(Gen.Enum<MutationKind>(), Gen.Int[0, 4096], Gen.Int[1, 40], Gen.Byte,
            (kind, at, length, value) => new Mutation(kind, at, length, value));

    private static readonly Gen<(int Seed, Mutation[] Mutations)> Mutated =
        Gen.Select(Gen.Int[0, FuzzSeeds.All.Count - 1], AnyMutation.Array[1, 6]);

    [Fact]
    public void Every_seed_message_is_valid_and_round_trips()
    {
        foreach (var seed in FuzzSeeds.Valid)
        {
            var result = MessageInvariants.Check(seed);
            Assert.True(result.Success, Printable.Of(seed) + " -> " + result.Error);
        }
    }

    [Fact]
    public Task Mutated_messages_parse_or_fail_cleanly_and_accepted_ones_round_trip() => Bounded.Run(() =>
        Mutated.Sample((seed, mutations) => { MessageInvariants.Check(Apply(seed, mutations)); },
            iter: FuzzBudget.Iterations(20000), print: t => Describe(t.Item1, t.Item2)));

    /// <summary>Single edits of the valid seeds only, where most results still parse: the round-trip path is exercised most.</summary>
    [Fact]
    public Task Single_edits_of_valid_messages_round_trip_when_accepted() => Bounded.Run(() =>
        Gen.Select(Gen.Int[0, FuzzSeeds.Valid.Count - 1], AnyMutation).Sample((seed, mutation) => { MessageInvariants.Check(mutation.ApplyTo(FuzzSeeds.Valid[seed])); },
            iter: FuzzBudget.Iterations(15000), print: t => Describe(t.Item1, [t.Item2], FuzzSeeds.Valid)));

    private static byte[] Apply(int seed, Mutation[] mutations)
    {
        var bytes = FuzzSeeds.All[seed];
        foreach (var m in mutations) bytes = m.ApplyTo(bytes);
        return bytes;
    }

    private static string Describe(int seed, Mutation[] mutations, IReadOnlyList<byte[]>? seeds = null)
    {
        var bytes = (seeds ?? FuzzSeeds.All)[seed];
        foreach (var m in mutations) bytes = m.ApplyTo(bytes);
        var result = SipParser.Parse(bytes);
        return $"seed {seed}, {string.Join(", ", mutations)}: {Printable.Of(bytes)} -> {(result.Success ? "parsed" : result.Error)}";
    }
}
