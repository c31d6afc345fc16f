using System.Text;

namespace Cinema.Sip.Auth;

/// <summary>
/// Builds an authentication header value. Which parameters are quoted is fixed by the grammar
/// (RFC 7616 §3.3-§3.5, RFC 3261 §25.1), so callers choose <see cref="Quoted"/> or <see cref="Token"/> per parameter.
/// </summary>
internal sealed class AuthParamWriter
{
    private readonly StringBuilder _builder = new();
    private bool _hasParameter;

    public AuthParamWriter(string? scheme)
    {
        if (scheme is not null)
        {
            _builder.Append(scheme).Append(' ');
        }
    }

    public AuthParamWriter Quoted(string name, string? value)
    {
        if (value is null)
        {
            return this;
        }

        Start(name).Append('"');
        foreach (var c in value)
        {
            // RFC 3261 §25.1 quoted-pair: '"' and '\' must be escaped inside a quoted-string.
            if (c is '"' or '\\')
            {
                _builder.Append('\\');
            }

            _builder.Append(c);
        }

        _builder.Append('"');
        return this;
    }

    public AuthParamWriter Token(string name, string? value)
    {
        if (value is not null)
        {
            Start(name).Append(value);
        }

        return this;
    }

    public override string ToString() => _builder.ToString();

    private StringBuilder Start(string name)
    {
        if (_hasParameter)
        {
            _builder.Append(", ");
        }

        _hasParameter = true;
        return _builder.Append(name).Append('=');
    }
}
