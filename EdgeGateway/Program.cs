using Cinema.Edge.Configuration;
using Cinema.Edge.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// A stand-alone edge gateway: an Orleans client of the cluster that serves SIP on its own listeners, with the
// same Cinema:Sip, Cinema:Domains and Cinema:Auth settings as the embedded server.
var builder = Host.CreateApplicationBuilder(args);
EdgeSettings settings;
try
{
    settings = EdgeSettings.Read(builder.Configuration);
    builder.UseOrleansClient(client => ClusterConnection.Configure(client, builder.Configuration));
}
catch (ConfigurationException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    return 2;
}
CinemaLogging.Add(builder);
builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(8));
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddCinemaEdge(settings);
await HostRunner.RunUntilStoppedAsync(builder.Build());
return 0;
