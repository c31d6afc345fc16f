using System.Globalization;
using Cinema.Integration.Tests.Infrastructure;

namespace Cinema.Integration.Tests.Cluster;

/// <summary>Checks, one query REGISTER each, that the phones register.xml registered (reg1 ... regN) are all still bound.</summary>
internal static class Registrations
{
    public static async Task<List<string>> MissingAsync(string target, int phones)
    {
        using var checker = new SipTestClient();
        var missing = new List<string>();
        for (var i = 1; i <= phones; i++)
        {
            var aor = $"reg{i.ToString(CultureInfo.InvariantCulture)}@{LocalCluster.Domain}";
            var answer = await checker.RequestAsync(checker.Register(aor, contact: null, expires: null), target, TimeSpan.FromSeconds(5));
            if (answer is not { StatusCode: 200, Contacts.Count: 1 }) missing.Add(aor);
        }
        return missing;
    }

    public static string Describe(List<string> missing) => $"{missing.Count} registrations lost, e.g. {string.Join(", ", missing.Take(5))}";
}
