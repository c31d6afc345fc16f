namespace Cinema.Grains;

/// <summary>The persisted bindings of one address-of-record.</summary>
[GenerateSerializer, Alias("cinema.RegistrarState")]
public sealed class RegistrarState
{
    [Id(0)]
    public List<Binding> Bindings { get; set; } = [];

    /// <summary>True once anything was ever registered: the user exists even when no binding is current (480, not 404).</summary>
    [Id(1)]
    public bool Known { get; set; }
}
