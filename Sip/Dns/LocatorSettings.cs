using Cinema.Sip.Transport;

namespace Cinema.Sip.Dns;

/// <summary>An immutable copy of the options a locator was built with, so later edits to the options object have no effect.</summary>
internal sealed record LocatorSettings(
    IReadOnlyList<SipTransportKind> Transports,
    SipAddressFamilyPreference AddressFamilyPreference,
    TimeSpan ResolutionTimeout)
{
    public static LocatorSettings From(SipServerLocatorOptions options) =>
        new([.. options.Transports.Distinct()], options.AddressFamilyPreference, options.ResolutionTimeout);
}
