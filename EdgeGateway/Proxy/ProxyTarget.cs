using Cinema.Grains;
using Cinema.Sip.Messages;

namespace Cinema.Edge.Proxy;

/// <summary>
/// One place to send the request (RFC 3261 §16.5): the Request-URI it gets, and, for a registered contact, the
/// binding (its Path and the flow it registered over).
/// </summary>
internal sealed record ProxyTarget(SipUri RequestUri, Binding? Binding);
