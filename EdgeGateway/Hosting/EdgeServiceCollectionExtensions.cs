using Cinema.Edge.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cinema.Edge.Hosting;

public static class EdgeServiceCollectionExtensions
{
    /// <summary>Adds the SIP edge (listeners, transactions, registrar front, proxy) as a hosted service, and the memory settler.</summary>
    public static IServiceCollection AddCinemaEdge(this IServiceCollection services, EdgeSettings settings)
    {
        services.AddSingleton(settings);
        services.AddHostedService(sp => new MemorySettler(settings.MemorySettleAfterQuiet, sp.GetRequiredService<ILogger<MemorySettler>>()));
        if (!settings.ServesSip) return services;
        services.AddSingleton<EdgeService>();
        services.AddHostedService(sp => sp.GetRequiredService<EdgeService>());
        return services;
    }
}
