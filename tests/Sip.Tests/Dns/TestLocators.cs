using Cinema.Sip.Dns;

using Cinema.Tests.Dns;

namespace Cinema.Sip.Tests.Dns;

internal static class TestLocators
{
    /// <summary>A locator that asks only <paramref name="dns"/>, with short timeouts so failure tests stay fast.</summary>
    public static SipServerLocator For(LoopbackDnsServer dns, Random? random = null, Action<SipServerLocatorOptions>? configure = null)
    {
        var options = new SipServerLocatorOptions
        {
            QueryTimeout = TimeSpan.FromMilliseconds(300),
            QueryRetries = 0,
            ResolutionTimeout = TimeSpan.FromSeconds(5),
        };
        options.NameServers.Add(dns.EndPoint);
        configure?.Invoke(options);
        return new SipServerLocator(options, random ?? new ScriptedRandom());
    }

    public static Task<SipServerLocation> LocateAsync(this SipServerLocator locator, string host, int? port = null, string? transport = null, bool secure = false) =>
        locator.LocateAsync(SipTarget.Create(host, port, transport, secure), TestContext.Current.CancellationToken);

    /// <summary>Endpoints as "TRANSPORT address:port" strings, for compact assertions.</summary>
    public static string[] Describe(this SipServerLocation location) =>
        [.. location.Endpoints.Select(e => $"{e.Transport.ToString().ToUpperInvariant()} {e.EndPoint}")];
}
