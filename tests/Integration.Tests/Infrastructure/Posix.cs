using System.Runtime.InteropServices;

namespace Cinema.Integration.Tests.Infrastructure;

/// <summary>Signals for child processes (Process.Kill only sends SIGKILL), and who we run as.</summary>
internal static partial class Posix
{
    private const int SigInt = 2;
    private const int SigTerm = 15;
    private const int SigUsr1 = 10;

    public static bool IsRoot => GetEffectiveUserId() == 0;

    public static void Terminate(int pid) => Signal(pid, SigTerm);

    public static void Interrupt(int pid) => Signal(pid, SigInt);

    public static void UserSignal1(int pid) => Signal(pid, SigUsr1);

    private static void Signal(int pid, int signal)
    {
        if (Kill(pid, signal) != 0) throw new InvalidOperationException($"kill({pid}, {signal}) failed: {Marshal.GetLastPInvokeError()}");
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEffectiveUserId();
}
