using Cinema.Sip.Messages;
using Cinema.Sip.Transactions;

namespace Cinema.Sip.Tests.Transactions;

/// <summary>RFC 3261 §8.1.1.7: branches start with the magic cookie and are unique.</summary>
public class ViaBranchTests
{
    [Fact]
    public void New_branch_starts_with_the_magic_cookie_and_is_an_rfc_3261_branch()
    {
        var branch = ViaBranch.New();

        Assert.StartsWith(Via.MagicCookie, branch, StringComparison.Ordinal);
        Assert.Equal(Via.MagicCookie.Length + 24, branch.Length);
        Assert.True(new Via("UDP", "h", null, ParameterList.Empty.With("branch", branch)).HasRfc3261Branch);
    }

    [Fact]
    public void New_branch_uses_only_token_characters_that_survive_a_via_round_trip()
    {
        for (var i = 0; i < 200; i++)
        {
            var branch = ViaBranch.New();
            Assert.Matches("^z9hG4bK[a-z2-7]{24}$", branch);
            Assert.True(Via.TryParse("SIP/2.0/UDP host;branch=" + branch, out var via, out _));
            Assert.Equal(branch, via!.Branch);
        }
    }

    [Fact]
    public void New_branches_do_not_repeat()
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < 100_000; i++) Assert.True(seen.Add(ViaBranch.New()));
    }

    [Fact]
    public void New_branches_spread_over_every_character()
    {
        var counts = new int[32];
        for (var i = 0; i < 4_000; i++)
        {
            foreach (var c in ViaBranch.New().AsSpan(7)) counts[c >= 'a' ? c - 'a' : c - '2' + 26]++;
        }

        // 96 000 characters over 32 symbols: about 3 000 each if the bits are uniform.
        Assert.All(counts, n => Assert.InRange(n, 2_500, 3_500));
    }
}
