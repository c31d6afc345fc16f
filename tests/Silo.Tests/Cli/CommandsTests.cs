using Cinema.Silo.Cli;

namespace Cinema.Silo.Tests.Cli;

/// <summary>Which arguments name a command, and the refusals that come before any silo or server is touched.</summary>
public class CommandsTests
{
    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await Commands.RunAsync(args, output, error, TestContext.Current.CancellationToken);
        return (code, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData(new string[0], false)]
    [InlineData(new[] { "--Cinema:Domains:0=example.com" }, false)]
    [InlineData(new[] { "Cinema:DataDir=other-data" }, false)]
    [InlineData(new[] { "users", "list" }, true)]
    [InlineData(new[] { "user" }, true)]
    public void A_first_word_that_is_not_a_setting_names_a_command(string[] args, bool isCommand) =>
        Assert.Equal(isCommand, Commands.IsCommand(args));

    [Fact]
    public async Task Unknown_command_is_refused_with_the_usage()
    {
        var (code, _, error) = await RunAsync("user", "add");
        Assert.Equal(Commands.Refused, code);
        Assert.Contains("unknown command 'user'", error);
        Assert.Contains("Usage:", error);
    }

    [Fact]
    public async Task Help_prints_the_usage_and_succeeds()
    {
        var (code, output, _) = await RunAsync("users", "--help");
        Assert.Equal(Commands.Success, code);
        Assert.Contains("passwd <user@domain>", output);
    }

    [Fact]
    public async Task Unknown_subcommand_is_refused_on_stderr_with_the_usage()
    {
        var (code, output, error) = await RunAsync("users", "rename", "a@example.com");
        Assert.Equal(Commands.Refused, code);
        Assert.Empty(output);
        Assert.Contains("unknown subcommand 'rename'", error);
        Assert.Contains("Usage:", error);
    }

    [Fact]
    public async Task Malformed_address_is_refused_naming_it()
    {
        var (code, _, error) = await RunAsync("users", "add", "alice", "--password", "x");
        Assert.Equal(Commands.Refused, code);
        Assert.Contains("'alice'", error);
    }

    [Fact]
    public async Task Address_in_a_domain_not_served_is_refused_naming_the_domain()
    {
        var (code, output, error) = await RunAsync("users", "add", "alice@example.org", "--password", "x", "--Cinema:Domains:0=example.com");
        Assert.Equal(Commands.Refused, code);
        Assert.Empty(output);
        Assert.Contains("'example.org' is not a domain served here", error);
    }

    [Fact]
    public async Task Address_in_a_default_domain_passes_when_no_domain_is_configured()
    {
        // localhost is always among the default domains; a bad gateway port stops the command right after the domain check.
        var (code, _, error) = await RunAsync("users", "add", "alice@localhost", "--password", "x", "--Cinema:Orleans:GatewayPort=none");
        Assert.Equal(Commands.Refused, code);
        Assert.DoesNotContain("not a domain served here", error);
        Assert.Contains("Cinema:Orleans:GatewayPort = 'none'", error);
    }

    [Fact]
    public async Task Bad_configuration_value_is_refused_naming_the_key_and_value()
    {
        var (code, _, error) = await RunAsync("users", "list", "--Cinema:Domains:0=example.com", "--Cinema:Registrar:MaxBindings=0");
        Assert.Equal(Commands.Refused, code);
        Assert.Contains("Cinema:Registrar:MaxBindings = '0'", error);
    }
}
