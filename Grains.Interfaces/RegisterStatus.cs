namespace Cinema.Grains;

/// <summary>The registrar's verdict, mapped to SIP status codes by the edge.</summary>
public enum RegisterStatus
{
    /// <summary>200 OK with the current bindings.</summary>
    Ok = 0,

    /// <summary>400: "Contact: *" with other contacts or with an Expires other than 0 (RFC 3261 §10.3 step 6).</summary>
    InvalidWildcard = 1,

    /// <summary>423 Interval Too Brief with Min-Expires (RFC 3261 §10.3 step 7).</summary>
    IntervalTooBrief = 2,

    /// <summary>500: a refresh with the same Call-ID and a CSeq not higher than stored (RFC 3261 §10.3 step 7).</summary>
    OutOfOrder = 3,

    /// <summary>400: a contact URI the registrar cannot store.</summary>
    InvalidContact = 4,

    /// <summary>403: more contacts than the per-user limit.</summary>
    TooManyBindings = 5,
}
