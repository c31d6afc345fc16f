namespace Cinema.Edge.Configuration;

/// <summary>A configuration value that cannot be used, with the key and the value, so the operator can fix it.</summary>
public sealed class ConfigurationException : Exception
{
    public ConfigurationException(string key, string? value, string problem)
        : base($"Configuration error: {key} = '{value}': {problem}")
    {
        Key = key;
        Value = value;
        Problem = problem;
    }

    public ConfigurationException()
    {
        Key = "";
        Problem = "";
    }

    public ConfigurationException(string message)
        : base(message)
    {
        Key = "";
        Problem = message;
    }

    public ConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Key = "";
        Problem = message;
    }

    public string Key { get; }

    public string? Value { get; }

    public string Problem { get; }
}
