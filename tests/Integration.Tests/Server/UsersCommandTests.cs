using Cinema.Integration.Tests.Infrastructure;
using Cinema.Sip.Messages;

namespace Cinema.Integration.Tests.Server;

/// <summary>
/// `users ...` as a real process: against the data folder alone (a temporary silo) and through a running server,
/// whose proxy must know a new account at once.
/// </summary>
public class UsersCommandTests
{
    private static string NewUser() => "u" + Guid.NewGuid().ToString("N")[..10];

    private static Task<CommandResult> UsersAsync(string dataDir, int gatewayPort, params string[] args) =>
        SiloCommand.RunAsync(["users", .. args, $"--Cinema:DataDir={dataDir}", "--Cinema:Domains:0=example.com", $"--Cinema:Orleans:GatewayPort={gatewayPort}"]);

    private static async Task<CommandResult> SucceedsAsync(string dataDir, int gatewayPort, params string[] args)
    {
        var result = await UsersAsync(dataDir, gatewayPort, args);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    private static async Task<int> StatusOfMessageToAsync(ServerProcess server, string aor)
    {
        using var caller = new SipTestClient();
        var message = caller.NewRequest(SipMethod.Message, "sip:" + aor, "sip:caller@example.com", "sip:" + aor);
        return (await caller.RequestAsync(message, server.Target))!.StatusCode;
    }

    [Fact]
    public async Task Users_are_managed_with_no_server_running_and_a_server_started_later_knows_them()
    {
        var dataDir = Directory.CreateTempSubdirectory("cinema-users-").FullName;
        var port = FreePorts.Next();
        var alice = NewUser() + "@example.com";
        try
        {
            var added = await SucceedsAsync(dataDir, port, "add", alice, "--password", "secret", "--name", "Alice Liddell");
            Assert.Equal($"Added {alice}.", added.Output.Trim());
            Assert.True(added.Elapsed < TimeSpan.FromSeconds(15), $"a temporary silo should be quick: {added}");

            var listed = await SucceedsAsync(dataDir, port, "list");
            Assert.StartsWith($"{alice}\tenabled\tAlice Liddell\t", listed.Output, StringComparison.Ordinal);

            var duplicate = await UsersAsync(dataDir, port, "add", alice, "--password", "other");
            Assert.Equal(2, duplicate.ExitCode);
            Assert.Contains($"{alice} already exists", duplicate.Error, StringComparison.Ordinal);

            Assert.Equal($"Changed the password of {alice}.", (await SucceedsAsync(dataDir, port, "passwd", alice, "--password", "new")).Output.Trim());
            Assert.Equal($"Disabled {alice}.", (await SucceedsAsync(dataDir, port, "disable", alice)).Output.Trim());
            Assert.Contains($"{alice}\tdisabled\tAlice Liddell\t", (await SucceedsAsync(dataDir, port, "list", "example.com")).Output, StringComparison.Ordinal);
            Assert.Equal($"Removed {alice}.", (await SucceedsAsync(dataDir, port, "remove", alice)).Output.Trim());
            Assert.Empty((await SucceedsAsync(dataDir, port, "list")).Output);

            var gone = await UsersAsync(dataDir, port, "enable", alice);
            Assert.Equal(2, gone.ExitCode);
            Assert.Contains($"no account {alice}", gone.Error, StringComparison.Ordinal);

            var bob = NewUser() + "@example.com";
            await SucceedsAsync(dataDir, port, "add", bob, "--password", "secret");
            await using var server = new ServerProcess(dataDir, "example.com", "--Cinema:Auth:Required=false");
            await server.StartAsync();
            Assert.Equal(480, await StatusOfMessageToAsync(server, bob));
            Assert.Equal(404, await StatusOfMessageToAsync(server, alice));
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task Users_added_through_a_running_server_are_known_to_it_at_once()
    {
        var dataDir = Directory.CreateTempSubdirectory("cinema-users-").FullName;
        var carol = NewUser() + "@example.com";
        try
        {
            await using var server = new ServerProcess(dataDir, "example.com", "--Cinema:Auth:Required=false");
            await server.StartAsync();
            var port = server.GatewayPort;
            // Asked first, so the server holds the account grain active: only a change made through it shows at once.
            Assert.Equal(404, await StatusOfMessageToAsync(server, carol));

            Assert.Equal($"Added {carol}.", (await SucceedsAsync(dataDir, port, "add", carol, "--password", "secret", "--name", "Carol")).Output.Trim());
            Assert.Equal(480, await StatusOfMessageToAsync(server, carol));

            Assert.StartsWith($"{carol}\tenabled\tCarol\t", (await SucceedsAsync(dataDir, port, "list")).Output, StringComparison.Ordinal);
            var duplicate = await UsersAsync(dataDir, port, "add", carol, "--password", "again");
            Assert.Equal(2, duplicate.ExitCode);
            Assert.Contains($"{carol} already exists", duplicate.Error, StringComparison.Ordinal);
            await SucceedsAsync(dataDir, port, "passwd", carol, "--password", "new");
            await SucceedsAsync(dataDir, port, "disable", carol);
            Assert.Contains($"{carol}\tdisabled\t", (await SucceedsAsync(dataDir, port, "list")).Output, StringComparison.Ordinal);

            await SucceedsAsync(dataDir, port, "remove", carol);
            Assert.Equal(404, await StatusOfMessageToAsync(server, carol));
            Assert.False(server.HasExited, server.Output);
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task Bad_input_is_refused_with_exit_code_2_and_a_message_naming_it()
    {
        var dataDir = Directory.CreateTempSubdirectory("cinema-users-").FullName;
        var port = FreePorts.Next();
        try
        {
            var wrongDomain = await UsersAsync(dataDir, port, "add", "dave@example.org", "--password", "x");
            Assert.Equal(2, wrongDomain.ExitCode);
            Assert.Contains("'example.org' is not a domain served here", wrongDomain.Error, StringComparison.Ordinal);

            var malformed = await UsersAsync(dataDir, port, "add", "dave", "--password", "x");
            Assert.Equal(2, malformed.ExitCode);
            Assert.Contains("'dave'", malformed.Error, StringComparison.Ordinal);

            var noPassword = await UsersAsync(dataDir, port, "add", "dave@example.com");
            Assert.Equal(2, noPassword.ExitCode);
            Assert.Contains("--password", noPassword.Error, StringComparison.Ordinal);

            var unknown = await UsersAsync(dataDir, port, "rename", "dave@example.com");
            Assert.Equal(2, unknown.ExitCode);
            Assert.Contains("unknown subcommand 'rename'", unknown.Error, StringComparison.Ordinal);
            Assert.Contains("Usage:", unknown.Error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }
}
