namespace Cinema.Grains;

/// <summary>The persisted call record of a dialog grain.</summary>
[GenerateSerializer, Alias("cinema.DialogState")]
public sealed class DialogState
{
    [Id(0)]
    public CallRecord? Record { get; set; }
}
