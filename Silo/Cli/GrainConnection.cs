using System.Net;
using System.Net.Sockets;
using Cinema.Grains;
using Cinema.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Cinema.Edge.Hosting;

namespace Cinema.Silo.Cli;

/// <summary>
/// The grains of this configuration's data, for one command: through the running server when there is one, else
/// through a temporary silo of its own. Disposing stops whatever was started.
/// </summary>
public sealed class GrainConnection : IAsyncDisposable
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A server on this machine answers in well under a second and a temporary silo starts in one or two; without a
    /// limit the Orleans client keeps retrying for minutes against a port held by something else.
    /// </summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);

    private readonly IHost _host;

    private GrainConnection(IHost host, GrainAccess access)
    {
        _host = host;
        Access = access;
        Grains = host.Services.GetRequiredService<IGrainFactory>();
    }

    public GrainAccess Access { get; }

    public IGrainFactory Grains { get; }

    /// <summary>
    /// The one place that picks how to connect. Only the embedded default exists so far; cluster mode (PostgreSQL
    /// membership) will be chosen here from configuration and will join as a client through the membership table.
    /// </summary>
    public static async Task<GrainAccess> ChooseAsync(SiloSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        // A cluster is always reached as a client, through its membership table: its data is in PostgreSQL and must
        // only be touched by its own silos.
        if (settings.ClusterPostgres is not null) return GrainAccess.RunningServer;
        return await IsListeningAsync(settings.GatewayPort, cancellationToken) ? GrainAccess.RunningServer : GrainAccess.TemporarySilo;
    }

    /// <summary>Builds and starts the host on <paramref name="builder"/> (which already holds the configuration).</summary>
    public static async Task<GrainConnection> OpenAsync(HostApplicationBuilder builder, SiloSettings settings, GrainAccess access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = StopTimeout);
        if (access == GrainAccess.RunningServer)
        {
            // The same way a stand-alone gateway connects (TLS and cluster membership included).
            builder.UseOrleansClient(client => ClusterConnection.Configure(client, builder.Configuration));
        }
        else
        {
            var registrar = RegistrarSettings.Read(builder.Configuration);
            // A free silo port and no gateway: nothing else is to join or reach this silo, and a server started
            // meanwhile must not find its own ports taken.
            var temporary = settings with { SiloPort = FreeLoopbackPort(), GatewayPort = 0 };
            builder.UseOrleans(silo => SiloConfiguration.Apply(silo, temporary, registrar));
        }
        var host = builder.Build();
        using var start = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        start.CancelAfter(StartTimeout);
        try
        {
            await host.StartAsync(start.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            host.Dispose();
            throw new TimeoutException($"not started within {StartTimeout.TotalSeconds:0} seconds");
        }
        catch
        {
            host.Dispose();
            throw;
        }
        return new GrainConnection(host, access);
    }

    private static async Task<bool> IsListeningAsync(int port, CancellationToken cancellationToken)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), timeout.Token);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static int FreeLoopbackPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var stop = new CancellationTokenSource(StopTimeout);
            await _host.StopAsync(stop.Token);
        }
        finally
        {
            _host.Dispose();
        }
    }
}
