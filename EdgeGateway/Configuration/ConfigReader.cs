using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Cinema.Edge.Configuration;

/// <summary>
/// Reads typed values from configuration and turns every bad value into a <see cref="ConfigurationException"/> that
/// names the key and the value. Lists may be given as children (Key:0, Key:1 or a JSON array) or as one
/// comma-separated value (handy in environment variables).
/// </summary>
public static class ConfigReader
{
    public static string? Text(IConfiguration config, string key) => config[key] is { Length: > 0 } v ? v.Trim() : null;

    public static IReadOnlyList<string>? List(IConfiguration config, string key)
    {
        var section = config.GetSection(key);
        if (section.Value is { } single)
            return single.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var children = section.GetChildren().Select(c => c.Value).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).ToList();
        return children.Count == 0 ? null : children;
    }

    public static bool Bool(IConfiguration config, string key, bool fallback)
    {
        var v = Text(config, key);
        if (v is null) return fallback;
        return bool.TryParse(v, out var b) ? b : throw new ConfigurationException(key, v, "expected true or false");
    }

    public static int Number(IConfiguration config, string key, int fallback, int min, int max) =>
        (int)BigNumber(config, key, fallback, min, max);

    public static long BigNumber(IConfiguration config, string key, long fallback, long min, long max)
    {
        var v = Text(config, key);
        if (v is null) return fallback;
        if (!long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
            throw new ConfigurationException(key, v, "expected a whole number");
        if (n < min || n > max) throw new ConfigurationException(key, v, $"must be between {min} and {max}");
        return n;
    }

    public static TimeSpan Seconds(IConfiguration config, string key, TimeSpan fallback, double min, double max)
    {
        var v = Text(config, key);
        if (v is null) return fallback;
        if (!double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var s))
            throw new ConfigurationException(key, v, "expected a number of seconds");
        if (s < min || s > max) throw new ConfigurationException(key, v, $"must be between {min} and {max} seconds");
        return TimeSpan.FromSeconds(s);
    }

    /// <summary>Keys under <paramref name="prefix"/> that nothing reads are reported, so that a typo does not silently do nothing.</summary>
    public static void RejectUnknown(IConfiguration config, string prefix, IReadOnlySet<string> known)
    {
        foreach (var child in config.GetSection(prefix).GetChildren())
        {
            var key = prefix + ":" + child.Key;
            if (!known.Contains(child.Key)) throw new ConfigurationException(key, child.Value, "unknown setting (check the spelling; see the README for the keys)");
        }
    }
}
