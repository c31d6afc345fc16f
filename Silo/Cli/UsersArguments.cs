namespace Cinema.Silo.Cli;

/// <summary>
/// A parsed `users` command line: the verb, its operand, its options, and the configuration arguments
/// (--Cinema:Key=value or --Cinema:Key value) that are handed to the configuration as the server would get them.
/// </summary>
public sealed record UsersArguments
{
    public required UsersVerb Verb { get; init; }

    /// <summary>The account, for every verb but list.</summary>
    public AccountAddress? Address { get; init; }

    /// <summary>The domain to list (lower-case), or null for every served domain.</summary>
    public string? Domain { get; init; }

    public string? Password { get; init; }

    public string? DisplayName { get; init; }

    /// <summary>True for --help: show the usage and do nothing else.</summary>
    public bool Help { get; init; }

    public IReadOnlyList<string> ConfigurationArguments { get; init; } = [];

    private static readonly Dictionary<string, UsersVerb> Verbs = new(StringComparer.Ordinal)
    {
        ["add"] = UsersVerb.Add,
        ["list"] = UsersVerb.List,
        ["passwd"] = UsersVerb.Passwd,
        ["disable"] = UsersVerb.Disable,
        ["enable"] = UsersVerb.Enable,
        ["remove"] = UsersVerb.Remove,
    };

    /// <summary>Parses the words after "users"; throws <see cref="UsageException"/> naming the first bad word.</summary>
    public static UsersArguments Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var positional = new List<string>();
        var configuration = new List<string>();
        string? password = null;
        string? name = null;
        var help = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "--help" or "-h" || (arg == "help" && positional.Count == 0))
            {
                help = true;
                continue;
            }
            if (!arg.StartsWith('-') || arg == "-")
            {
                positional.Add(arg);
                continue;
            }
            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            var option = eq < 0 ? arg : arg[..eq];
            string Value()
            {
                if (eq >= 0) return arg[(eq + 1)..];
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    throw new UsageException($"{option} needs a value");
                return args[++i];
            }
            if (option.StartsWith("--", StringComparison.Ordinal) && option.Contains(':', StringComparison.Ordinal))
            {
                // Configuration, as the server takes it: keep the --Key=value form for the configuration builder.
                configuration.Add(option + "=" + Value());
                continue;
            }
            switch (option)
            {
                case "--password":
                    if (password is not null) throw new UsageException("--password is given twice");
                    password = Value();
                    if (password.Length == 0) throw new UsageException("--password must not be empty");
                    break;
                case "--name":
                    if (name is not null) throw new UsageException("--name is given twice");
                    name = Value();
                    break;
                default:
                    throw new UsageException($"unknown option '{option}'");
            }
        }
        if (help) return new UsersArguments { Verb = UsersVerb.List, Help = true, ConfigurationArguments = configuration };
        return Build(positional, password, name, configuration);
    }

    private static UsersArguments Build(List<string> positional, string? password, string? name, List<string> configuration)
    {
        if (positional.Count == 0) throw new UsageException("missing subcommand (add, list, passwd, disable, enable or remove)");
        if (!Verbs.TryGetValue(positional[0], out var verb)) throw new UsageException($"unknown subcommand '{positional[0]}'");
        var word = positional[0];
        var takesPassword = verb is UsersVerb.Add or UsersVerb.Passwd;
        if (!takesPassword && password is not null) throw new UsageException($"--password does not apply to users {word}");
        if (!takesPassword && name is not null) throw new UsageException($"--name does not apply to users {word}");
        if (positional.Count > 2) throw new UsageException($"unexpected argument '{positional[2]}'");

        if (verb == UsersVerb.List)
        {
            string? domain = null;
            if (positional.Count == 2)
            {
                domain = positional[1].ToLowerInvariant();
                if (Uri.CheckHostName(domain.Trim('[', ']')) == UriHostNameType.Unknown)
                    throw new UsageException($"'{positional[1]}' is not a domain name or IP address");
            }
            return new UsersArguments { Verb = verb, Domain = domain, ConfigurationArguments = configuration };
        }

        if (positional.Count < 2) throw new UsageException($"{word} needs an address (user@domain)");
        if (!AccountAddress.TryParse(positional[1], out var address, out var error)) throw new UsageException(error);
        if (takesPassword && password is null) throw new UsageException($"{word} needs --password");
        return new UsersArguments
        {
            Verb = verb,
            Address = address,
            Password = password,
            DisplayName = name,
            ConfigurationArguments = configuration,
        };
    }

    /// <summary>Null when the account's (or the listed) domain is served here, else why not, naming it.</summary>
    public string? CheckDomain(IReadOnlySet<string> servedDomains)
    {
        ArgumentNullException.ThrowIfNull(servedDomains);
        var domain = Address?.Domain ?? Domain;
        if (domain is null || servedDomains.Contains(domain)) return null;
        return $"'{domain}' is not a domain served here (Cinema:Domains: {string.Join(", ", servedDomains.Order(StringComparer.Ordinal))}); add it to Cinema:Domains first";
    }
}
