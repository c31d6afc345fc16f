namespace Cinema.Grains.Tests;

/// <summary>Builders for registrar requests in tests.</summary>
internal static class Registrations
{
    public static readonly BindingSource Udp = new("udp", "192.0.2.10:5060", null, 0);

    public static ContactRequest Contact(string uri, long? expires = null, double? q = null, string? instance = null, int? regId = null) =>
        new(uri, expires, q, instance, regId, "");

    public static RegisterRequest Register(string callId, uint cseq, params ContactRequest[] contacts) =>
        new(callId, cseq, contacts, false, null, [], Udp);

    public static RegisterRequest WithExpires(this RegisterRequest r, long? expires) => r with { Expires = expires };

    public static RegisterRequest Wildcard(string callId, uint cseq, long? expires = 0) => new(callId, cseq, [], true, expires, [], Udp);

    private static int _next;

    public static string NewAor() => $"user{Interlocked.Increment(ref _next)}-{Guid.NewGuid():N}@example.com";
}
