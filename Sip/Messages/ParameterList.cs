using System.Collections;
using System.Runtime.CompilerServices;
using System.Text;

namespace Cinema.Sip.Messages;

/// <summary>
/// An immutable, ordered list of parameters with case-insensitive lookup by name (RFC 3261 §7.3.1: parameter
/// names are case-insensitive). Changes return a new list.
/// </summary>
public sealed class ParameterList : IReadOnlyList<SipParameter>, IEquatable<ParameterList>
{
    public static readonly ParameterList Empty = new([]);

    private readonly SipParameter[] _items;

    internal ParameterList(SipParameter[] items) => _items = items;

    /// <summary>A list of what a reader collected in a scratch list (which goes back for reuse).</summary>
    internal static ParameterList FromScratch(List<SipParameter> scratch)
    {
        var items = Syntax.ScratchList<SipParameter>.ToArrayAndReturn(scratch);
        return items.Length == 0 ? Empty : new ParameterList(items);
    }

    public ParameterList(IEnumerable<SipParameter> items) => _items = [.. items];

    public int Count => _items.Length;

    public SipParameter this[int index] => _items[index];

    public bool Contains(string name) => IndexOf(name) >= 0;

    /// <summary>The value of the first parameter with this name; null when absent or a flag.</summary>
    public string? this[string name] => IndexOf(name) is var i and >= 0 ? _items[i].Value : null;

    public bool TryGet(string name, out SipParameter parameter)
    {
        var i = IndexOf(name);
        parameter = i >= 0 ? _items[i] : default;
        return i >= 0;
    }

    public int IndexOf(string name)
    {
        for (var i = 0; i < _items.Length; i++)
        {
            if (string.Equals(_items[i].Name, name, StringComparison.OrdinalIgnoreCase)) return i;
        }
        return -1;
    }

    /// <summary>Sets (replacing the first of that name, or appending) a parameter.</summary>
    public ParameterList With(string name, string? value, bool quoted = false)
    {
        var p = new SipParameter(name, value, quoted);
        var i = IndexOf(name);
        if (i < 0) return new ParameterList([.. _items, p]);
        var copy = (SipParameter[])_items.Clone();
        copy[i] = p;
        return new ParameterList(copy);
    }

    public ParameterList Without(string name)
    {
        if (IndexOf(name) < 0) return this;
        return new ParameterList(_items.Where(p => !string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).ToArray());
    }

    public IEnumerator<SipParameter> GetEnumerator() => ((IEnumerable<SipParameter>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    /// <summary>Writes <c>;name=value</c> for each parameter, as in a header.</summary>
    public override string ToString()
    {
        if (_items.Length == 0) return "";
        var sb = new StringBuilder();
        AppendTo(sb);
        return sb.ToString();
    }

    internal void AppendTo(StringBuilder sb)
    {
        foreach (var p in _items) sb.Append(';').Append(p.ToString());
    }

    /// <summary>As <see cref="AppendTo(StringBuilder)"/>, onto a stack-based builder, without a string per parameter.</summary>
    internal void AppendTo(ref DefaultInterpolatedStringHandler text)
    {
        foreach (var p in _items)
        {
            text.AppendLiteral(";");
            if (p.Quoted)
            {
                text.AppendLiteral(p.ToString());
                continue;
            }
            text.AppendLiteral(p.Name);
            if (p.Value is not null)
            {
                text.AppendLiteral("=");
                text.AppendLiteral(p.Value);
            }
        }
    }

    /// <summary>
    /// Same names and values, ignoring order and name case (values compared case-sensitively). A name that occurs
    /// more than once is matched occurrence by occurrence (the second with the second), so that a list with a
    /// repeated name still equals itself.
    /// </summary>
    public bool Equals(ParameterList? other)
    {
        if (other is null || other.Count != Count) return false;
        for (var i = 0; i < _items.Length; i++)
        {
            var p = _items[i];
            if (!other.TryGetOccurrence(p.Name, OccurrenceAt(i), out var q) || !string.Equals(p.Value, q.Value, StringComparison.Ordinal)) return false;
        }
        return true;
    }

    /// <summary>How many parameters before <paramref name="index"/> have the same name as the one at it.</summary>
    internal int OccurrenceAt(int index)
    {
        var n = 0;
        for (var i = 0; i < index; i++)
        {
            if (string.Equals(_items[i].Name, _items[index].Name, StringComparison.OrdinalIgnoreCase)) n++;
        }
        return n;
    }

    /// <summary>The <paramref name="occurrence"/>-th (from 0) parameter with this name.</summary>
    internal bool TryGetOccurrence(string name, int occurrence, out SipParameter parameter)
    {
        foreach (var p in _items)
        {
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase) && occurrence-- == 0)
            {
                parameter = p;
                return true;
            }
        }
        parameter = default;
        return false;
    }

    public override bool Equals(object? obj) => Equals(obj as ParameterList);

    public override int GetHashCode() => Count;
}
