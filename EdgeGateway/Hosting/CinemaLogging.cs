using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serilog;
using Serilog.Events;

namespace Cinema.Edge.Hosting;

/// <summary>
/// The console logging every Cinema process uses (Serilog): information and up by default, the chatty framework
/// categories at warning, and everything overridable from the Serilog configuration section
/// (--Serilog:MinimumLevel:Default=Debug logs one line per SIP request).
/// </summary>
public static class CinemaLogging
{
    public static void Add(IHostApplicationBuilder builder) =>
        builder.Services.AddSerilog((_, logging) => logging
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("Orleans", LogEventLevel.Warning)
            .MinimumLevel.Override("Polly", LogEventLevel.Warning)
            .MinimumLevel.Override("Orleans.Runtime.Watchdog", LogEventLevel.Error)
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            .WriteTo.Console(outputTemplate: "{Timestamp:HH:mm:ss.fff} {Level:u3} {SourceContext}: {Message:lj}{NewLine}{Exception}"));
}
