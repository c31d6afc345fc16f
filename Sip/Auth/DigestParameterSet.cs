using System.Diagnostics.CodeAnalysis;

namespace Cinema.Sip.Auth;

/// <summary>
/// The auth-params of one challenge or credentials, by case-insensitive name (RFC 7235 §2.1).
/// Unknown parameters are kept only to be ignored, as RFC 7616 §3.3 and §3.4 require.
/// </summary>
internal sealed class DigestParameterSet
{
    private readonly Dictionary<string, string?> _values;

    private DigestParameterSet(Dictionary<string, string?> values) => _values = values;

    public static bool TryCreate(
        IEnumerable<KeyValuePair<string, string?>>? parameters,
        [NotNullWhen(true)] out DigestParameterSet? set,
        [NotNullWhen(false)] out string? error)
    {
        set = null;
        if (parameters is null)
        {
            error = "parameters are missing";
            return false;
        }

        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in parameters)
        {
            if (string.IsNullOrEmpty(name))
            {
                error = "parameter with an empty name";
                return false;
            }

            if (values.Count == AuthParamReader.MaxParameters)
            {
                error = $"more than {AuthParamReader.MaxParameters} parameters";
                return false;
            }

            // RFC 7235 §2.1: each parameter name MUST only occur once per challenge (and per credentials).
            if (!values.TryAdd(name, value))
            {
                error = $"duplicate parameter '{name}'";
                return false;
            }

            // A value we could not write back verbatim (CR, LF, NUL...) is refused here rather than carried around.
            if (value is not null && DigestSyntax.HasControlCharacter(value))
            {
                error = $"parameter '{name}' contains a control character";
                return false;
            }
        }

        set = new DigestParameterSet(values);
        error = null;
        return true;
    }

    public bool Contains(string name) => _values.ContainsKey(name);

    public string? Get(string name) => _values.GetValueOrDefault(name);

    /// <summary>Gets a parameter that must be present with a value (which may be empty only if allowed).</summary>
    public bool TryGetRequired(string name, bool allowEmpty, [NotNullWhen(true)] out string? value, [NotNullWhen(false)] out string? error)
    {
        var found = Get(name);
        error = found switch
        {
            null when !Contains(name) => $"missing '{name}' parameter",
            null => $"parameter '{name}' has no value",
            { Length: 0 } when !allowEmpty => $"parameter '{name}' is empty",
            _ => null,
        };
        value = error is null ? found : null;
        return value is not null;
    }

    /// <summary>RFC 7616 §3.3: algorithm absent means MD5.</summary>
    public bool TryGetAlgorithm([NotNullWhen(true)] out DigestAlgorithm? algorithm, [NotNullWhen(false)] out string? error)
    {
        var text = Get("algorithm");
        if (text is null)
        {
            algorithm = DigestAlgorithm.Md5;
            error = null;
            return true;
        }

        if (DigestAlgorithm.TryParse(text, out algorithm))
        {
            error = null;
            return true;
        }

        error = $"unsupported algorithm '{text}'";
        return false;
    }
}
