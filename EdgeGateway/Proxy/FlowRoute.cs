using Cinema.Sip.Transport;

namespace Cinema.Edge.Proxy;

/// <summary>A flow this gateway holds (RFC 5626), named by a token in one of our Path or Record-Route values.</summary>
internal sealed record FlowRoute(SipEndPoint Flow, string Token);
