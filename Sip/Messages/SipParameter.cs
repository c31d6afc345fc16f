namespace Cinema.Sip.Messages;

/// <summary>
/// One <c>;name[=value]</c> parameter of a header or URI. <see cref="Value"/> is null for a flag parameter
/// (<c>;lr</c>), unquoted and unescaped otherwise; <see cref="Quoted"/> records that it was written as a
/// quoted-string so that it is written back the same way.
/// </summary>
public readonly record struct SipParameter(string Name, string? Value, bool Quoted = false)
{
    public override string ToString() => Value is null ? Name : Quoted ? $"{Name}=\"{Escape(Value)}\"" : $"{Name}={Value}";

    private static string Escape(string v) =>
        v.Contains('"', StringComparison.Ordinal) || v.Contains('\\', StringComparison.Ordinal)
            ? v.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            : v;
}
