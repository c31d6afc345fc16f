using System.Collections.Immutable;

namespace Cinema.Sip.Sdp;

// Records compare ImmutableArray<T> by reference; SDP model types need element-wise equality
// so that parse → write → parse yields an equal description.
internal static class SdpLists
{
    public static ImmutableArray<T> OrEmpty<T>(ImmutableArray<T> value) => value.IsDefault ? [] : value;

    public static bool SequenceEqual<T>(ImmutableArray<T> left, ImmutableArray<T> right)
        where T : IEquatable<T>?
        => left.AsSpan().SequenceEqual(right.AsSpan());

    public static void AddAll<T>(ref HashCode hash, ImmutableArray<T> items)
    {
        hash.Add(items.Length);
        foreach (var item in items)
        {
            hash.Add(item);
        }
    }
}
