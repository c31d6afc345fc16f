using Cinema.Sip.Messages;

namespace Cinema.Sip.Parsing;

/// <summary>
/// A per-thread scratch array for the header index, so that parsing neither zeroes a large stack buffer nor
/// allocates one; the message gets an exact-size copy. Taken out while in use, so a nested parse gets its own.
/// </summary>
internal static class HeaderSlotScratch
{
    private const int Initial = 64;
    private const int MaxKept = 1024;

    [ThreadStatic]
    private static HeaderSlot[]? _free;

    public static HeaderSlot[] Rent()
    {
        var slots = _free ?? new HeaderSlot[Initial];
        _free = null;
        return slots;
    }

    public static HeaderSlot[] Grow(HeaderSlot[] slots)
    {
        var bigger = new HeaderSlot[slots.Length * 2];
        slots.CopyTo(bigger, 0);
        return bigger;
    }

    public static void Return(HeaderSlot[] slots)
    {
        if (slots.Length <= MaxKept) _free = slots;
    }
}
