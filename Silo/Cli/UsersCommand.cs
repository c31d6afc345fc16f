using System.Globalization;
using Cinema.Grains;

namespace Cinema.Silo.Cli;

/// <summary>
/// Runs a parsed `users` command against the account grains, wherever they are. Writes one line on success (or
/// one per account for list) and a message naming the account on refusal.
/// </summary>
public static class UsersCommand
{
    public static async Task<int> RunAsync(UsersArguments command, IGrainFactory grains, IReadOnlySet<string> servedDomains, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (command.Verb == UsersVerb.List)
        {
            await ListAsync(grains, command.Domain is { } d ? [d] : servedDomains.Order(StringComparer.Ordinal), output);
            return Commands.Success;
        }

        var address = command.Address!;
        var account = grains.GetGrain<IAccountGrain>(address.Key);
        var (result, done) = command.Verb switch
        {
            UsersVerb.Add => (await account.Create(PasswordHashes.Credentials(address, command.Password!, command.DisplayName)), "Added"),
            UsersVerb.Passwd => (await account.SetCredentials(PasswordHashes.Credentials(address, command.Password!, command.DisplayName)), "Changed the password of"),
            UsersVerb.Disable => (await account.SetEnabled(false), "Disabled"),
            UsersVerb.Enable => (await account.SetEnabled(true), "Enabled"),
            _ => (await account.Remove(), "Removed"),
        };
        switch (result)
        {
            case AccountResult.Ok:
                await output.WriteLineAsync($"{done} {address}.");
                return Commands.Success;
            case AccountResult.AlreadyExists:
                await error.WriteLineAsync($"users: {address} already exists (use `users passwd` to give it a new password).");
                return Commands.Refused;
            case AccountResult.NotFound:
                await error.WriteLineAsync($"users: there is no account {address}.");
                return Commands.Refused;
            default:
                await error.WriteLineAsync($"users: the account {address} refused the change ({result}).");
                return Commands.Refused;
        }
    }

    private static async Task ListAsync(IGrainFactory grains, IEnumerable<string> domains, TextWriter output)
    {
        foreach (var domain in domains)
        {
            foreach (var address in await grains.GetGrain<IAccountDirectoryGrain>(domain).List())
            {
                // The directory may name an account whose creation failed half-way; only real accounts are shown.
                if (await grains.GetGrain<IAccountGrain>(address).GetInfo() is { } info) await output.WriteLineAsync(Line(info));
            }
        }
    }

    /// <summary>Tab-separated: address, enabled or disabled, display name ("-" when none), created (UTC, ISO 8601).</summary>
    public static string Line(AccountInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        var created = info.Created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return $"{info.Address}\t{(info.Enabled ? "enabled" : "disabled")}\t{info.DisplayName ?? "-"}\t{created}";
    }
}
