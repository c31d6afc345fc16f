using static Cinema.Grains.Tests.Registrations;

namespace Cinema.Grains.Tests;

/// <summary>The registrar rules of RFC 3261 §10.3, RFC 3327 and RFC 5626 against a live grain.</summary>
[Collection(ClusterCollection.Name)]
public class RegistrarGrainTests(ClusterFixture fixture)
{
    private IRegistrarGrain NewRegistrar() => fixture.Grains.GetGrain<IRegistrarGrain>(NewAor());

    [Fact]
    public async Task Register_adds_a_binding_and_the_200_lists_it_with_remaining_expiry()
    {
        var grain = NewRegistrar();
        var result = await grain.Register(Register("c1", 1, Contact("sip:alice@192.0.2.10", 600)));
        Assert.Equal(RegisterStatus.Ok, result.Status);
        var binding = Assert.Single(result.Bindings);
        Assert.Equal("sip:alice@192.0.2.10", binding.Uri);
        Assert.InRange(binding.RemainingSeconds(DateTimeOffset.UtcNow), 598, 600);
    }

    [Fact]
    public async Task Expires_parameter_takes_precedence_over_the_expires_header()
    {
        var result = await NewRegistrar().Register(Register("c1", 1, Contact("sip:a@192.0.2.1", 120)).WithExpires(900));
        Assert.InRange(result.Bindings[0].RemainingSeconds(DateTimeOffset.UtcNow), 118, 120);
    }

    [Fact]
    public async Task Expires_header_applies_when_the_contact_has_no_expires_parameter()
    {
        var result = await NewRegistrar().Register(Register("c1", 1, Contact("sip:a@192.0.2.1")).WithExpires(900));
        Assert.InRange(result.Bindings[0].RemainingSeconds(DateTimeOffset.UtcNow), 898, 900);
    }

    [Fact]
    public async Task Default_expiry_applies_without_parameter_or_header()
    {
        var result = await NewRegistrar().Register(Register("c1", 1, Contact("sip:a@192.0.2.1")));
        Assert.InRange(result.Bindings[0].RemainingSeconds(DateTimeOffset.UtcNow), 3598, 3600);
    }

    [Fact]
    public async Task Expiry_above_the_maximum_is_shortened_to_the_maximum()
    {
        var result = await NewRegistrar().Register(Register("c1", 1, Contact("sip:a@192.0.2.1", 999_999)));
        Assert.InRange(result.Bindings[0].RemainingSeconds(DateTimeOffset.UtcNow), 7198, 7200);
    }

    [Fact]
    public async Task Refresh_with_higher_cseq_on_same_call_id_updates_the_binding()
    {
        var grain = NewRegistrar();
        await grain.Register(Register("c1", 1, Contact("sip:a@192.0.2.1", 100)));
        var result = await grain.Register(Register("c1", 2, Contact("sip:a@192.0.2.1", 500)));
        Assert.Equal(RegisterStatus.Ok, result.Status);
        Assert.InRange(Assert.Single(result.Bindings).RemainingSeconds(DateTimeOffset.UtcNow), 498, 500);
        Assert.Equal(2u, result.Bindings[0].CSeq);
    }

    [Fact]
    public async Task Register_with_lower_cseq_on_same_call_id_is_rejected_with_500()
    {
        var grain = NewRegistrar();
        await grain.Register(Register("c1", 5, Contact("sip:a@192.0.2.1", 100)));
        var result = await grain.Register(Register("c1", 4, Contact("sip:a@192.0.2.1", 0)));
        Assert.Equal(RegisterStatus.OutOfOrder, result.Status);
        Assert.Single((await grain.Lookup()).Bindings);
    }

    [Fact]
    public async Task The_same_request_again_is_taken_as_already_applied_and_changes_nothing()
    {
        // What the edge does when a silo dies before answering: it asks again, with the same Call-ID and CSeq.
        var grain = NewRegistrar();
        var first = await grain.Register(Register("c1", 5, Contact("sip:a@192.0.2.1", 100)));
        var again = await grain.Register(Register("c1", 5, Contact("sip:a@192.0.2.1", 100)));
        Assert.Equal(RegisterStatus.Ok, again.Status);
        Assert.Equal(Assert.Single(first.Bindings).ExpiresAt, Assert.Single(again.Bindings).ExpiresAt);
    }

    [Fact]
    public async Task Register_from_a_new_call_id_replaces_the_binding_whatever_its_cseq()
    {
        var grain = NewRegistrar();
        await grain.Register(Register("c1", 50, Contact("sip:a@192.0.2.1", 100)));
        var result = await grain.Register(Register("c2", 1, Contact("sip:a@192.0.2.1", 300)));
        Assert.Equal(RegisterStatus.Ok, result.Status);
        Assert.Equal("c2", Assert.Single(result.Bindings).CallId);
    }

