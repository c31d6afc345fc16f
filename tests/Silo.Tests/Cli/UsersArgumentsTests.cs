using Cinema.Silo.Cli;

namespace Cinema.Silo.Tests.Cli;

/// <summary>The `users` command line: subcommands, operands, options and configuration arguments.</summary>
public class UsersArgumentsTests
{
    private static UsersArguments Parse(params string[] args) => UsersArguments.Parse(args);

    private static string Refusal(params string[] args) => Assert.Throws<UsageException>(() => UsersArguments.Parse(args)).Message;

    [Fact]
    public void Add_takes_an_address_a_password_and_a_display_name()
    {
        var command = Parse("add", "alice@example.com", "--password", "secret", "--name", "Alice Liddell");
        Assert.Equal(UsersVerb.Add, command.Verb);
        Assert.Equal("alice@example.com", command.Address!.Key);
        Assert.Equal("secret", command.Password);
        Assert.Equal("Alice Liddell", command.DisplayName);
        Assert.Empty(command.ConfigurationArguments);
    }

    [Fact]
    public void Options_may_come_before_the_operands_and_with_an_equals_sign()
    {
        var command = Parse("--password=s3=cret", "add", "--name=Bob", "bob@example.com");
        Assert.Equal(UsersVerb.Add, command.Verb);
        Assert.Equal("bob@example.com", command.Address!.Key);
        Assert.Equal("s3=cret", command.Password);
        Assert.Equal("Bob", command.DisplayName);
    }

    [Theory]
    [InlineData("passwd", UsersVerb.Passwd)]
    [InlineData("disable", UsersVerb.Disable)]
    [InlineData("enable", UsersVerb.Enable)]
    [InlineData("remove", UsersVerb.Remove)]
    public void Each_subcommand_is_recognised(string word, UsersVerb verb)
    {
        string[] args = verb == UsersVerb.Passwd ? [word, "a@example.com", "--password", "p"] : [word, "a@example.com"];
        var command = Parse(args);
        Assert.Equal(verb, command.Verb);
        Assert.Equal("a@example.com", command.Address!.Key);
    }

    [Fact]
    public void List_takes_an_optional_domain_in_lower_case()
    {
        Assert.Null(Parse("list").Domain);
        Assert.Equal("example.com", Parse("list", "Example.COM").Domain);
    }

    [Fact]
    public void Configuration_arguments_are_kept_for_the_configuration_in_key_equals_value_form()
    {
        var command = Parse("add", "a@b.example", "--password", "x", "--Cinema:DataDir=other-data", "--Cinema:Domains:0", "b.example");
        Assert.Equal(["--Cinema:DataDir=other-data", "--Cinema:Domains:0=b.example"], command.ConfigurationArguments);
        Assert.Equal("x", command.Password);
    }

    [Fact]
    public void The_host_of_the_address_is_lower_cased_and_the_user_kept_as_typed()
    {
        var command = Parse("disable", "Alice@EXAMPLE.com");
        Assert.Equal("Alice", command.Address!.User);
        Assert.Equal("example.com", command.Address.Domain);
        Assert.Equal("Alice@example.com", command.Address.Key);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public void Help_asks_for_the_usage(string word) => Assert.True(Parse(word).Help);

    [Fact]
    public void Help_anywhere_asks_for_the_usage_even_with_other_words() => Assert.True(Parse("add", "--help").Help);

    [Fact]
    public void Missing_subcommand_is_refused() => Assert.Contains("missing subcommand", Refusal());

    [Fact]
    public void Unknown_subcommand_is_refused_naming_it() => Assert.Contains("'frobnicate'", Refusal("frobnicate", "a@example.com"));

    [Fact]
    public void Unknown_option_is_refused_naming_it() => Assert.Contains("'--colour'", Refusal("list", "--colour", "red"));

    [Fact]
    public void Add_without_a_password_is_refused() => Assert.Contains("--password", Refusal("add", "alice@example.com"));

    [Fact]
    public void Passwd_without_a_password_is_refused() => Assert.Contains("--password", Refusal("passwd", "alice@example.com", "--name", "A"));

    [Fact]
    public void Password_option_without_a_value_is_refused() => Assert.Equal("--password needs a value", Refusal("add", "alice@example.com", "--password"));

    [Fact]
    public void Password_option_followed_by_another_option_has_no_value() =>
        Assert.Equal("--password needs a value", Refusal("add", "alice@example.com", "--password", "--name", "A"));

    [Fact]
    public void Empty_password_is_refused() => Assert.Contains("must not be empty", Refusal("add", "alice@example.com", "--password="));

    [Fact]
    public void Password_given_twice_is_refused() => Assert.Contains("twice", Refusal("add", "a@example.com", "--password", "x", "--password", "y"));

    [Theory]
    [InlineData("disable")]
    [InlineData("enable")]
    [InlineData("remove")]
    [InlineData("list")]
    public void Password_is_refused_where_it_does_not_apply(string word)
    {
        string[] args = word == "list" ? [word, "--password", "x"] : [word, "a@example.com", "--password", "x"];
        Assert.Contains("does not apply", Refusal(args));
    }

    [Fact]
    public void Address_is_required() => Assert.Contains("needs an address", Refusal("remove"));

    [Fact]
    public void Extra_operand_is_refused_naming_it() => Assert.Contains("'bob@example.com'", Refusal("remove", "alice@example.com", "bob@example.com"));

    [Theory]
    [InlineData("alice")]
    [InlineData("alice@")]
    [InlineData("@example.com")]
    [InlineData("alice@exa mple.com")]
    [InlineData("al ice@example.com")]
    [InlineData("alice@example.com:5060")]
    [InlineData("alice:pw@example.com")]
    [InlineData("alice@example.com;transport=tcp")]
    [InlineData("alice@-bad-.com")]
    public void Malformed_address_is_refused_naming_it(string address) => Assert.Contains($"'{address}'", Refusal("add", address, "--password", "x"));

    [Fact]
    public void List_of_something_that_is_not_a_domain_is_refused() => Assert.Contains("'not a domain'", Refusal("list", "not a domain"));

    [Fact]
    public void Domain_served_here_passes_the_domain_check()
    {
        var served = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "example.com", "localhost" };
        Assert.Null(Parse("add", "a@Example.com", "--password", "x").CheckDomain(served));
        Assert.Null(Parse("list").CheckDomain(served));
        Assert.Null(Parse("list", "localhost").CheckDomain(served));
    }

    [Fact]
    public void Domain_not_served_here_is_refused_naming_it_and_the_served_ones()
    {
        var served = new HashSet<string> { "example.com", "localhost" };
        var problem = Parse("add", "a@example.org", "--password", "x").CheckDomain(served);
        Assert.NotNull(problem);
        Assert.Contains("'example.org'", problem);
        Assert.Contains("Cinema:Domains: example.com, localhost", problem);
        Assert.NotNull(Parse("list", "example.org").CheckDomain(served));
    }
}
