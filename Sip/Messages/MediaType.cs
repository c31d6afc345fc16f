using System.Text;

namespace Cinema.Sip.Messages;

/// <summary>A media type such as application/sdp, with parameters (RFC 3261 §20.15). Type and subtype are lower-cased.</summary>
public sealed class MediaType : IEquatable<MediaType>
{
    public static readonly MediaType Sdp = new("application", "sdp");

    public MediaType(string type, string subtype, ParameterList? parameters = null)
    {
        Type = type.ToLowerInvariant();
        Subtype = subtype.ToLowerInvariant();
        Parameters = parameters ?? ParameterList.Empty;
    }

    public string Type { get; }

    public string Subtype { get; }

    public ParameterList Parameters { get; }

    /// <summary>True when this media-range (possibly */* or type/*) admits <paramref name="other"/>.</summary>
    public bool Matches(MediaType other) =>
        (Type == "*" || Type == other.Type) && (Subtype == "*" || Subtype == other.Subtype);

    public bool Equals(MediaType? other) => other is not null && Type == other.Type && Subtype == other.Subtype;

    public override bool Equals(object? obj) => Equals(obj as MediaType);

    public override int GetHashCode() => HashCode.Combine(Type, Subtype);

    public override string ToString()
    {
        var sb = new StringBuilder().Append(Type).Append('/').Append(Subtype);
        Parameters.AppendTo(sb);
        return sb.ToString();
    }
}
