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
            GatewayPort = ConfigReader.Number(config, "Cinema:Orleans:GatewayPort", 30000, 1, 65535),
        };
    }
}
