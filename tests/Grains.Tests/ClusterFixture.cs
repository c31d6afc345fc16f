using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Cinema.Grains.Tests;

/// <summary>One in-process silo with memory storage under the name the grains use, shared by the tests of a collection.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public async ValueTask InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(StorageNames.Default);
            silo.Services.Configure<RegistrarOptions>(o =>
            {
                o.MinExpires = 1;
                o.MaxExpires = 7200;
                o.DefaultExpires = 3600;
                o.MaxBindings = 5;
            });
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
