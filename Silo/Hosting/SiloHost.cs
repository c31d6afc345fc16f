using Cinema.Edge.Configuration;
using Cinema.Edge.Hosting;
using Cinema.Silo.Http;
using Cinema.Silo.Storage;
using Microsoft.AspNetCore.Authentication;
using Orleans.Dashboard;
using Serilog;

namespace Cinema.Silo.Hosting;

/// <summary>
/// A silo: by default the embedded one (localhost clustering, SQLite grain storage in the data folder), or one of
/// a cluster on PostgreSQL (Cinema:Cluster:Postgres); with the edge gateway in the same process unless
/// Cinema:Sip:Listen is "none", and (unless Cinema:Http:Port is 0) the dashboard behind a login on loopback.
/// </summary>
public static class SiloHost
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory };
        var builder = WebApplication.CreateBuilder(options);
        SiloSettings settings;
        try
        {
            settings = SiloSettings.Read(builder.Configuration);
            ConfigureServices(builder, settings);
        }
        catch (ConfigurationException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }
        // Cluster mode needs our schema in PostgreSQL: say how to make it rather than fail somewhere in Orleans.
        if (settings.ClusterPostgres is { } postgres && await PostgresSchema.CheckAsync(postgres, CancellationToken.None) is { } problem)
        {
            await Console.Error.WriteLineAsync("Cluster storage: " + problem);
            return 2;
        }

        if (settings.HttpPort > 0)
        {
            var password = AdminPassword.Resolve(settings.HttpPassword, settings.DataDir, out var generatedFile);
            builder.WebHost.UseUrls($"http://{FormatHost(settings.HttpAddress)}:{settings.HttpPort}");
            builder.Services.AddAuthentication(BasicAuthenticationHandler.SchemeName)
                .AddScheme<BasicAuthenticationOptions, BasicAuthenticationHandler>(BasicAuthenticationHandler.SchemeName, o =>
                {
                    o.User = settings.HttpUser;
                    o.Password = password;
                });
            builder.Services.AddAuthorization();
            var app = builder.Build();
            app.UseAuthentication();
            app.UseAuthorization();
            app.MapGet("/", () => Results.Redirect("/dashboard/"));
            app.MapOrleansDashboard("/dashboard").RequireAuthorization();
            app.Lifetime.ApplicationStarted.Register(() => Log.Information(
                "Dashboard at http://{Address}:{Port}/dashboard/ (user {User}{PasswordNote})",
                settings.HttpAddress, settings.HttpPort, settings.HttpUser,
                generatedFile is null ? "" : ", password in " + Path.GetFullPath(generatedFile)));
            await HostRunner.RunUntilStoppedAsync(app);
        }
        else
        {
            // No HTTP side at all: a plain host, so that no web server listens.
            var host = Host.CreateApplicationBuilder(args);
            ConfigureServices(host, settings);
            await HostRunner.RunUntilStoppedAsync(host.Build());
        }
        return 0;
    }

    private static void ConfigureServices(IHostApplicationBuilder builder, SiloSettings settings)
    {
        var config = builder.Configuration;
        var registrar = RegistrarSettings.Read(config);
        var edge = EdgeSettings.Read(config);
        var orleansTls = OrleansTlsSettings.Read(config);
        CinemaLogging.Add(builder);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(8));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.UseOrleans(silo =>
        {
            SiloConfiguration.Apply(silo, settings, registrar);
            if (settings.HttpPort > 0) silo.AddDashboard();
            if (orleansTls is not null) silo.UseTls(orleansTls.Certificate, orleansTls.Configure);
        });
        builder.Services.AddSingleton(settings);
        builder.Services.AddHostedService<SiloStartedLog>();
        builder.Services.AddCinemaEdge(edge);
    }

    private static string FormatHost(System.Net.IPAddress address) =>
        address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
}
