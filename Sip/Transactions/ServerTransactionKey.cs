using Cinema.Sip.Messages;

namespace Cinema.Sip.Transactions;

/// <summary>
/// Matches a request carrying an RFC 3261 branch to a server transaction (§17.2.3): the branch and sent-by of the
/// top Via and the method, with ACK looked up under INVITE. CANCEL keeps its own method, so it gets its own
/// transaction and finds the INVITE it cancels with a second look-up (§9.2).
/// </summary>
internal readonly struct ServerTransactionKey : IEquatable<ServerTransactionKey>
{
    public ServerTransactionKey(string branch, string host, int port, string method)
    {
        Branch = branch;
        Host = host;
        Port = port;
        Method = method;
    }

    public string Branch { get; }

    public string Host { get; }

    public int Port { get; }

    public string Method { get; }

    public static ServerTransactionKey For(Via topVia, string method) =>
        new(topVia.Branch!, topVia.Host, topVia.Port ?? topVia.DefaultPort, method);

    public ServerTransactionKey WithMethod(string method) => new(Branch, Host, Port, method);

    public ServerTransactionKey WithHost(string host) => new(Branch, host, Port, Method);

    // Branch is a token and sent-by a host: both compare case-insensitively (§7.3.1, §19.1.4); methods case-sensitively (§7.1).
    public bool Equals(ServerTransactionKey other) =>
        Port == other.Port
        && string.Equals(Branch, other.Branch, StringComparison.OrdinalIgnoreCase)
        && string.Equals(Method, other.Method, StringComparison.Ordinal)
        && string.Equals(Host, other.Host, StringComparison.OrdinalIgnoreCase);

    public override bool Equals(object? obj) => obj is ServerTransactionKey other && Equals(other);

    public override int GetHashCode() =>
        HashCode.Combine(string.GetHashCode(Branch, StringComparison.OrdinalIgnoreCase), Port, Method.GetHashCode(StringComparison.Ordinal));
}
