using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Cinema.Edge.Hosting;

/// <summary>Runs a host until SIGTERM or Ctrl-C, also when the signal comes while it is still starting.</summary>
public static class HostRunner
{
    public static async Task RunUntilStoppedAsync(IHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        try
        {
            await host.RunAsync();
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            // A stop asked for during start-up cancels the start (the host logs "Hosting failed to start"): a stop
            // like any other, not a crash. The logger is gone by now, so this goes to stderr.
            await Console.Error.WriteLineAsync("Stopped while starting: a stop was asked for before start-up had finished.");
        }
    }
}
