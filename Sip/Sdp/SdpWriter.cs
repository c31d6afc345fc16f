using System.Buffers;
using System.Collections.Immutable;
using System.Text;

namespace Cinema.Sip.Sdp;

/// <summary>
/// Writes SDP text with CRLF line ends in the order RFC 8866 §5 prescribes. Attributes and
/// unknown lines are written verbatim and in their stored order.
/// </summary>
/// <remarks>
/// Throws <see cref="ArgumentException"/> when a value could not be parsed back as written (a
/// CR, LF or NUL anywhere, a space inside a single-token field): that guards against a field
/// built from untrusted text injecting extra SDP lines.
/// </remarks>
public static class SdpWriter
{
    private static readonly SearchValues<char> LineBreakers = SearchValues.Create("\r\n\0");
    private static readonly SearchValues<char> TokenBreakers = SearchValues.Create(" \r\n\0");

    /// <summary>The description as SDP text.</summary>
    public static string Write(SessionDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        var builder = new StringBuilder(EstimateLength(description));
        WriteSession(builder, description);
        foreach (var media in description.Media)
        {
            WriteMedia(builder, media);
        }

        return builder.ToString();
    }

    /// <summary>The description as a UTF-8 SDP body, e.g. for a SIP message.</summary>
    public static byte[] WriteUtf8(SessionDescription description) => Encoding.UTF8.GetBytes(Write(description));

    /// <summary>One media section as SDP text.</summary>
    public static string Write(MediaDescription media)
    {
        ArgumentNullException.ThrowIfNull(media);
        var builder = new StringBuilder(256);
        WriteMedia(builder, media);
        return builder.ToString();
    }

    private static void WriteSession(StringBuilder builder, SessionDescription description)
    {
        Line(builder, 'v', SdpNumber.Format(description.Version));
        var origin = description.Origin ?? throw new ArgumentException("The description has no origin (o=).", nameof(description));
        builder.Append("o=");
        Token(builder, origin.UserName).Append(' ');
        Token(builder, origin.SessionId).Append(' ').Append(SdpNumber.Format(origin.SessionVersion)).Append(' ');
        Token(builder, origin.NetType).Append(' ');
        Token(builder, origin.AddressType).Append(' ');
        Token(builder, origin.Address).Append("\r\n");
        Line(builder, 's', description.SessionName);
        OptionalLine(builder, 'i', description.Information);
        OptionalLine(builder, 'u', description.Uri);
        Lines(builder, 'e', description.Emails);
        Lines(builder, 'p', description.Phones);
        if (description.Connection is { } connection)
        {
            Connection(builder, connection);
        }

        Bandwidths(builder, description.Bandwidths);
        foreach (var timing in description.Timings)
        {
            Line(builder, 't', SdpNumber.Format(timing.StartTime) + " " + SdpNumber.Format(timing.StopTime));
            Lines(builder, 'r', timing.Repeats);
        }

        OptionalLine(builder, 'z', description.TimeZones);
        OptionalLine(builder, 'k', description.EncryptionKey);
        Attributes(builder, description.Attributes);
        UnknownLines(builder, description.UnknownLines);
    }

    private static void WriteMedia(StringBuilder builder, MediaDescription media)
    {
        builder.Append("m=");
        Token(builder, media.Media).Append(' ').Append(SdpNumber.Format(media.Port));
        if (media.PortCount is { } count)
        {
            builder.Append('/').Append(SdpNumber.Format(count));
        }

        builder.Append(' ');
        Token(builder, media.Protocol);
        foreach (var format in media.Formats)
        {
            Token(builder.Append(' '), format);
        }

        builder.Append("\r\n");
        OptionalLine(builder, 'i', media.Information);
        foreach (var connection in media.Connections)
        {
            Connection(builder, connection);
        }

        Bandwidths(builder, media.Bandwidths);
        OptionalLine(builder, 'k', media.EncryptionKey);
        Attributes(builder, media.Attributes);
        UnknownLines(builder, media.UnknownLines);
    }

    private static void Connection(StringBuilder builder, SdpConnection connection)
    {
        builder.Append("c=");
        Token(builder, connection.NetType).Append(' ');
        Token(builder, connection.AddressType).Append(' ');
        Token(builder, connection.Address);
        if (connection.Ttl is { } ttl)
        {
            builder.Append('/').Append(SdpNumber.Format(ttl));
        }

        if (connection.AddressCount is { } count)
        {
            builder.Append('/').Append(SdpNumber.Format(count));
        }

        builder.Append("\r\n");
    }

    private static void Bandwidths(StringBuilder builder, ImmutableArray<SdpBandwidth> bandwidths)
    {
        foreach (var bandwidth in bandwidths)
        {
            builder.Append("b=");
            Token(builder, bandwidth.Type).Append(':').Append(SdpNumber.Format(bandwidth.Value)).Append("\r\n");
        }
    }

    private static void Attributes(StringBuilder builder, ImmutableArray<SdpAttribute> attributes)
    {
        foreach (var attribute in attributes)
        {
            if (string.IsNullOrEmpty(attribute.Name) || attribute.Name.Contains(':', StringComparison.Ordinal))
            {
                throw new ArgumentException($"Attribute name \"{attribute.Name}\" is empty or contains ':'.", nameof(attributes));
            }

            builder.Append("a=");
            Text(builder, attribute.Name);
            if (attribute.Value is not null)
            {
                Text(builder.Append(':'), attribute.Value);
            }

            builder.Append("\r\n");
        }
    }

    private static void UnknownLines(StringBuilder builder, ImmutableArray<SdpLine> lines)
    {
        foreach (var line in lines)
        {
            if (line.Type is < 'a' or > 'z')
            {
                throw new ArgumentException($"Line type '{line.Type}' is not a lowercase letter.", nameof(lines));
            }

            Line(builder, line.Type, line.Value);
        }
    }

    private static void Lines(StringBuilder builder, char type, ImmutableArray<string> values)
    {
        foreach (var value in values)
        {
            Line(builder, type, value);
        }
    }

    private static void OptionalLine(StringBuilder builder, char type, string? value)
    {
        if (value is not null)
        {
            Line(builder, type, value);
        }
    }

    private static void Line(StringBuilder builder, char type, string value)
        => Text(builder.Append(type).Append('='), value).Append("\r\n");

    private static StringBuilder Text(StringBuilder builder, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.AsSpan().ContainsAny(LineBreakers))
        {
            throw new ArgumentException($"SDP value \"{value}\" contains CR, LF or NUL.", nameof(value));
        }

        return builder.Append(value);
    }

    // A single field of a space-separated line: a space or an empty value would shift the others.
    private static StringBuilder Token(StringBuilder builder, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0 || value.AsSpan().ContainsAny(TokenBreakers))
        {
            throw new ArgumentException($"SDP field \"{value}\" is empty or contains a space, CR, LF or NUL.", nameof(value));
        }

        return builder.Append(value);
    }

    private static int EstimateLength(SessionDescription description)
    {
        var lines = 8 + description.Attributes.Length;
        foreach (var media in description.Media)
        {
            lines += 3 + media.Attributes.Length;
        }

        return lines * 32;
    }
}
