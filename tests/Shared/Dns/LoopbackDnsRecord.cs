using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using DnsClient;

namespace Cinema.Tests.Dns;

/// <summary>A resource record served by <see cref="LoopbackDnsServer"/>, with its RDATA already encoded.</summary>
public sealed record LoopbackDnsRecord(string Name, QueryType Type, int Ttl, ReadOnlyMemory<byte> RData)
{
    public const int DefaultTtl = 60;

    public static LoopbackDnsRecord A(string name, string address, int ttl = DefaultTtl) =>
        Address(name, IPAddress.Parse(address), AddressFamily.InterNetwork, QueryType.A, ttl);

    public static LoopbackDnsRecord Aaaa(string name, string address, int ttl = DefaultTtl) =>
        Address(name, IPAddress.Parse(address), AddressFamily.InterNetworkV6, QueryType.AAAA, ttl);

    /// <summary>SRV (RFC 2782). Use "." as <paramref name="target"/> for "service not available".</summary>
    public static LoopbackDnsRecord Srv(string name, int priority, int weight, int port, string target, int ttl = DefaultTtl)
    {
        var rdata = new List<byte>();
        AppendUInt16(rdata, priority);
        AppendUInt16(rdata, weight);
        AppendUInt16(rdata, port);
        AppendName(rdata, target);
        return new LoopbackDnsRecord(name, QueryType.SRV, ttl, rdata.ToArray());
    }

    /// <summary>NAPTR (RFC 3403 §4.1).</summary>
    public static LoopbackDnsRecord Naptr(
        string name, int order, int preference, string flags, string services, string replacement, string regexp = "", int ttl = DefaultTtl)
    {
        var rdata = new List<byte>();
        AppendUInt16(rdata, order);
        AppendUInt16(rdata, preference);
        AppendCharacterString(rdata, flags);
        AppendCharacterString(rdata, services);
        AppendCharacterString(rdata, regexp);
        AppendName(rdata, replacement);
        return new LoopbackDnsRecord(name, QueryType.NAPTR, ttl, rdata.ToArray());
    }

    /// <summary>Appends a name without compression (RFC 1035 §3.1).</summary>
    internal static void AppendName(List<byte> buffer, string name)
    {
        foreach (var label in name.Trim().TrimEnd('.').Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var bytes = System.Text.Encoding.ASCII.GetBytes(label);
            if (bytes.Length > 63)
            {
                throw new ArgumentException($"Label '{label}' is longer than 63 bytes.", nameof(name));
            }

            buffer.Add((byte)bytes.Length);
            buffer.AddRange(bytes);
        }

        buffer.Add(0);
    }

    internal static void AppendUInt16(List<byte> buffer, int value)
    {
        Span<byte> bytes = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, checked((ushort)value));
        buffer.AddRange(bytes);
    }

    private static void AppendCharacterString(List<byte> buffer, string value)
    {
        // RFC 1035 §3.3: <character-string> is a length byte followed by up to 255 bytes.
        var bytes = System.Text.Encoding.ASCII.GetBytes(value);
        buffer.Add(checked((byte)bytes.Length));
        buffer.AddRange(bytes);
    }

    private static LoopbackDnsRecord Address(string name, IPAddress address, AddressFamily family, QueryType type, int ttl)
    {
        if (address.AddressFamily != family)
        {
            throw new ArgumentException($"{address} is not an {family} address.", nameof(address));
        }

        return new LoopbackDnsRecord(name, type, ttl, address.GetAddressBytes());
    }
}
