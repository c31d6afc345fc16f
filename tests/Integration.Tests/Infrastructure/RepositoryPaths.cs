namespace Cinema.Integration.Tests.Infrastructure;

/// <summary>Where the repository and the built server are, found from the test assembly's location.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Debug or Release, as this test assembly was built.</summary>
    public static string Configuration { get; } = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;

    public static string SiloDll => Path.Combine(Root, "Silo", "bin", Configuration, "net10.0", "Cinema.Silo.dll");

    public static string EdgeGatewayDll => Path.Combine(Root, "EdgeGateway", "bin", Configuration, "net10.0", "Cinema.EdgeGateway.dll");

    public static string Scenario(string name) => Path.Combine(AppContext.BaseDirectory, "Scenarios", name);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Cinema.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Cinema.sln not found above " + AppContext.BaseDirectory);
    }
}
