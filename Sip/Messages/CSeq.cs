using System.Globalization;

namespace Cinema.Sip.Messages;

/// <summary>The CSeq header: a sequence number and the request method (RFC 3261 §20.16).</summary>
public readonly record struct CSeq(uint Number, string Method)
{
    public override string ToString() => Number.ToString(CultureInfo.InvariantCulture) + " " + Method;
}
