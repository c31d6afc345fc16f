namespace Cinema.Sip.Sdp;

// Element-wise equality for the list members (records would compare them by reference).
public sealed partial record SessionDescription
{
    /// <inheritdoc/>
    public bool Equals(SessionDescription? other)
        => other is not null
            && Version == other.Version
            && Origin == other.Origin
            && string.Equals(SessionName, other.SessionName, StringComparison.Ordinal)
            && string.Equals(Information, other.Information, StringComparison.Ordinal)
            && string.Equals(Uri, other.Uri, StringComparison.Ordinal)
            && Connection == other.Connection
            && string.Equals(TimeZones, other.TimeZones, StringComparison.Ordinal)
            && string.Equals(EncryptionKey, other.EncryptionKey, StringComparison.Ordinal)
            && SdpLists.SequenceEqual(_emails, other._emails)
            && SdpLists.SequenceEqual(_phones, other._phones)
            && SdpLists.SequenceEqual(_bandwidths, other._bandwidths)
            && SdpLists.SequenceEqual(_timings, other._timings)
            && SdpLists.SequenceEqual(_attributes, other._attributes)
            && SdpLists.SequenceEqual(_media, other._media)
            && SdpLists.SequenceEqual(_unknownLines, other._unknownLines);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Origin);
        hash.Add(SessionName, StringComparer.Ordinal);
        hash.Add(Connection);
        SdpLists.AddAll(ref hash, _attributes);
        SdpLists.AddAll(ref hash, _media);
        return hash.ToHashCode();
    }
}
