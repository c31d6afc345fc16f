namespace Cinema.Grains;

[GenerateSerializer, Alias("cinema.SecretState")]
public sealed class SecretState
{
    [Id(0)]
    public byte[]? Secret { get; set; }
}
