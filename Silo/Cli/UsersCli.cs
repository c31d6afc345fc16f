using Cinema.Edge.Configuration;
using Cinema.Silo.Hosting;

namespace Cinema.Silo.Cli;

/// <summary>
/// `users`: accounts managed from the command line against the data the server uses, with the configuration the
/// server reads (appsettings.json in the program folder, environment, --Cinema:Key=value arguments). Passwords are
/// hashed here; only HA1 values reach the grains.
/// </summary>
public static class UsersCli
{
    public const string Usage = """
        Usage: users <subcommand> [options] [--Cinema:Key=value ...]

          add <user@domain> --password <password> [--name <display name>]
          list [domain]
          passwd <user@domain> --password <password> [--name <display name>]
          disable <user@domain>
          enable <user@domain>
          remove <user@domain>

        The domain must be one of Cinema:Domains. When a server runs on Cinema:Orleans:GatewayPort the change is
        made through it; otherwise a temporary silo opens the data in Cinema:DataDir. Exit code 0 when done,
        2 for bad input or a refused change, 1 when the data could not be reached.

        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        UsersArguments command;
        try
        {
            command = UsersArguments.Parse(args);
        }
        catch (UsageException e)
        {
            await error.WriteLineAsync("users: " + e.Message);
            await error.WriteAsync(Usage);
            return Commands.Refused;
        }
        if (command.Help)
        {
            await output.WriteAsync(Usage);
            return Commands.Success;
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [.. command.ConfigurationArguments],
            ContentRootPath = AppContext.BaseDirectory,
        });
        // Only trouble is worth showing: the command's own answer is its one line.
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // Failures to connect or start come back as exceptions and are reported in one line below; Orleans' and the
        // host's own accounts of them (retries, stack traces) would bury it.
        builder.Logging.AddFilter("Orleans", LogLevel.Critical);
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.Critical);

        SiloSettings settings;
        IReadOnlySet<string> domains;
        GrainAccess access;
        try
        {
            settings = SiloSettings.Read(builder.Configuration);
            domains = EdgeSettings.Read(builder.Configuration).Domains;
            if (command.CheckDomain(domains) is { } problem)
            {
                await error.WriteLineAsync("users: " + problem);
                return Commands.Refused;
            }
            // Checked here although only a temporary silo uses them: the command refuses what the server would.
            RegistrarSettings.Read(builder.Configuration);
            access = await GrainConnection.ChooseAsync(settings, cancellationToken);
        }
        catch (ConfigurationException e)
        {
            await error.WriteLineAsync(e.Message);
            return Commands.Refused;
        }

        GrainConnection connection;
        try
        {
            connection = await GrainConnection.OpenAsync(builder, settings, access, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await error.WriteLineAsync(access == GrainAccess.RunningServer
                ? $"users: something listens on 127.0.0.1:{settings.GatewayPort} (Cinema:Orleans:GatewayPort) but it could not be used as a Cinema server: {e.Message}"
                : $"users: could not open the data in {Path.GetFullPath(settings.DataDir)} (Cinema:DataDir): {e.Message}");
            return Commands.Failed;
        }
        await using (connection)
        {
            try
            {
                return await UsersCommand.RunAsync(command, connection.Grains, domains, output, error);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A server that stops meanwhile, or storage that fails: the change may or may not have been made.
                await error.WriteLineAsync($"users: the command failed, check the result with `users list`: {e.Message}");
                return Commands.Failed;
            }
        }
    }
}