    [Fact]
    public async Task Equivalent_contact_uris_are_one_binding()
    {
        var grain = NewRegistrar();
        await grain.Register(Register("c1", 1, Contact("sip:%61lice@EXAMPLE.com;transport=TCP", 100)));
        var result = await grain.Register(Register("c1", 2, Contact("sip:alice@example.com;transport=tcp", 200)));
        Assert.Single(result.Bindings);
    }

    [Fact]
    public async Task Expires_zero_removes_the_binding()
    {
        var grain = NewRegistrar();
        await grain.Register(Register("c1", 1, Contact("sip:a@192.0.2.1", 100), Contact("sip:b@192.0.2.2", 100)));
        var result = await grain.Register(Register("c1", 2, Contact("sip:a@192.0.2.1", 0)));
        Assert.Equal("sip:b@192.0.2.2", Assert.Single(result.Bindings).Uri);
    }

    [Fact]
    public async Task Wildcard_with_expires_zero_removes_every_binding()
    {
        var grain = NewRegistrar();
        await grain.Register(Register("c1", 1, Contact("sip:a@192.0.2.1", 100), Contact("sip:b@192.0.2.2", 100)));
        var result = await grain.Register(Wildcard("c9", 1));
        Assert.Equal(RegisterStatus.Ok, result.Status);
        Assert.Empty(result.Bindings);
        Assert.Empty((await grain.Lookup()).Bindings);
    }

    [Fact]
    public async Task Wildcard_without_expires_zero_is_refused_with_400()
    {
        var grain = NewRegistrar();
        await grain.Register(Register("c1", 1, Contact("sip:a@192.0.2.1", 100)));
        Assert.Equal(RegisterStatus.InvalidWildcard, (await grain.Register(Wildcard("c9", 1, expires: null))).Status);
        Assert.Equal(RegisterStatus.InvalidWildcard, (await grain.Register(Wildcard("c9", 1, expires: 60))).Status);
        Assert.Single((await grain.Lookup()).Bindings);
    }

    [Fact]
    public async Task Wildcard_with_another_contact_is_refused_with_400()
    {
        var result = await NewRegistrar().Register(Wildcard("c9", 1) with { Contacts = [Contact("sip:a@192.0.2.1")] });
        Assert.Equal(RegisterStatus.InvalidWildcard, result.Status);
    }

    [Fact]
    public async Task Wildcard_with_an_old_cseq_of_the_same_call_id_is_out_of_order()
    {
        var grain = NewRegistrar();
        await grain.Register(Register("c1", 7, Contact("sip:a@192.0.2.1", 100)));
        Assert.Equal(RegisterStatus.OutOfOrder, (await grain.Register(Wildcard("c1", 7))).Status);
    }

    [Fact]
    public async Task Register_without_contact_queries_and_changes_nothing()
    {
        var grain = NewRegistrar();
        await grain.Register(Register("c1", 1, Contact("sip:a@192.0.2.1", 100)));
        var result = await grain.Register(Register("c2", 1));
        Assert.Equal(RegisterStatus.Ok, result.Status);
        Assert.Equal("c1", Assert.Single(result.Bindings).CallId);
    }

    [Fact]
    public async Task Bindings_are_ordered_by_q_for_routing()
    {
        var grain = NewRegistrar();
        await grain.Register(Register("c1", 1, Contact("sip:low@192.0.2.1", 100, q: 0.1), Contact("sip:none@192.0.2.2", 100), Contact("sip:mid@192.0.2.3", 100, q: 0.5)));
        var lookup = await grain.Lookup();
        Assert.Equal(["sip:none@192.0.2.2", "sip:mid@192.0.2.3", "sip:low@192.0.2.1"], lookup.Bindings.Select(b => b.Uri));
    }

    [Fact]
    public async Task Same_instance_id_and_reg_id_keep_one_binding_per_device()
    {
        var grain = NewRegistrar();
        const string instance = "<urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6>";
        await grain.Register(Register("c1", 1, Contact("sip:a@192.0.2.1:5060", 100, instance: instance, regId: 1)));
        // The phone moved to a new address (new Call-ID after reboot) but is the same device and flow.
        var result = await grain.Register(Register("c2", 1, Contact("sip:a@198.51.100.7:6000", 100, instance: instance, regId: 1)));
        Assert.Equal("sip:a@198.51.100.7:6000", Assert.Single(result.Bindings).Uri);
    }

    [Fact]
    public async Task Different_reg_ids_of_one_instance_are_separate_flows()
    {
        var grain = NewRegistrar();
        const string instance = "<urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6>";
        var result = await grain.Register(Register("c1", 1,
            Contact("sip:a@192.0.2.1;transport=tcp", 100, instance: instance, regId: 1),
            Contact("sip:a@192.0.2.1;transport=udp", 100, instance: instance, regId: 2)));
        Assert.Equal(2, result.Bindings.Length);
    }

