using Cinema.Sip.Dns;

namespace Cinema.Sip.Tests.Dns;

public class SrvOrderingTests
{
    [Fact]
    public void Lower_priority_comes_first_whatever_the_weight()
    {
        var ordered = SrvOrdering.Order(
            [new SrvEntry(20, 100, 5060, "b"), new SrvEntry(10, 0, 5060, "a"), new SrvEntry(30, 100, 5060, "c")],
            new ScriptedRandom());

        Assert.Equal(["a", "b", "c"], ordered.Select(e => e.Target));
    }

    [Fact]
    public void Weighted_selection_takes_the_first_running_sum_at_or_above_the_random_number()
    {
        // Weights 10, 30, 60 give running sums 10, 40, 100. A draw of 41 selects "c";
        // then "a"(10), "b"(40) remain and a draw of 11 selects "b"; "a" is last.
        var random = new ScriptedRandom(41, 11, 0);

        var ordered = SrvOrdering.Order(
            [new SrvEntry(1, 10, 1, "a"), new SrvEntry(1, 30, 2, "b"), new SrvEntry(1, 60, 3, "c")],
            random);

        Assert.Equal(["c", "b", "a"], ordered.Select(e => e.Target));

        // RFC 2782: the random number is drawn from 0 to the weight sum inclusive.
        Assert.Equal([(0, 101), (0, 41), (0, 11)], random.Calls);
    }

    [Fact]
    public void Zero_weight_records_are_only_picked_on_a_zero_draw()
    {
        var zeroFirst = SrvOrdering.Order([new SrvEntry(1, 50, 1, "heavy"), new SrvEntry(1, 0, 2, "zero")], new ScriptedRandom(0));
        var heavyFirst = SrvOrdering.Order([new SrvEntry(1, 50, 1, "heavy"), new SrvEntry(1, 0, 2, "zero")], new ScriptedRandom(1));

        Assert.Equal(["zero", "heavy"], zeroFirst.Select(e => e.Target));
        Assert.Equal(["heavy", "zero"], heavyFirst.Select(e => e.Target));
    }

    [Fact]
    public void Weighted_selection_with_a_real_random_favours_heavier_records()
    {
        var random = new Random(1234);
        var firsts = Enumerable.Range(0, 2000)
            .Select(_ => SrvOrdering.Order([new SrvEntry(1, 90, 1, "heavy"), new SrvEntry(1, 10, 2, "light")], random)[0].Target)
            .Count(t => t == "heavy");

        Assert.InRange(firsts, 1600, 1950);
    }
}
