using System.Diagnostics;
using System.Globalization;
using System.Text;
using Npgsql;

namespace Cinema.Integration.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL server from the Debian packages (/usr/lib/postgresql/&lt;version&gt;/bin, the newest): initdb
/// into a temporary folder, postgres on a free loopback port with its socket in that folder, trust authentication for
/// the superuser "postgres". Disposing stops it and deletes the folder. PostgreSQL refuses to run as root, so under
/// root the server runs as the "postgres" user the Debian package creates (setpriv, which execs: the process we
/// start is the server itself, so signals reach it).
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string Superuser = "postgres";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly string _root;
    private readonly StringBuilder _log = new();

    private PostgresServer(Process process, string root, int port)
    {
        _process = process;
        _root = root;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Connection string of the "cinema" database, created at start.</summary>
    public string ConnectionString => ConnectionStringFor("cinema");

    /// <summary>Why no server can be started here (with what to do about it), or null when one can.</summary>
    public static string? Unavailable { get; } = FindUnavailableReason();

    public static void RequireInstalled() => Assert.SkipWhen(Unavailable is not null, Unavailable ?? "");

    public string ConnectionStringFor(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = Superuser,
        Database = database,
        Timeout = 5,
    }.ConnectionString;

    public static async Task<PostgresServer> StartAsync()
    {
        if (Unavailable is not null) throw new InvalidOperationException(Unavailable);
        var bin = FindBinDirectory()!;
        var root = Directory.CreateTempSubdirectory("cinema-pg-").FullName;
        try
        {
            if (Posix.IsRoot) await RunAsync("chown", [Superuser + ":", root], root);
            var data = Path.Combine(root, "data");
            await RunAsync(Path.Combine(bin, "initdb"),
                ["-D", data, "-U", Superuser, "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"], root, asPostgres: true);
            var port = FreePorts.Next();
            // Durability settings off: this database lives for one test run.
            var process = Process.Start(StartInfo(Path.Combine(bin, "postgres"),
                ["-D", data, "-p", port.ToString(CultureInfo.InvariantCulture), "-k", root,
                 "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off",
                 "-c", "full_page_writes=off"], root, asPostgres: true))
                ?? throw new InvalidOperationException("could not start postgres");
            var server = new PostgresServer(process, root, port);
            process.OutputDataReceived += (_, e) => server.Append(e.Data);
            process.ErrorDataReceived += (_, e) => server.Append(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                await server.WaitReadyAsync();
                await server.CreateDatabaseAsync("cinema");
            }
            catch
            {
                await server.DisposeAsync();
                throw;
            }
            return server;
        }
        catch
        {
            TryDelete(root);
            throw;
        }
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(ConnectionStringFor("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionStringFor(name);
    }

    public async ValueTask DisposeAsync()
    {
        // Pooled connections would hold the server up; a fast shutdown (SIGINT) ends them anyway.
        NpgsqlConnection.ClearAllPools();
        if (!_process.HasExited)
        {
            Posix.Interrupt(_process.Id);
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await _process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        _process.Dispose();
        TryDelete(_root);
    }

    private async Task WaitReadyAsync()
    {
        await using var probe = new NpgsqlConnection(ConnectionStringFor("postgres"));
        var ready = await Deadline.WaitAsync(async () =>
        {
            if (_process.HasExited) return true;
            try
            {
                await probe.OpenAsync();
                await probe.CloseAsync();
                return true;
            }
            catch (NpgsqlException)
            {
                return false;
            }
        }, StartTimeout, TimeSpan.FromMilliseconds(100));
        if (_process.HasExited) throw new InvalidOperationException($"postgres exited with {_process.ExitCode}:\n{Log}");
        if (!ready) throw new TimeoutException($"postgres did not accept connections within {StartTimeout.TotalSeconds} s:\n{Log}");
    }

    private string Log
    {
        get
        {
            lock (_log) return _log.ToString();
        }
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_log)
        {
            if (_log.Length < 200_000) _log.AppendLine(line);
        }
    }

    private static string? FindUnavailableReason()
    {
        if (FindBinDirectory() is null)
            return "PostgreSQL is not installed (apt-get install postgresql; ./test.sh installs it)";
        if (Posix.IsRoot && !UserExists(Superuser))
            return "PostgreSQL refuses to run as root and there is no postgres user to run it as (apt-get install postgresql creates one)";
        return null;
    }

    private static string? FindBinDirectory()
    {
        const string installs = "/usr/lib/postgresql";
        if (!Directory.Exists(installs)) return null;
        return Directory.GetDirectories(installs)
            .Select(dir => (dir, version: ParseVersion(Path.GetFileName(dir))))
            .Where(v => v.version is not null
                        && File.Exists(Path.Combine(v.dir, "bin", "postgres"))
                        && File.Exists(Path.Combine(v.dir, "bin", "initdb")))
            .OrderByDescending(v => v.version)
            .Select(v => Path.Combine(v.dir, "bin"))
            .FirstOrDefault();
    }

    // Debian names the folders "15", "16", or "9.6" for old releases.
    private static Version? ParseVersion(string name) =>
        Version.TryParse(name.Contains('.', StringComparison.Ordinal) ? name : name + ".0", out var v) ? v : null;

    private static bool UserExists(string user) =>
        File.ReadLines("/etc/passwd").Any(line => line.StartsWith(user + ":", StringComparison.Ordinal));

    private static ProcessStartInfo StartInfo(string program, string[] args, string workingDirectory, bool asPostgres = false)
    {
        var info = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // The server user may not be allowed into the test's own working directory.
            WorkingDirectory = workingDirectory,
        };
        info.Environment["LC_ALL"] = "C";
        if (asPostgres && Posix.IsRoot)
        {
            info.FileName = "setpriv";
            foreach (var a in (string[])[$"--reuid={Superuser}", $"--regid={Superuser}", "--init-groups", "--", program]) info.ArgumentList.Add(a);
        }
        else
        {
            info.FileName = program;
        }
        foreach (var a in args) info.ArgumentList.Add(a);
        return info;
    }

    private static async Task RunAsync(string program, string[] args, string workingDirectory, bool asPostgres = false)
    {
        using var process = Process.Start(StartInfo(program, args, workingDirectory, asPostgres))
            ?? throw new InvalidOperationException("could not start " + program);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(program)} did not finish within 60 s");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(program)} exited with {process.ExitCode}:\n{await stdout}{await stderr}");
    }

    private static void TryDelete(string dir)
    {
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp cleaner.
        }
        catch (UnauthorizedAccessException)
        {
            // Left for the temp cleaner.
        }
    }
}
