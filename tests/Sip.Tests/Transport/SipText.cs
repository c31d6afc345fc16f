using System.Text;

namespace Cinema.Sip.Tests.Transport;

/// <summary>Small SIP messages as bytes, for feeding sockets directly.</summary>
internal static class SipText
{
    public static byte[] Request(string via, string callId = "call-1", string method = "OPTIONS", string extraHeaders = "", string body = "") =>
        Encoding.UTF8.GetBytes(
            $"{method} sip:bob@127.0.0.1 SIP/2.0\r\n" +
            $"Via: {via}\r\n" +
            "Max-Forwards: 70\r\n" +
            "From: <sip:alice@127.0.0.1>;tag=a1\r\n" +
            "To: <sip:bob@127.0.0.1>\r\n" +
            $"Call-ID: {callId}\r\n" +
            $"CSeq: 1 {method}\r\n" +
            extraHeaders +
            $"Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n" + body);

    public static byte[] Response(string via, string callId = "call-1", int status = 200) =>
        Encoding.UTF8.GetBytes(
            $"SIP/2.0 {status} Whatever\r\n" +
            $"Via: {via}\r\n" +
            "From: <sip:alice@127.0.0.1>;tag=a1\r\n" +
            "To: <sip:bob@127.0.0.1>;tag=b1\r\n" +
            $"Call-ID: {callId}\r\n" +
            "CSeq: 1 OPTIONS\r\n" +
            "Content-Length: 0\r\n\r\n");

    /// <summary>A request whose Max-Forwards is not a number: malformed, but with every header an answer needs.</summary>
    public static byte[] MalformedRequest(string via, string callId, int padding = 200) =>
        Encoding.UTF8.GetBytes(
            "OPTIONS sip:bob@127.0.0.1 SIP/2.0\r\n" +
            $"Via: {via}\r\n" +
            "Max-Forwards: seventy\r\n" +
            "From: <sip:alice@127.0.0.1>;tag=a1\r\n" +
            "To: <sip:bob@127.0.0.1>\r\n" +
            $"Call-ID: {callId}\r\n" +
            "CSeq: 1 OPTIONS\r\n" +
            $"Subject: {new string('x', padding)}\r\n" +
            "Content-Length: 0\r\n\r\n");

    public static string Text(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);
}
