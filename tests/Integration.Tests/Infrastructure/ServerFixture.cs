namespace Cinema.Integration.Tests.Infrastructure;

/// <summary>One running server (embedded default, domain example.com) shared by the tests of a collection.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("cinema-it-").FullName;

    public ServerProcess Server { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        // example.net and example.org are served too, so that the RFC 4475 messages addressed there end here.
        // Authentication is off: this is the open test setup the proxy must also work in (auth has its own tests).
        Server = new ServerProcess(_dataDir, "example.com", "--Cinema:Redirect:Domains:0=redirect.example.com", "--Cinema:Domains:1=redirect.example.com",
            "--Cinema:Domains:2=example.net", "--Cinema:Domains:3=example.org", "--Cinema:Auth:Required=false",
            // SIPp load comes from one address, like a trunk: the per-source limit would only measure itself.
            "--Cinema:Limits:PerSourceRequestsPerSecond=0");
        await Server.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp cleaner.
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ServerCollection : ICollectionFixture<ServerFixture>
{
    public const string Name = "server";
}
