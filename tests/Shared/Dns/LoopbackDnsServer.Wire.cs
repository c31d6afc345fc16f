using System.Buffers.Binary;
using System.Text;
using DnsClient;

namespace Cinema.Tests.Dns;

/// <summary>DNS wire format for <see cref="LoopbackDnsServer"/> (RFC 1035 §4.1), without name compression.</summary>
public sealed partial class LoopbackDnsServer
{
    private const int HeaderLength = 12;
    private const ushort ClassIn = 1;

    /// <summary>Builds the reply to one query, or null to stay silent (malformed or ignored).</summary>
    private byte[]? Answer(ReadOnlySpan<byte> query)
    {
        if (query.Length < HeaderLength || BinaryPrimitives.ReadUInt16BigEndian(query[4..]) < 1)
        {
            return null;
        }

        var position = HeaderLength;
        var name = ReadName(query, ref position);
        if (name is null || position + 4 > query.Length)
        {
            return null;
        }

        var type = (QueryType)BinaryPrimitives.ReadUInt16BigEndian(query[position..]);
        position += 4;
        _queries.Enqueue(new LoopbackDnsQuery(name, type));

        List<LoopbackDnsRecord> answers;
        List<LoopbackDnsRecord> additionals;
        int responseCode;
        lock (_lock)
        {
            if (_silentNames.Contains(name))
            {
                return null;
            }

            var owned = _records.Where(r => Normalize(r.Name) == name).ToList();
            answers = owned.Where(r => r.Type == type).ToList();
            additionals = _additionals.TryGetValue(name, out var extra) ? [.. extra] : [];

            // RFC 1035 §4.1.1: RCODE 3 (name error) only when the name owns nothing at all.
            responseCode = _responseCodes.TryGetValue(name, out var forced) ? forced : owned.Count == 0 ? 3 : 0;
        }

        if (responseCode != 0)
        {
            answers.Clear();
            additionals.Clear();
        }

        var reply = new List<byte>(512);
        var flags = BinaryPrimitives.ReadUInt16BigEndian(query[2..]);

        // QR=1, keep OPCODE and RD, set AA (authoritative) and RA.
        var replyFlags = (ushort)(0x8000 | (flags & 0x7800) | 0x0400 | (flags & 0x0100) | 0x0080 | (responseCode & 0x000F));
        reply.AddRange(query[..2]);
        LoopbackDnsRecord.AppendUInt16(reply, replyFlags);
        LoopbackDnsRecord.AppendUInt16(reply, 1);
        LoopbackDnsRecord.AppendUInt16(reply, answers.Count);
        LoopbackDnsRecord.AppendUInt16(reply, 0);
        LoopbackDnsRecord.AppendUInt16(reply, additionals.Count);
        reply.AddRange(query[HeaderLength..position]);
        foreach (var record in answers.Concat(additionals))
        {
            LoopbackDnsRecord.AppendName(reply, record.Name);
            LoopbackDnsRecord.AppendUInt16(reply, (int)record.Type);
            LoopbackDnsRecord.AppendUInt16(reply, ClassIn);
            LoopbackDnsRecord.AppendUInt16(reply, (record.Ttl >> 16) & 0xFFFF);
            LoopbackDnsRecord.AppendUInt16(reply, record.Ttl & 0xFFFF);
            LoopbackDnsRecord.AppendUInt16(reply, record.RData.Length);
            reply.AddRange(record.RData.Span);
        }

        return [.. reply];
    }

    /// <summary>Reads an uncompressed question name (queries never use compression), lower-cased.</summary>
    private static string? ReadName(ReadOnlySpan<byte> message, ref int position)
    {
        var labels = new List<string>();
        while (position < message.Length)
        {
            int length = message[position++];
            if (length == 0)
            {
                return string.Join('.', labels).ToLowerInvariant();
            }

            if (length > 63 || position + length > message.Length)
            {
                return null;
            }

            labels.Add(Encoding.ASCII.GetString(message.Slice(position, length)));
            position += length;
        }

        return null;
    }
}
