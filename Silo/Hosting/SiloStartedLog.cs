using Microsoft.Extensions.Hosting;

namespace Cinema.Silo.Hosting;

/// <summary>
/// Says once that the silo is up. Registered after Orleans, so it runs once the silo has joined its cluster; the
/// line is what scripts and tests wait for.
/// </summary>
internal sealed partial class SiloStartedLog(SiloSettings settings, ILogger<SiloStartedLog> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogStarted(logger, settings.ClusterPostgres is null ? "embedded" : "cluster", settings.SiloPort, settings.GatewayPort);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo started ({Mode} mode, silo port {SiloPort}, gateway port {GatewayPort})")]
    private static partial void LogStarted(ILogger logger, string mode, int siloPort, int gatewayPort);
}
