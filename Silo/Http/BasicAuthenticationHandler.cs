using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Cinema.Silo.Http;

/// <summary>HTTP Basic login for the operator pages (one account from configuration); compared in constant time.</summary>
public sealed class BasicAuthenticationHandler(
    IOptionsMonitor<BasicAuthenticationOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<BasicAuthenticationOptions>(options, logger, encoder)
{
    public const string SchemeName = "Basic";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return Task.FromResult(AuthenticateResult.NoResult());
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
        }
        catch (FormatException)
        {
            return Task.FromResult(AuthenticateResult.Fail("malformed Basic credentials"));
        }
        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0) return Task.FromResult(AuthenticateResult.Fail("malformed Basic credentials"));
        var ok = Same(decoded[..colon], Options.User) & Same(decoded[(colon + 1)..], Options.Password);
        if (!ok) return Task.FromResult(AuthenticateResult.Fail("wrong user or password"));
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, Options.User)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Basic realm=\"Cinema\", charset=\"UTF-8\"";
        Response.StatusCode = 401;
        return Task.CompletedTask;
    }

    private static bool Same(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(a)), SHA256.HashData(Encoding.UTF8.GetBytes(b)));
}

public sealed class BasicAuthenticationOptions : AuthenticationSchemeOptions
{
    public string User { get; set; } = "admin";

    public string Password { get; set; } = "";
}
