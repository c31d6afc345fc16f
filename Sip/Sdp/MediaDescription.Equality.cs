namespace Cinema.Sip.Sdp;

// Element-wise equality for the list members (records would compare them by reference).
public sealed partial record MediaDescription
{
    /// <inheritdoc/>
    public bool Equals(MediaDescription? other)
        => other is not null
            && string.Equals(Media, other.Media, StringComparison.Ordinal)
            && Port == other.Port
            && PortCount == other.PortCount
            && string.Equals(Protocol, other.Protocol, StringComparison.Ordinal)
            && string.Equals(Information, other.Information, StringComparison.Ordinal)
            && string.Equals(EncryptionKey, other.EncryptionKey, StringComparison.Ordinal)
            && SdpLists.SequenceEqual(_formats, other._formats)
            && SdpLists.SequenceEqual(_connections, other._connections)
            && SdpLists.SequenceEqual(_bandwidths, other._bandwidths)
            && SdpLists.SequenceEqual(_attributes, other._attributes)
            && SdpLists.SequenceEqual(_unknownLines, other._unknownLines);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Media, StringComparer.Ordinal);
        hash.Add(Port);
        hash.Add(Protocol, StringComparer.Ordinal);
        SdpLists.AddAll(ref hash, _formats);
        SdpLists.AddAll(ref hash, _attributes);
        return hash.ToHashCode();
    }
}
