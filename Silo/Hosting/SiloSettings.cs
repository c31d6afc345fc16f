using System.Net;
using Cinema.Edge.Configuration;
using Microsoft.Extensions.Configuration;

namespace Cinema.Silo.Hosting;

/// <summary>The silo's own settings (the SIP side is read by the edge gateway from the same configuration).</summary>
public sealed record SiloSettings
{
    /// <summary>Cinema:DataDir: where the embedded database and generated secrets live.</summary>
    public required string DataDir { get; init; }

    /// <summary>Cinema:Http:Port (0 turns the HTTP side off) and Cinema:Http:Address (loopback unless configured).</summary>
    public required int HttpPort { get; init; }

    public required IPAddress HttpAddress { get; init; }

    /// <summary>Cinema:Http:User / Cinema:Http:Password: the dashboard login. Without a password one is generated into the data folder.</summary>
    public required string HttpUser { get; init; }

    public string? HttpPassword { get; init; }

    /// <summary>Cinema:Orleans:SiloPort and Cinema:Orleans:GatewayPort (silo-to-silo and client-to-silo).</summary>
    public required int SiloPort { get; init; }

    public required int GatewayPort { get; init; }

    /// <summary>Cinema:Cluster:Postgres: a Npgsql connection string that switches the silo to cluster mode.</summary>
    public string? ClusterPostgres { get; init; }

    /// <summary>
    /// Cinema:Orleans:AdvertisedAddress: the address other silos and gateways use to reach this silo in cluster
    /// mode (this host's address on a multi-host cluster; loopback for a cluster on one machine).
    /// </summary>
    public IPAddress AdvertisedAddress { get; init; } = IPAddress.Loopback;

    /// <summary>
    /// Cinema:Orleans:ProbeSeconds and Cinema:Orleans:MissedProbes: how fast a dead silo is declared dead. Orleans'
    /// defaults (5 s, 3) take 10 to 25 s; telephony wants a few seconds (see docs/failover.md).
    /// </summary>
    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromSeconds(1);

    public int MissedProbes { get; init; } = 3;

    /// <summary>
    /// Cinema:Orleans:DirectoryCacheSize: grain locations a silo remembers. Orleans keeps one for every grain
    /// activated here, active or long gone, up to a million by default (about 250 bytes each): every registered
    /// user and every call would leave one behind. The most recently used ones are what saves a look-up.
    /// </summary>
    public int DirectoryCacheSize { get; init; } = 20_000;

    public static SiloSettings Read(IConfiguration config)
    {
        var address = ConfigReader.Text(config, "Cinema:Http:Address") ?? "127.0.0.1";
        if (!IPAddress.TryParse(address, out var httpAddress))
            throw new ConfigurationException("Cinema:Http:Address", address, "expected an IP address such as 127.0.0.1 or 0.0.0.0");
        return new SiloSettings
        {
            DataDir = ConfigReader.Text(config, "Cinema:DataDir") ?? "data",
            HttpPort = ConfigReader.Number(config, "Cinema:Http:Port", 8080, 0, 65535),
            HttpAddress = httpAddress,
            HttpUser = ConfigReader.Text(config, "Cinema:Http:User") ?? "admin",
            HttpPassword = ConfigReader.Text(config, "Cinema:Http:Password"),
            SiloPort = ConfigReader.Number(config, "Cinema:Orleans:SiloPort", 11111, 1, 65535),
            GatewayPort = ConfigReader.Number(config, "Cinema:Orleans:GatewayPort", 30000, 0, 65535),
            ClusterPostgres = ConfigReader.Text(config, "Cinema:Cluster:Postgres"),
            AdvertisedAddress = AdvertisedAddressOf(config),
            ProbeTimeout = ConfigReader.Seconds(config, "Cinema:Orleans:ProbeSeconds", TimeSpan.FromSeconds(1), 0.2, 60),
            MissedProbes = ConfigReader.Number(config, "Cinema:Orleans:MissedProbes", 3, 1, 20),
            DirectoryCacheSize = ConfigReader.Number(config, "Cinema:Orleans:DirectoryCacheSize", 20_000, 0, 10_000_000),
        };
    }

    private static IPAddress AdvertisedAddressOf(IConfiguration config)
    {
        var text = ConfigReader.Text(config, "Cinema:Orleans:AdvertisedAddress");
        if (text is null) return IPAddress.Loopback;
        return IPAddress.TryParse(text, out var address) && !address.Equals(IPAddress.Any) && !address.Equals(IPAddress.IPv6Any)
            ? address
            : throw new ConfigurationException("Cinema:Orleans:AdvertisedAddress", text, "expected this host's IP address as other silos reach it");
    }
}
