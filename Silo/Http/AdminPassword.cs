using System.Security.Cryptography;

namespace Cinema.Silo.Http;

/// <summary>
/// The dashboard password: the configured one, or one generated on first start and kept in the data folder
/// (readable by the owner only), so that a fresh install is never open.
/// </summary>
public static class AdminPassword
{
    public const string FileName = "admin-password";

    public static string Resolve(string? configured, string dataDir, out string? generatedFile)
    {
        generatedFile = null;
        if (!string.IsNullOrEmpty(configured)) return configured;
        var path = Path.Combine(dataDir, FileName);
        generatedFile = path;
        if (File.Exists(path)) return File.ReadAllText(path).Trim();
        Directory.CreateDirectory(dataDir);
        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');
        File.WriteAllText(path, password + "\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return password;
    }
}
