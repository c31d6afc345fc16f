namespace Cinema.Sip.Messages.Syntax;

/// <summary>
/// One reusable list per thread and element type, for collecting values before they are copied into the exact-size
/// array a message keeps. Taken out while in use, so nested readers of the same type simply get a new list.
/// </summary>
internal static class ScratchList<T>
{
    private const int MaxKeptCapacity = 64;

    [ThreadStatic]
    private static List<T>? _free;

    public static List<T> Rent()
    {
        var list = _free ?? new List<T>(8);
        _free = null;
        return list;
    }

    /// <summary>The collected items as an array (the shared empty one when none); the list goes back for reuse.</summary>
    public static T[] ToArrayAndReturn(List<T> list)
    {
        var items = list.ToArray();
        list.Clear();
        if (list.Capacity <= MaxKeptCapacity) _free = list;
        return items;
    }
}
