using Cinema.Edge.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Cinema.Edge.Hosting;

public static class EdgeServiceCollectionExtensions
{
    /// <summary>Adds the SIP edge (listeners, transactions, registrar front, proxy) as a hosted service.</summary>
    public static IServiceCollection AddCinemaEdge(this IServiceCollection services, EdgeSettings settings)
    {
        services.AddSingleton(settings);
        if (!settings.ServesSip) return services;
        services.AddSingleton<EdgeService>();
        services.AddHostedService(sp => sp.GetRequiredService<EdgeService>());
        return services;
    }
}
