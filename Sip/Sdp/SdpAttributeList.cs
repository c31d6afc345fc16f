using System.Collections.Immutable;

namespace Cinema.Sip.Sdp;

// Typed views over an attribute list. The list itself stays the source of truth so that
// unknown and malformed attributes survive a round trip verbatim.
internal static class SdpAttributeList
{
    public static SdpAttribute? Find(ImmutableArray<SdpAttribute> attributes, string name)
    {
        foreach (var attribute in attributes)
        {
            if (attribute.Is(name))
            {
                return attribute;
            }
        }

        return null;
    }

    public static int? FindInt32(ImmutableArray<SdpAttribute> attributes, string name)
    {
        var value = Find(attributes, name)?.Value;
        return value is not null && SdpNumber.TryParseInt32(value.AsSpan().Trim(' '), out var number) ? number : null;
    }

    // RFC 8866 §6.7: at most one direction attribute applies; if a peer sends several, the
    // last one wins here, which is as good a guess as any and keeps the result deterministic.
    public static MediaDirection? FindDirection(ImmutableArray<SdpAttribute> attributes)
    {
        MediaDirection? direction = null;
        foreach (var attribute in attributes)
        {
            if (attribute.IsProperty && MediaDirectionExtensions.FromAttributeName(attribute.Name) is { } found)
            {
                direction = found;
            }
        }

        return direction;
    }

    public static ImmutableArray<SdpAttribute> WithDirection(ImmutableArray<SdpAttribute> attributes, MediaDirection? direction)
    {
        var builder = ImmutableArray.CreateBuilder<SdpAttribute>(attributes.Length + 1);
        var insertAt = -1;
        foreach (var attribute in attributes)
        {
            if (attribute.IsProperty && MediaDirectionExtensions.FromAttributeName(attribute.Name) is not null)
            {
                // Keep the new direction where the old one was so that rewriting looks natural.
                insertAt = insertAt < 0 ? builder.Count : insertAt;
                continue;
            }

            builder.Add(attribute);
        }

        if (direction is { } value)
        {
            builder.Insert(insertAt < 0 ? builder.Count : insertAt, SdpAttribute.Direction(value));
        }

        return builder.DrainToImmutable();
    }

    public static ImmutableArray<SdpAttribute> Without(ImmutableArray<SdpAttribute> attributes, string name)
        => attributes.RemoveAll(attribute => attribute.Is(name));
}
