using System.Net;
using System.Net.Sockets;
using Cinema.Silo.Cli;
using Cinema.Silo.Hosting;

namespace Cinema.Silo.Tests.Cli;

/// <summary>The command goes through a running server when one listens on the gateway port, else through a temporary silo.</summary>
public class GrainConnectionTests
{
    private static SiloSettings Settings(int gatewayPort) => new()
    {
        DataDir = "data",
        HttpPort = 0,
        HttpAddress = IPAddress.Loopback,
        HttpUser = "admin",
        SiloPort = 11111,
        GatewayPort = gatewayPort,
    };

    [Fact]
    public async Task Something_listening_on_the_gateway_port_is_taken_for_the_running_server()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        Assert.Equal(GrainAccess.RunningServer, await GrainConnection.ChooseAsync(Settings(port), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Nothing_listening_on_the_gateway_port_means_a_temporary_silo()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        Assert.Equal(GrainAccess.TemporarySilo, await GrainConnection.ChooseAsync(Settings(port), TestContext.Current.CancellationToken));
    }
}
