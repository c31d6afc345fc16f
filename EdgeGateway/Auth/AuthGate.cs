using System.Text;
using Cinema.Edge.Sip;
using Cinema.Grains;
using Cinema.Sip.Auth;
using Cinema.Sip.Messages;
using Cinema.Sip.Transactions;
using Microsoft.Extensions.Logging;

namespace Cinema.Edge.Auth;

/// <summary>
/// Digest authentication of requests (RFC 3261 §22, RFC 7616, RFC 8760): REGISTER is challenged with 401, other
/// requests with 407; SHA-256 is offered first and MD5 for older phones. An unknown user, a wrong password and a
/// disabled account all get the same fresh challenge after the same work (no user enumeration), and failures
/// slow answers down and then block the source (<see cref="BruteForceGuard"/>).
/// </summary>
internal sealed partial class AuthGate(IGrainFactory grains, DigestServer digest, BruteForceGuard guard, LocalIdentity identity, TimeProvider time, ILogger<AuthGate> logger)
{
    /// <summary>
    /// Checks the request's credentials for <paramref name="identity"/> (the To of a REGISTER, the From of other
    /// requests). True when the request may proceed; otherwise it has been answered.
    /// </summary>
    public async Task<bool> AuthorizeAsync(ServerTransaction tx, bool registrar, SipUri claimed)
    {
        var request = tx.Request;
        var realm = claimed.Host.ToLowerInvariant();
        var source = tx.Message.Source.Address.Address;
        var header = FindCredentials(registrar ? request.Authorization : request.ProxyAuthorization, realm);
        if (header is null)
        {
            // §22.1: a first request carries no credentials; this is no failure.
            Challenge(tx, registrar, realm, stale: false);
            return false;
        }

        if (!DigestCredentials.TryCreate(header.Scheme, header.Parameters.Select(p => KeyValuePair.Create(p.Name, p.Value)), out var credentials, out _))
        {
            await FailAsync(tx, registrar, realm, source, user: null);
            return false;
        }
        var user = UserOf(credentials.Username, realm);
        if (guard.IsBlocked(source, user))
        {
            // Refused without looking at the password, after the same delay a failure gets.
            await Task.Delay(guard.DelayFor(source, user), time);
            Challenge(tx, registrar, realm, stale: false);
            return false;
        }

        var account = grains.ByKey<IAccountGrain>(user);
        var ha1 = await GrainCalls.RetryAsync(() => account.GetDigestHa1(realm, credentials.Algorithm.BaseAlgorithm.Name), time);
        var requestUri = DigestUri(credentials.Uri, Encoding.UTF8.GetString(request.RawRequestUri.Span));
        switch (digest.Verify(credentials, realm, request.Method, requestUri, request.Body.Span, ha1))
        {
            case DigestVerificationResult.Ok:
                guard.Succeeded(source, user);
                if (user != claimed.AddressOfRecord)
                {
                    // The credentials are good, but for someone else: no third-party registration, no forged From.
                    LogMismatch(logger, user, claimed.AddressOfRecord, source);
                    tx.SendResponse(tx.CreateResponse(403, "Authenticated identity does not match").WithToTag(Tags.New()));
                    return false;
                }
                return true;
            case DigestVerificationResult.StaleNonce:
                // RFC 7616 §3.3: the password was right, the nonce old: ask again with stale=true.
                Challenge(tx, registrar, realm, stale: true);
                return false;
            default:
                await FailAsync(tx, registrar, realm, source, user);
                return false;
        }
    }

    private async Task FailAsync(ServerTransaction tx, bool registrar, string realm, System.Net.IPAddress source, string? user)
    {
        guard.Failed(source, user);
        LogFailed(logger, source, user ?? "-", tx.Request.Method);
        var delay = guard.DelayFor(source, user);
        if (delay > TimeSpan.Zero) await Task.Delay(delay, time);
        Challenge(tx, registrar, realm, stale: false);
    }

    private void Challenge(ServerTransaction tx, bool registrar, string realm, bool stale)
    {
        var response = registrar ? tx.CreateResponse(401, "Unauthorized") : tx.CreateResponse(407, "Proxy Authentication Required");
        response.WithToTag(Tags.New());
        var kind = registrar ? HeaderKind.WwwAuthenticate : HeaderKind.ProxyAuthenticate;
        foreach (var challenge in digest.CreateChallenges(realm, stale)) response.AddHeader(kind, challenge.ToHeaderValue());
        tx.SendResponse(response);
    }

    /// <summary>
    /// The uri the response must have been computed over: the Request-URI (RFC 3261 §22.4), or this server's own
    /// address, which some clients use when they send to a proxy (SIPp does). Anything else fails the check.
    /// </summary>
    private string DigestUri(string claimedUri, string requestUri) =>
        claimedUri != requestUri && SipUri.TryParse(claimedUri, out var uri, out _) && identity.IsUs(uri) ? claimedUri : requestUri;

    private static AuthHeaderValue? FindCredentials(IReadOnlyList<AuthHeaderValue> headers, string realm)
    {
        foreach (var h in headers)
        {
            if (h.IsDigest && string.Equals(h.Parameters["realm"], realm, StringComparison.OrdinalIgnoreCase)) return h;
        }
        return null;
    }

    /// <summary>A username is the user part (the realm is the domain), or a whole address.</summary>
    private static string UserOf(string username, string realm)
    {
        var at = username.LastIndexOf('@');
        return at < 0 ? username + "@" + realm : username[..at] + "@" + username[(at + 1)..].ToLowerInvariant();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Authentication failed: source={Source} user={User} method={Method}")]
    private static partial void LogFailed(ILogger logger, System.Net.IPAddress source, string user, string method);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Authenticated as {User} but asked for {Identity} from {Source}: refused")]
    private static partial void LogMismatch(ILogger logger, string user, string identity, System.Net.IPAddress source);
}
