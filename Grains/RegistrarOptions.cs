namespace Cinema.Grains;

/// <summary>Registrar policy (RFC 3261 §10.3). Bound from configuration section Cinema:Registrar.</summary>
public sealed class RegistrarOptions
{
    public const string Section = "Cinema:Registrar";

    /// <summary>Shortest registration accepted; shorter non-zero requests get 423 with Min-Expires (RFC 3261 §10.3 step 7).</summary>
    public long MinExpires { get; set; } = 60;

    /// <summary>Longer requests are shortened to this.</summary>
    public long MaxExpires { get; set; } = 86_400;

    /// <summary>Used when neither the expires parameter nor the Expires header gives one.</summary>
    public long DefaultExpires { get; set; } = 3_600;

    /// <summary>Contacts one address-of-record may hold at once.</summary>
    public int MaxBindings { get; set; } = 32;
}
