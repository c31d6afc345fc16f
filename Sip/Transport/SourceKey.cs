using System.Buffers.Binary;
using System.Net;

namespace Cinema.Sip.Transport;

/// <summary>
/// The source a rate limit applies to: an IPv4 address (also when written IPv4-mapped, ::ffff:a.b.c.d), or the /64
/// prefix of an IPv6 address, the network of one site or host (RFC 4291 §2.5.4: the low 64 bits are the
/// interface identifier, which the host chooses, RFC 8981). Made without allocating, from any address.
/// </summary>
internal readonly record struct SourceKey(ulong Value, bool IsIPv6)
{
    public static SourceKey Of(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var written);
        if (written == 4) return new SourceKey(BinaryPrimitives.ReadUInt32BigEndian(bytes), IsIPv6: false);
        // ::ffff:0:0/96 is an IPv4 peer seen through a dual-stack socket (RFC 4291 §2.5.5.2).
        if (bytes[..10].IndexOfAnyExcept((byte)0) < 0 && bytes[10] == 0xFF && bytes[11] == 0xFF)
            return new SourceKey(BinaryPrimitives.ReadUInt32BigEndian(bytes[12..]), IsIPv6: false);
        return new SourceKey(BinaryPrimitives.ReadUInt64BigEndian(bytes), IsIPv6: true);
    }

    /// <summary>For logs: "192.0.2.7" or "2001:db8:1:2::/64".</summary>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[16];
        if (!IsIPv6)
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)Value);
            return new IPAddress(bytes[..4]).ToString();
        }

        bytes.Clear();
        BinaryPrimitives.WriteUInt64BigEndian(bytes, Value);
        return new IPAddress(bytes).ToString() + "/64";
    }
}
