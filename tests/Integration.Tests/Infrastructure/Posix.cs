using System.Runtime.InteropServices;

namespace Cinema.Integration.Tests.Infrastructure;

/// <summary>Signals for child processes (Process.Kill only sends SIGKILL).</summary>
internal static partial class Posix
{
    private const int SigTerm = 15;

    public static void Terminate(int pid)
    {
        if (Kill(pid, SigTerm) != 0) throw new InvalidOperationException($"kill({pid}, SIGTERM) failed: {Marshal.GetLastPInvokeError()}");
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
