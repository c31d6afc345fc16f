using System.Diagnostics.CodeAnalysis;
using Cinema.Sip.Messages;

namespace Cinema.Silo.Cli;

/// <summary>
/// An account's address as typed by an operator ("alice@example.com"), checked with the SIP URI grammar so that it
/// is one a phone can register and be called at.
/// </summary>
public sealed record AccountAddress
{
    private AccountAddress(string user, string domain)
    {
        User = user;
        Domain = domain;
    }

    /// <summary>The user part, unescaped: the digest username (RFC 3261 §22.4).</summary>
    public string User { get; }

    /// <summary>The host, lower-case: the domain served and the digest realm.</summary>
    public string Domain { get; }

    /// <summary>"user@domain": the key of the account grain, the same key the registrar and the proxy use.</summary>
    public string Key => User + "@" + Domain;

    public override string ToString() => Key;

    public static bool TryParse(string? text, [NotNullWhen(true)] out AccountAddress? address, [NotNullWhen(false)] out string? error)
    {
        address = null;
        var at = text?.LastIndexOf('@') ?? -1;
        if (text is null || at <= 0 || at == text.Length - 1)
        {
            error = $"'{text}' is not an address of the form user@domain";
            return false;
        }
        if (!SipUri.TryParse("sip:" + text, out var uri, out var problem))
        {
            error = $"'{text}' is not a valid SIP address (user@domain): {problem}";
            return false;
        }
        if (uri.User is not { Length: > 0 } user || uri.Password is not null || uri.Port is not null || uri.Parameters.Count > 0 || uri.Headers.Count > 0)
        {
            error = $"'{text}' is not a plain user@domain address (no password, port or parameters)";
            return false;
        }
        address = new AccountAddress(user, uri.Host.ToLowerInvariant());
        error = null;
        return true;
    }
}
