using Cinema.Sip.Messages;

namespace Cinema.Grains;

/// <summary>
/// REGISTER processing of RFC 3261 §10.3 steps 6–8 (with RFC 5626 instance/reg-id matching) over a list of
/// bindings, separate from where the bindings are stored. All-or-nothing: on any error the list is unchanged.
/// </summary>
internal static class RegistrarRules
{
    /// <summary>Applies <paramref name="request"/> to <paramref name="bindings"/> (already free of expired entries).</summary>
    /// <returns>The result and whether the list changed.</returns>
    public static (RegisterResult Result, bool Changed) Apply(List<Binding> bindings, RegisterRequest request, DateTimeOffset now, RegistrarOptions options)
    {
        if (request.Wildcard) return Wildcard(bindings, request, options);

        // Work on a copy so that a failure part-way leaves the stored bindings untouched.
        var updated = new List<Binding>(bindings);
        var changed = false;
        foreach (var contact in request.Contacts)
        {
            if (!SipUri.TryParse(contact.Uri, out var uri, out var uriError))
                return (Fail(RegisterStatus.InvalidContact, "Invalid Contact URI: " + uriError, bindings), false);

            // Step 7: expiry from the parameter, else the header, else the default.
            var expires = contact.Expires ?? request.Expires ?? options.DefaultExpires;
            if (expires != 0 && expires < options.MinExpires)
                return (new RegisterResult(RegisterStatus.IntervalTooBrief, "Interval Too Brief", [.. bindings], options.MinExpires), false);
            expires = Math.Min(expires, options.MaxExpires);

            var index = FindBinding(updated, contact, uri);
            if (index >= 0)
            {
                var existing = updated[index];
                // Same Call-ID: the CSeq must grow, or the request is out of order (RFC 3261 §10.3 step 7).
                if (existing.CallId == request.CallId && request.CSeq < existing.CSeq)
                    return (Fail(RegisterStatus.OutOfOrder, "Out of order REGISTER", bindings), false);
                // The same CSeq is this very request again: retransmissions are absorbed by the transaction layer,
                // so it can only be the edge trying again after the answer was lost with a silo. It was applied.
                if (existing.CallId == request.CallId && request.CSeq == existing.CSeq) continue;
                updated.RemoveAt(index);
                changed = true;
            }
            if (expires == 0) continue;
            if (updated.Count >= options.MaxBindings)
                return (Fail(RegisterStatus.TooManyBindings, "Too many contacts for this address", bindings), false);
            updated.Add(new Binding(contact.Uri, now.AddSeconds(expires), contact.Q, contact.InstanceId, contact.RegId,
                request.CallId, request.CSeq, request.Path, request.Source, now, contact.Parameters));
            changed = true;
        }
        if (changed)
        {
            bindings.Clear();
            bindings.AddRange(updated);
        }
        return (new RegisterResult(RegisterStatus.Ok, null, [.. bindings], null), changed);
    }

    // Step 6: "Contact: *" only with "Expires: 0" and no other contact; removes every binding unless one of them
    // has the same Call-ID with a CSeq at least as high.
    private static (RegisterResult, bool) Wildcard(List<Binding> bindings, RegisterRequest request, RegistrarOptions options)
    {
        _ = options;
        if (request.Contacts.Length > 0 || request.Expires != 0)
            return (Fail(RegisterStatus.InvalidWildcard, "Contact * needs Expires: 0 and no other Contact", bindings), false);
        foreach (var b in bindings)
        {
            if (b.CallId == request.CallId && request.CSeq <= b.CSeq)
                return (Fail(RegisterStatus.OutOfOrder, "Out of order REGISTER", bindings), false);
        }
        var changed = bindings.Count > 0;
        bindings.Clear();
        return (new RegisterResult(RegisterStatus.Ok, null, [], null), changed);
    }

    /// <summary>
    /// RFC 5626 §6: with +sip.instance (and reg-id) the device is the key, so a phone that changes address keeps one
    /// binding; otherwise contacts are the same binding when their URIs are equivalent (RFC 3261 §10.3 step 7, §19.1.4).
    /// </summary>
    private static int FindBinding(List<Binding> bindings, ContactRequest contact, SipUri uri)
    {
        for (var i = 0; i < bindings.Count; i++)
        {
            var b = bindings[i];
            if (contact.InstanceId is not null)
            {
                if (b.InstanceId == contact.InstanceId && b.RegId == contact.RegId) return i;
                continue;
            }
            if (b.InstanceId is null && SipUri.TryParse(b.Uri, out var stored, out _) && stored.Equals(uri)) return i;
        }
        return -1;
    }

    /// <summary>Drops bindings that have expired at <paramref name="now"/>; returns whether any were dropped.</summary>
    public static bool Prune(List<Binding> bindings, DateTimeOffset now) => bindings.RemoveAll(b => b.ExpiresAt <= now) > 0;

    /// <summary>Routing order: q descending (no q counts as 1.0, RFC 3261 §16.6), then the most recently refreshed.</summary>
    public static Binding[] Ordered(List<Binding> bindings) =>
        [.. bindings.OrderByDescending(b => b.Q ?? 1.0).ThenByDescending(b => b.UpdatedAt)];

    private static RegisterResult Fail(RegisterStatus status, string reason, List<Binding> bindings) => new(status, reason, [.. bindings], null);
}
