namespace Cinema.Sip.Transactions;

/// <summary>
/// Matches a response to a client transaction (RFC 3261 §17.1.3): the branch of the top Via and the CSeq
/// method, so a response to an INVITE never reaches the CANCEL that shares its branch (§9.1).
/// </summary>
internal readonly struct ClientTransactionKey : IEquatable<ClientTransactionKey>
{
    public ClientTransactionKey(string branch, string method)
    {
        Branch = branch;
        Method = method;
    }

    public string Branch { get; }

    public string Method { get; }

    // Branch is a token, compared case-insensitively (§7.3.1); methods are case-sensitive (§7.1).
    public bool Equals(ClientTransactionKey other) =>
        string.Equals(Branch, other.Branch, StringComparison.OrdinalIgnoreCase) && string.Equals(Method, other.Method, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is ClientTransactionKey other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(string.GetHashCode(Branch, StringComparison.OrdinalIgnoreCase), Method.GetHashCode(StringComparison.Ordinal));
}
