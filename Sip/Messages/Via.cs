using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Cinema.Sip.Messages.Syntax;

namespace Cinema.Sip.Messages;

/// <summary>One Via value (RFC 3261 §20.42, §18.2.1; RFC 3581 rport).</summary>
public sealed class Via
{
    /// <summary>The magic cookie that marks an RFC 3261 branch (§8.1.1.7).</summary>
    public const string MagicCookie = "z9hG4bK";

    public Via(string transport, string host, int? port, ParameterList? parameters = null, string protocol = "SIP/2.0")
    {
        Protocol = protocol;
        Transport = transport.ToUpperInvariant();
        Host = host;
        Port = port;
        Parameters = parameters ?? ParameterList.Empty;
    }

    /// <summary>"SIP/2.0" (protocol name and version, white space removed).</summary>
    public string Protocol { get; }

    /// <summary>Transport in upper case: UDP, TCP, TLS, SCTP, WS, WSS or an extension.</summary>
    public string Transport { get; }

    /// <summary>sent-by host as written (IPv6 with brackets).</summary>
    public string Host { get; }

    public int? Port { get; }

    public ParameterList Parameters { get; }

    public string? Branch => Parameters["branch"];

    /// <summary>True when the branch starts with the RFC 3261 magic cookie and has something after it (RFC 4475 §3.2.1).</summary>
    public bool HasRfc3261Branch => Branch is { Length: > 7 } b && b.StartsWith(MagicCookie, StringComparison.Ordinal);

    public string? Received => Parameters["received"];

    public string? Maddr => Parameters["maddr"];

    public int? Ttl => Parameters["ttl"] is { } t && int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;

    /// <summary>The rport parameter is present (with or without a value): the client wants symmetric response routing.</summary>
    public bool HasRPort => Parameters.Contains("rport");

    public int? RPort => Parameters["rport"] is { } r && int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;

    /// <summary>"host:port" with the transport's default port when none is given.</summary>
    public string SentBy => Host + ":" + (Port ?? DefaultPort).ToString(CultureInfo.InvariantCulture);

    public int DefaultPort => Transport is "TLS" or "WSS" ? 5061 : 5060;

    public Via WithParameter(string name, string? value) => new(Transport, Host, Port, Parameters.With(name, value), Protocol);

    public static bool TryParse(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Via? via, out string? error)
    {
        var list = new List<Via>();
        via = null;
        if (!ViaSyntax.ReadList(Encoding.UTF8.GetBytes(text), list, out error)) return false;
        if (list.Count != 1)
        {
            error = "more than one Via value";
            return false;
        }
        via = list[0];
        return true;
    }

    /// <summary>The via-parm text; built on the stack, since a proxy writes one for every request it forwards.</summary>
    public override string ToString()
    {
        var text = new DefaultInterpolatedStringHandler(0, 0, CultureInfo.InvariantCulture, stackalloc char[256]);
        text.AppendLiteral(Protocol);
        text.AppendLiteral("/");
        text.AppendLiteral(Transport);
        text.AppendLiteral(" ");
        text.AppendLiteral(Host);
        if (Port is { } port)
        {
            text.AppendLiteral(":");
            text.AppendFormatted(port);
        }
        Parameters.AppendTo(ref text);
        return text.ToStringAndClear();
    }
}