    [Fact]
    public async Task Path_is_stored_and_returned_with_the_binding()
    {
        var grain = NewRegistrar();
        var request = Register("c1", 1, Contact("sip:a@192.0.2.1", 100)) with
        {
            Path = ["<sip:edge1.example.com;lr;ob>"],
            Source = new BindingSource("tcp", "192.0.2.1:40000", "edge-1", 42),
        };
        await grain.Register(request);
        var binding = Assert.Single((await grain.Lookup()).Bindings);
        Assert.Equal(["<sip:edge1.example.com;lr;ob>"], binding.Path);
        Assert.Equal("edge-1", binding.Source.GatewayId);
        Assert.Equal(42, binding.Source.ConnectionId);
    }

    [Fact]
    public async Task A_failing_request_changes_nothing()
    {
        var grain = NewRegistrar();
        var result = await grain.Register(Register("c1", 1, Contact("sip:ok@192.0.2.1", 100), Contact("not a uri", 100)));
        Assert.Equal(RegisterStatus.InvalidContact, result.Status);
        Assert.Empty((await grain.Lookup()).Bindings);
    }

    [Fact]
    public async Task More_contacts_than_the_limit_are_refused()
    {
        var contacts = Enumerable.Range(1, 6).Select(i => Contact($"sip:a@192.0.2.{i}", 100)).ToArray();
        Assert.Equal(RegisterStatus.TooManyBindings, (await NewRegistrar().Register(Register("c1", 1, contacts))).Status);
    }

    [Fact]
    public async Task Unknown_address_is_not_known_and_a_registered_one_stays_known_when_unregistered()
    {
        var grain = NewRegistrar();
        Assert.False((await grain.Lookup()).Known);
        await grain.Register(Register("c1", 1, Contact("sip:a@192.0.2.1", 100)));
        await grain.Register(Register("c1", 2, Contact("sip:a@192.0.2.1", 0)));
        var lookup = await grain.Lookup();
        Assert.True(lookup.Known);
        Assert.Empty(lookup.Bindings);
    }

    [Fact]
    public async Task Expired_binding_is_never_returned_for_routing()
    {
        var grain = NewRegistrar();
        await grain.Register(Register("c1", 1, Contact("sip:short@192.0.2.1", 1), Contact("sip:long@192.0.2.2", 300)));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        LookupResult lookup;
        do
        {
            var asked = DateTimeOffset.UtcNow;
            lookup = await grain.Lookup();
            Assert.All(lookup.Bindings, b => Assert.True(b.ExpiresAt > asked));
            if (lookup.Bindings.Length == 1) break;
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        while (DateTime.UtcNow < deadline);
        Assert.Equal("sip:long@192.0.2.2", Assert.Single(lookup.Bindings).Uri);
    }

    [Fact]
    public async Task Bindings_survive_deactivation()
    {
        var grain = NewRegistrar();
        await grain.Register(Register("c1", 1, Contact("sip:a@192.0.2.1", 300)));
        await fixture.Cluster.DeactivateAsync(grain);
        Assert.Equal("sip:a@192.0.2.1", Assert.Single((await grain.Lookup()).Bindings).Uri);
    }

    [Fact]
    public async Task A_registrar_nobody_calls_leaves_memory_once_the_registration_is_written_and_its_binding_stays_routable()
    {
        var aor = NewAor();
        var grain = fixture.Grains.GetGrain<IRegistrarGrain>(aor);
        await grain.Register(Register("c1", 1, Contact("sip:a@192.0.2.1", 300)));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await IsActive(aor) && DateTime.UtcNow < deadline) await Task.Delay(20, TestContext.Current.CancellationToken);
        Assert.False(await IsActive(aor), "the registrar is still in memory 10 s after its REGISTER");
        Assert.Equal("sip:a@192.0.2.1", Assert.Single((await grain.Lookup()).Bindings).Uri);
    }

    private async Task<bool> IsActive(string aor)
    {
        var management = fixture.Grains.GetGrain<IManagementGrain>(0);
        var active = await management.GetDetailedGrainStatistics();
        return active.Any(a => a.GrainType.StartsWith(typeof(RegistrarGrain).FullName + ",", StringComparison.Ordinal) && a.GrainId.Key.ToString() == aor);
    }

    [Fact]
    public async Task Clear_removes_every_binding()
    {
        var grain = NewRegistrar();
        await grain.Register(Register("c1", 1, Contact("sip:a@192.0.2.1", 300)));
        await grain.Clear();
        Assert.Empty((await grain.Lookup()).Bindings);
    }
}
