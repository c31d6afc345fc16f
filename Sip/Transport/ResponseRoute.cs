using System.Net;

namespace Cinema.Sip.Transport;

/// <summary>
/// Where the responses to one request received over UDP go (RFC 3261 §18.2.2, RFC 3581 §4), worked out once from its
/// top Via and source: the socket it came to and the address to answer. A transaction that only waits to re-send its
/// answer (a non-INVITE server transaction in Completed, up to 32 s) keeps this instead of the request.
/// </summary>
/// <param name="Local">The socket the request arrived on; the answer leaves from it, as a NAT expects.</param>
/// <param name="Destination">The address and port the answer goes to.</param>
public sealed record ResponseRoute(SipEndPoint Local, IPEndPoint Destination);
