using System.Text;

namespace Cinema.Sip.Messages;

/// <summary>
/// A token followed by parameters: Event (RFC 6665), Subscription-State, Reason (RFC 3326), Retry-After (with its
/// optional comment), Session-Expires.
/// </summary>
public sealed class ParameterizedValue
{
    public ParameterizedValue(string value, ParameterList? parameters = null, string? comment = null)
    {
        Value = value;
        Parameters = parameters ?? ParameterList.Empty;
        Comment = comment;
    }

    public string Value { get; }

    public ParameterList Parameters { get; }

    /// <summary>The parenthesised comment of Retry-After, without the parentheses.</summary>
    public string? Comment { get; }

    public override string ToString()
    {
        var sb = new StringBuilder(Value);
        if (Comment is not null) sb.Append(" (").Append(Comment).Append(')');
        Parameters.AppendTo(sb);
        return sb.ToString();
    }
}
