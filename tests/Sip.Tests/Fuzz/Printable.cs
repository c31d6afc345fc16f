using System.Text;

namespace Cinema.Sip.Tests.Fuzz;

/// <summary>
/// Shows fuzz inputs in failure messages as C# string literals (one char per byte, Latin-1), so a failing case can
/// be pasted into a test and turned back into bytes with Encoding.Latin1.
/// </summary>
internal static class Printable
{
    public static string Of(ReadOnlySpan<byte> bytes)
    {
        var sb = new StringBuilder(bytes.Length + 16).Append('"');
        foreach (var b in bytes)
        {
            _ = b switch
            {
                (byte)'\r' => sb.Append("\\r"),
                (byte)'\n' => sb.Append("\\n"),
                (byte)'\t' => sb.Append("\\t"),
                (byte)'"' => sb.Append("\\\""),
                (byte)'\\' => sb.Append("\\\\"),
                >= 0x20 and < 0x7F => sb.Append((char)b),
                _ => sb.Append("\\u00").Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)),
            };
        }
        return sb.Append('"').ToString();
    }
}
