using Cinema.Integration.Tests.Infrastructure;

namespace Cinema.Integration.Tests.Abuse;

/// <summary>
/// What SIPVicious learns from the server: svwar must find no extension and svcrack no password. The server
/// offers MD5 first here because these tools know nothing else (with SHA-256 first they cannot even try).
/// </summary>
public class ScannerTests
{
    private const string Domain = "127.0.0.1";

    [Fact]
    public async Task Svwar_finds_none_of_the_real_extensions()
    {
        SipVicious.RequireInstalled();
        await using var server = await StartAsync();
        foreach (var method in (string[])["REGISTER", "INVITE", "OPTIONS"])
        {
            var scan = await SipVicious.WarAsync(server, "990-1010", method);
            var text = scan.Output + scan.Error;
            Assert.Contains("found nothing", text, StringComparison.Ordinal);
            Assert.DoesNotContain("| 1000", text, StringComparison.Ordinal);
            Assert.DoesNotContain("| 1001", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Svcrack_does_not_find_a_password_that_is_last_of_fifty()
    {
        SipVicious.RequireInstalled();
        await using var server = await StartAsync();
        var words = WordList(server.DataDir, correctLast: true);
        var crack = await SipVicious.CrackAsync(server, "1000", words);
        Assert.DoesNotContain("pw-1000-right", crack.Output + crack.Error, StringComparison.Ordinal);
        Assert.Contains("found nothing", crack.Output + crack.Error, StringComparison.Ordinal);
        Assert.Contains("Authentication blocked: source=127.0.0.1", server.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_throttle_svcrack_does_find_it()
    {
        // The control for the test above: the same attack succeeds when nothing slows it down.
        SipVicious.RequireInstalled();
        await using var server = await StartAsync("--Cinema:Auth:Throttle:SourceFailures=100000", "--Cinema:Auth:Throttle:UserFailures=100000");
        var crack = await SipVicious.CrackAsync(server, "1000", WordList(server.DataDir, correctLast: true));
        Assert.Contains("pw-1000-right", crack.Output + crack.Error, StringComparison.Ordinal);
    }

    private static async Task<ServerProcess> StartAsync(params string[] extra)
    {
        var server = ServerProcess.InTempFolder(Domain, ["--Cinema:Auth:Algorithms=MD5,SHA-256", .. extra]);
        await server.StartAsync();
        await server.AddUserAsync("1000@" + Domain, "pw-1000-right");
        await server.AddUserAsync("1001@" + Domain, "pw-1001-right");
        return server;
    }

    private static string WordList(string folder, bool correctLast)
    {
        var path = Path.Combine(folder, "words.txt");
        var words = Enumerable.Range(1, 49).Select(i => $"guess{i}").ToList();
        if (correctLast) words.Add("pw-1000-right");
        File.WriteAllLines(path, words);
        return path;
    }
}
