using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Cinema.Integration.Tests.Infrastructure;

/// <summary>
/// A real phone: baresip (Debian package baresip), headless, in its own folder. It registers through the
/// server, sends a sine tone as its microphone, answers calls by itself, and records what it hears to
/// *-dec.wav files. Every phone stops after its lifetime at the latest.
/// </summary>
public sealed partial class BaresipPhone : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private BaresipPhone(Process process, string folder, string aor)
    {
        _process = process;
        Folder = folder;
        Aor = aor;
    }

    public string Folder { get; }

    public string Aor { get; }

    public string Log
    {
        get
        {
            lock (_log) return _log.ToString();
        }
    }

    public static bool IsInstalled => Sipp.Which("baresip") is not null;

    public static void RequireInstalled() =>
        Assert.SkipUnless(IsInstalled, "baresip is not installed (apt-get install baresip; the README's test command installs it)");

    /// <param name="folder">A folder of this phone's own.</param>
    /// <param name="aor">user@domain to register.</param>
    /// <param name="proxy">host:port of the server.</param>
    /// <param name="sipPort">Local SIP port (baresip also binds the next one).</param>
    /// <param name="toneHz">The tone this phone sends.</param>
    /// <param name="lifetime">The phone exits after this long.</param>
    /// <param name="password">Digest password, or null.</param>
    /// <param name="commands">baresip commands to run at start (e.g. "/dial sip:bob@example.com").</param>
    public static BaresipPhone Start(string folder, string aor, string proxy, int sipPort, double toneHz, TimeSpan lifetime,
        string? password = null, string transport = "udp", params string[] commands)
    {
        Directory.CreateDirectory(folder);
        foreach (var old in Directory.GetFiles(folder, "*.wav")) File.Delete(old);
        var tone = Path.Combine(folder, "tone.wav");
        Wav.WriteTone(tone, toneHz, lifetime + TimeSpan.FromSeconds(2));
        var rtp = 20000 + (sipPort % 1000 * 10);
        File.WriteAllText(Path.Combine(folder, "config"), string.Join('\n',
            "poll_method epoll",
            $"sip_listen 127.0.0.1:{sipPort}",
            "net_interface 127.0.0.1",
            "audio_player aufile,/dev/null",
            $"audio_source aufile,{tone}",
            "audio_alert aufile,/dev/null",
            "module_path /usr/lib/baresip/modules",
            "module g711.so",
            "module aufile.so",
            "module sndfile.so",
            $"snd_path {folder}",
            "module_app account.so",
            "module_app menu.so",
            $"rtp_ports {rtp}-{rtp + 9}",
            ""));
        var auth = password is null ? "" : ";auth_pass=" + password;
        File.WriteAllText(Path.Combine(folder, "accounts"),
            $"<sip:{aor};transport={transport}>;outbound=\"sip:{proxy};transport={transport}\";regint=600;answermode=auto{auth}\n");
        var info = new ProcessStartInfo("timeout") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var a in (string[])[((int)lifetime.TotalSeconds).ToString(CultureInfo.InvariantCulture), "baresip", "-f", folder]) info.ArgumentList.Add(a);
        foreach (var c in commands)
        {
            info.ArgumentList.Add("-e");
            info.ArgumentList.Add(c);
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start baresip");
        var phone = new BaresipPhone(process, folder, aor);
        process.OutputDataReceived += (_, e) => phone.Append(e.Data);
        process.ErrorDataReceived += (_, e) => phone.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return phone;
    }

    /// <summary>Waits until the phone's output contains <paramref name="text"/>.</summary>
    public Task<bool> WaitForAsync(string text, TimeSpan timeout) =>
        Deadline.WaitAsync(() => Log.Contains(text, StringComparison.OrdinalIgnoreCase), timeout);

    public Task<bool> WaitForExitAsync(TimeSpan timeout) => Deadline.WaitAsync(() => _process.HasExited, timeout);

    /// <summary>The recordings of what this phone heard.</summary>
    public IReadOnlyList<string> Recordings => Directory.GetFiles(Folder, "*-dec.wav");

    private void Append(string? line)
    {
        if (line is null) return;
        // baresip colours its output; escape codes in a failure message would make the test results file invalid XML.
        line = AnsiEscape().Replace(line, "");
        line = string.Concat(line.Where(c => c == '\t' || !char.IsControl(c)));
        lock (_log) _log.AppendLine(line);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\x1b\[[0-9;?]*[A-Za-z]")]
    private static partial System.Text.RegularExpressions.Regex AnsiEscape();

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
