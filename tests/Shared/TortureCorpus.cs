namespace Cinema.Tests.Corpus;

/// <summary>
/// Finds the RFC 4475 / RFC 5118 torture messages. They are not part of this repository: set CINEMA_TORTURE_DIR,
/// or keep them in ../shared/torture beside the repository root. Tests that need them skip, saying so, when absent.
/// </summary>
public static class TortureCorpus
{
    public const string EnvironmentVariable = "CINEMA_TORTURE_DIR";

    public static string? Directory { get; } = Find();

    private static string? Find()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(configured)) return System.IO.Directory.Exists(configured) ? configured : null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Cinema.sln")))
            {
                var candidate = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "torture"));
                return System.IO.Directory.Exists(candidate) ? candidate : null;
            }
        }
        return null;
    }

    /// <summary>The bytes of one message, e.g. Read("rfc4475", "wsinv.dat"); skips the test when the corpus is absent.</summary>
    public static byte[] Read(string set, string file)
    {
        Assert.SkipWhen(Directory is null,
            $"The RFC torture corpus is not available: set {EnvironmentVariable} or place it at ../shared/torture beside the repository.");
        var path = Path.Combine(Directory!, set, file);
        Assert.True(File.Exists(path), $"torture file {set}/{file} is missing from {Directory}");
        return File.ReadAllBytes(path);
    }

    public static IEnumerable<string> Files(string set) =>
        Directory is null
            ? []
            : System.IO.Directory.GetFiles(Path.Combine(Directory, set))
                .Select(Path.GetFileName)
                .Where(f => f is not null && !f.EndsWith(".md", StringComparison.Ordinal) && f != "SHA256SUMS")
                .Select(f => f!);
}
