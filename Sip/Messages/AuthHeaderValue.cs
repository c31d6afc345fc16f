using System.Text;

namespace Cinema.Sip.Messages;

/// <summary>
/// A challenge (WWW-/Proxy-Authenticate) or credentials ((Proxy-)Authorization): an auth scheme and its
/// comma-separated parameters, quoted values unquoted (RFC 3261 §25.1). Authentication-Info has an empty scheme.
/// </summary>
public sealed class AuthHeaderValue
{
    public AuthHeaderValue(string scheme, ParameterList parameters)
    {
        Scheme = scheme;
        Parameters = parameters;
    }

    public string Scheme { get; }

    public ParameterList Parameters { get; }

    public bool IsDigest => string.Equals(Scheme, "Digest", StringComparison.OrdinalIgnoreCase);

    public override string ToString()
    {
        var sb = new StringBuilder(Scheme);
        var first = true;
        foreach (var p in Parameters)
        {
            sb.Append(first ? (Scheme.Length > 0 ? " " : "") : ", ");
            first = false;
            sb.Append(p.ToString());
        }
        return sb.ToString();
    }
}
