namespace Cinema.Silo.Cli;

/// <summary>
/// The commands the server program also answers (`Cinema.Silo users add ...`). A first argument that is a word,
/// not an option (--Cinema:Key=value) nor a key=value setting, names a command; anything else starts the server.
/// </summary>
public static class Commands
{
    /// <summary>Done as asked.</summary>
    public const int Success = 0;

    /// <summary>Something failed that is not the operator's input (the data or the server could not be reached).</summary>
    public const int Failed = 1;

    /// <summary>Bad input, or a change the data refuses (a duplicate, an unknown user); the message says which.</summary>
    public const int Refused = 2;

    public static bool IsCommand(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return args.Count > 0 && args[0].Length > 0 && !args[0].StartsWith('-') && !args[0].Contains('=', StringComparison.Ordinal);
    }

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(error);
        if (args.Count > 0 && args[0] == "users") return await UsersCli.RunAsync([.. args.Skip(1)], output, error, cancellationToken);
        if (args.Count > 0 && args[0] == "db") return await DbCli.RunAsync([.. args.Skip(1)], output, error, cancellationToken);
        await error.WriteLineAsync($"unknown command '{(args.Count > 0 ? args[0] : "")}'");
        await error.WriteAsync(UsersCli.Usage);
        await error.WriteAsync(DbCli.Usage);
        return Refused;
    }
}
