using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Cinema.Integration.Tests.Infrastructure;
using Cinema.Tests.Corpus;

namespace Cinema.Integration.Tests.Server;

/// <summary>
/// The RFC 4475 messages sent over UDP to the running server, each from a fresh socket, get the answer a proxy
/// and registrar should give (the corpus README's table), and the server answers OPTIONS after each one.
/// Expected: a status; 0 = no answer (a malformed or stray response is dropped); -1 = anything but 400/505.
/// </summary>
[Collection(ServerCollection.Name)]
public class TortureOverUdpTests(ServerFixture fixture)
{
    public static readonly TheoryData<string, int> Cases = new()
    {
        { "badinv01.dat", 400 }, { "clerr.dat", 400 }, { "ncl.dat", 400 }, { "scalar02.dat", 400 }, { "quotbal.dat", 400 },
        { "ltgtruri.dat", 400 }, { "lwsruri.dat", 400 }, { "lwsstart.dat", 400 }, { "trws.dat", 400 }, { "escruri.dat", 400 },
        { "baddate.dat", 400 }, { "regbadct.dat", 400 }, { "badaspec.dat", 400 }, { "baddn.dat", 400 }, { "mismatch01.dat", 400 },
        { "mismatch02.dat", 400 }, { "insuf.dat", 400 }, { "multi01.dat", 400 }, { "mcl01.dat", 400 },
        { "badvers.dat", 505 },
        { "unkscm.dat", 416 }, { "novelsc.dat", 416 }, { "unksm2.dat", 416 },
        { "bext01.dat", 420 },
        { "zeromf.dat", 483 },
        { "scalarlg.dat", 0 }, { "bigcode.dat", 0 }, { "bcast.dat", 0 }, { "unreason.dat", 0 }, { "noreason.dat", 0 },
        // Well-formed requests: registrations succeed; requests to user@example.com go wherever the earlier
        // registrations of that user point (unreachable documentation hosts), so any answer but a refusal is right.
        { "wsinv.dat", -1 }, { "intmeth.dat", -1 }, { "esc01.dat", -1 }, { "escnull.dat", 200 }, { "esc02.dat", -1 },
        { "lwsdisp.dat", -1 }, { "longreq.dat", -1 }, { "dblreq.dat", 200 }, { "semiuri.dat", -1 }, { "transports.dat", -1 },
        { "mpart01.dat", -1 }, { "badbranch.dat", -1 }, { "invut.dat", -1 }, { "regaut01.dat", 200 }, { "cparam01.dat", 200 },
        { "cparam02.dat", 200 }, { "regescrt.dat", 200 }, { "sdp01.dat", -1 }, { "inv2543.dat", -1 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Torture_message_over_udp_gets_its_answer_and_the_server_keeps_answering(string file, int expected)
    {
        var bytes = UniqueBranch(TortureCorpus.Read("rfc4475", file));
        // Without rport the answer goes to the source address and the port in the top Via (RFC 3261 §18.2.2), so
        // listen there, on a loopback address of our own to stay clear of anything on 127.0.0.1.
        using var client = new SipTestClient(new IPEndPoint(IPAddress.Parse($"127.0.{Random.Shared.Next(1, 255)}.{Random.Shared.Next(2, 255)}"), ViaPort(bytes)));
        await client.SendAsync(bytes, fixture.Server.Target);
        var answer = await FinalAnswerAsync(client, expected == 0 || expected == -1 ? TimeSpan.FromSeconds(1.5) : TimeSpan.FromSeconds(8));
        switch (expected)
        {
            case 0:
                Assert.Null(answer);
                break;
            case -1:
                Assert.True(answer is null || answer.Value.StatusCode is not (400 or 505), $"{file}: {answer}");
                break;
            default:
                Assert.True(answer is not null, $"{file}: no answer, expected {expected}");
                Assert.True(expected == answer.Value.StatusCode, $"{file}: expected {expected}, got {answer}");
                Assert.False(string.IsNullOrWhiteSpace(answer.Value.ReasonPhrase));
                break;
        }
        using var probe = new SipTestClient();
        var options = await probe.RequestAsync(probe.Options(fixture.Server.Target, fixture.Server.Domain), fixture.Server.Target);
        Assert.Equal(200, options?.StatusCode);
    }

    /// <summary>
    /// Many corpus messages share one Via (host and branch z9hG4bKkdjuw): sent one after another they would be one
    /// transaction (RFC 3261 §17.2.3) and the second would be answered as a retransmission, to the first sender.
    /// A few characters after the magic cookie keep each test its own transaction; nothing else changes.
    /// </summary>
    private static byte[] UniqueBranch(byte[] message)
    {
        var text = Encoding.Latin1.GetString(message);
        var unique = Regex.Replace(text, @"branch\s*=\s*z9hG4bK(?=[\w.!%*+`'~-])", m => m.Value + "t" + Guid.NewGuid().ToString("N")[..8] + ".", RegexOptions.None, TimeSpan.FromSeconds(1));
        return Encoding.Latin1.GetBytes(unique);
    }

    private static int ViaPort(byte[] message)
    {
        var match = Regex.Match(Encoding.Latin1.GetString(message), @"^(?:Via|v)\s*:\s*SIP\s*/\s*2\.0\s*/\s*\w+\s+(?:\[[^\]]+\]|[^;:\s,]+)(?::(\d+))?",
            RegexOptions.Multiline | RegexOptions.IgnoreCase);
        return match.Success && match.Groups[1].Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 5060;
    }

    /// <summary>
    /// The first final response within the time, skipping 100 Trying. Read from the status line only: the answer to
    /// a malformed request copies its malformed headers, so it need not parse as a whole.
    /// </summary>
    private static async Task<(int StatusCode, string ReasonPhrase)?> FinalAnswerAsync(SipTestClient client, TimeSpan within)
    {
        var until = DateTime.UtcNow + within;
        while (DateTime.UtcNow < until)
        {
            if (await client.ReceiveBytesAsync(until - DateTime.UtcNow) is not { } bytes) continue;
            var line = Encoding.UTF8.GetString(bytes).Split("\r\n")[0].Split(' ', 3);
            if (line.Length < 2 || line[0] != "SIP/2.0" || !int.TryParse(line[1], CultureInfo.InvariantCulture, out var status)) continue;
            if (status >= 200) return (status, line.Length > 2 ? line[2] : "");
        }
        return null;
    }
}
