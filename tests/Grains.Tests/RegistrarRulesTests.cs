using static Cinema.Grains.Tests.Registrations;

namespace Cinema.Grains.Tests;

/// <summary>The rules on their own, with explicit time.</summary>
public class RegistrarRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly RegistrarOptions Options = new() { MinExpires = 60, MaxExpires = 3600, DefaultExpires = 600 };

    [Fact]
    public void Expiry_below_the_minimum_is_refused_with_423_and_min_expires()
    {
        var bindings = new List<Binding>();
        var (result, changed) = RegistrarRules.Apply(bindings, Register("c1", 1, Contact("sip:a@192.0.2.1", 30)), Now, Options);
        Assert.Equal(RegisterStatus.IntervalTooBrief, result.Status);
        Assert.Equal(60, result.MinExpires);
        Assert.False(changed);
        Assert.Empty(bindings);
    }

    [Fact]
    public void Expires_zero_is_not_too_brief()
    {
        var (result, _) = RegistrarRules.Apply([], Register("c1", 1, Contact("sip:a@192.0.2.1", 0)), Now, Options);
        Assert.Equal(RegisterStatus.Ok, result.Status);
    }

    [Fact]
    public void Binding_expires_exactly_at_its_expiry_time()
    {
        var bindings = new List<Binding>();
        RegistrarRules.Apply(bindings, Register("c1", 1, Contact("sip:a@192.0.2.1", 120)), Now, Options);
        Assert.False(RegistrarRules.Prune(bindings, Now.AddSeconds(119)));
        Assert.Single(bindings);
        Assert.True(RegistrarRules.Prune(bindings, Now.AddSeconds(120)));
        Assert.Empty(bindings);
    }

    [Fact]
    public void Remaining_seconds_round_up_and_never_go_negative()
    {
        var bindings = new List<Binding>();
        RegistrarRules.Apply(bindings, Register("c1", 1, Contact("sip:a@192.0.2.1", 120)), Now, Options);
        Assert.Equal(120, bindings[0].RemainingSeconds(Now));
        Assert.Equal(1, bindings[0].RemainingSeconds(Now.AddSeconds(119.5)));
        Assert.Equal(0, bindings[0].RemainingSeconds(Now.AddSeconds(500)));
    }

    [Fact]
    public void Out_of_order_request_leaves_earlier_contacts_of_the_same_request_unapplied()
    {
        var bindings = new List<Binding>();
        RegistrarRules.Apply(bindings, Register("c1", 5, Contact("sip:b@192.0.2.2", 100)), Now, Options);
        var (result, changed) = RegistrarRules.Apply(bindings, Register("c1", 3, Contact("sip:a@192.0.2.1", 100), Contact("sip:b@192.0.2.2", 100)), Now, Options);
        Assert.Equal(RegisterStatus.OutOfOrder, result.Status);
        Assert.False(changed);
        Assert.Equal("sip:b@192.0.2.2", Assert.Single(bindings).Uri);
    }

    [Fact]
    public void Routing_order_breaks_q_ties_by_most_recent_refresh()
    {
        var bindings = new List<Binding>();
        RegistrarRules.Apply(bindings, Register("c1", 1, Contact("sip:old@192.0.2.1", 100)), Now, Options);
        RegistrarRules.Apply(bindings, Register("c2", 1, Contact("sip:new@192.0.2.2", 100)), Now.AddSeconds(5), Options);
        Assert.Equal(["sip:new@192.0.2.2", "sip:old@192.0.2.1"], RegistrarRules.Ordered(bindings).Select(b => b.Uri));
    }
}
