using Cinema.Sip.Messages;

namespace Cinema.Sip.Validation;

/// <summary>
/// The semantic checks of a well-formed request that come before processing, in the order RFC 3261 gives:
/// §16.3 for a proxy (URI scheme, Max-Forwards, Proxy-Require) and §8.2.1–8.2.3 for a UAS (method, Require,
/// content type, Accept). Loop detection needs the proxy's own identity and is done by the proxy.
/// </summary>
public sealed class RequestValidator
{
    private readonly HashSet<string> _extensions;
    private readonly HashSet<string> _methods;
    private readonly IReadOnlyList<MediaType> _contentTypes;

    /// <param name="supportedExtensions">Option tags we implement (path, outbound, gruu…).</param>
    /// <param name="allowedMethods">Methods a UAS here accepts (answer 405 otherwise).</param>
    /// <param name="acceptedContentTypes">Body types a UAS here understands (answer 415 otherwise).</param>
    public RequestValidator(IEnumerable<string> supportedExtensions, IEnumerable<string> allowedMethods, IEnumerable<MediaType> acceptedContentTypes)
    {
        _extensions = new HashSet<string>(supportedExtensions, StringComparer.OrdinalIgnoreCase);
        _methods = new HashSet<string>(allowedMethods, StringComparer.Ordinal);
        _contentTypes = [.. acceptedContentTypes];
    }

    public Rejection? Validate(SipRequest request, ValidationRole role)
    {
        // §16.3 step 2 / §8.2.2.1: a URI scheme we do not understand.
        if (request.RequestUri.Scheme == UriScheme.Other)
            return new Rejection(416, "Unsupported URI Scheme");

        // §16.3 step 3: Max-Forwards of zero. (An OPTIONS addressed to the proxy itself is answered by it as a UAS.)
        if (role == ValidationRole.Proxy && request.MaxForwards == 0)
            return new Rejection(483, "Too Many Hops");

        // §16.3 step 5 (proxy) and §8.2.2.3 (UAS): option tags we do not support.
        var unsupported = Unsupported(request.ProxyRequire);
        if (role != ValidationRole.Proxy) unsupported.AddRange(Unsupported(request.Require));
        if (unsupported.Count > 0)
            return new Rejection(420, "Bad Extension", [new(HeaderNames.Unsupported, string.Join(", ", unsupported.Distinct(StringComparer.OrdinalIgnoreCase)))]);

        if (role == ValidationRole.Proxy) return null;

        // §10.3 step 1 and RFC 4475 §3.3.4: an address-of-record must be a SIP or SIPS URI.
        if (role == ValidationRole.Registrar)
        {
            if (!request.To.Uri.IsSip || !request.From.Uri.IsSip)
                return new Rejection(416, "Unsupported URI Scheme");
        }

        // §8.2.1: a method we do not implement.
        if (!_methods.Contains(request.Method))
            return new Rejection(405, "Method Not Allowed", [new(HeaderNames.Allow, string.Join(", ", _methods))]);

        // §8.2.3: a body we cannot read.
        if (!request.Body.IsEmpty && request.ContentType is { } type && !_contentTypes.Any(t => t.Matches(type)))
            return new Rejection(415, "Unsupported Media Type", [new(HeaderNames.Accept, string.Join(", ", _contentTypes))]);
        if (request.ContentEncoding.Any(e => !string.Equals(e, "identity", StringComparison.OrdinalIgnoreCase)))
            return new Rejection(415, "Unsupported Media Type", [new(HeaderNames.Accept, string.Join(", ", _contentTypes))]);

        // §21.4.7 and RFC 4475 §3.3.15: the answer we would send (SDP) is not acceptable to the caller.
        if (request.Method == SipMethod.Invite && request.Has(HeaderKind.Accept) && !request.Accept.Any(a => a.Matches(MediaType.Sdp)))
            return new Rejection(406, "Not Acceptable", [new(HeaderNames.Accept, MediaType.Sdp.ToString())]);

        return null;
    }

    private List<string> Unsupported(IReadOnlyList<string> required) => required.Where(t => !_extensions.Contains(t)).ToList();
}
