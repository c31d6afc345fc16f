namespace Cinema.Sip.Tests.Dns;

/// <summary>A Random that returns the given values from Next(min, max), so SRV weighted selection is predictable.</summary>
internal sealed class ScriptedRandom(params int[] values) : Random
{
    private readonly Queue<int> _values = new(values);

    public List<(int Min, int Max)> Calls { get; } = [];

    public override int Next(int minValue, int maxValue)
    {
        Calls.Add((minValue, maxValue));
        var value = _values.Count > 0 ? _values.Dequeue() : minValue;
        Assert.InRange(value, minValue, maxValue - 1);
        return value;
    }
}
