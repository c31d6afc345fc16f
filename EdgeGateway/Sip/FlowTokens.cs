using System.Buffers.Binary;
using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using Cinema.Sip.Transport;

namespace Cinema.Edge.Sip;

/// <summary>
/// Flow tokens (RFC 5626 §5.2): the user part of the Path value a gateway puts in a registration names the
/// connection or address the phone registered over, signed with a secret every gateway shares, so that a request
/// routed back through that Path leaves over the same flow (through NAT, or on the TCP/TLS connection the phone
/// opened) and a forged token is ignored.
/// </summary>
public sealed class FlowTokens(byte[] secret)
{
    private const int MacLength = 10;

    public string Create(SipEndPoint flow)
    {
        var address = flow.Address.Address.GetAddressBytes();
        var data = new byte[1 + address.Length + 2];
        data[0] = (byte)flow.Transport;
        address.CopyTo(data, 1);
        BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(1 + address.Length), (ushort)flow.Address.Port);
        var mac = HMACSHA256.HashData(secret, data).AsSpan(0, MacLength);
        return Base64Url.EncodeToString([.. data, .. mac]);
    }

    public bool TryRead(string? token, out SipEndPoint flow)
    {
        flow = default;
        if (string.IsNullOrEmpty(token) || token.Length > 64) return false;
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(token);
        }
        catch (FormatException)
        {
            return false;
        }
        var addressLength = bytes.Length - 1 - 2 - MacLength;
        if (addressLength is not (4 or 16)) return false;
        var data = bytes.AsSpan(0, bytes.Length - MacLength);
        var expected = HMACSHA256.HashData(secret, data).AsSpan(0, MacLength);
        if (!CryptographicOperations.FixedTimeEquals(expected, bytes.AsSpan(bytes.Length - MacLength))) return false;
        if (data[0] > (byte)SipTransportKind.Tls) return false;
        var address = new IPAddress(data.Slice(1, addressLength));
        var port = BinaryPrimitives.ReadUInt16BigEndian(data[(1 + addressLength)..]);
        flow = new SipEndPoint((SipTransportKind)data[0], new IPEndPoint(address, port));
        return true;
    }
}
