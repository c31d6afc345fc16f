using Cinema.Sip.Messages;

namespace Cinema.Sip.Tests.Messages;

public class HeaderSlotTests
{
    [Theory]
    [InlineData(HeaderKind.Unknown, 1)]
    [InlineData(HeaderKind.Warning, 7)]
    [InlineData(HeaderKind.Via, 0x80_0000)]
    [InlineData(HeaderKind.CallId, HeaderSlot.MaxNameLength)]
    public void Packed_slot_gives_back_the_kind_and_name_length_it_was_made_with(HeaderKind kind, int nameLength)
    {
        var slot = new HeaderSlot(kind, 12, nameLength, 40, 9);
        Assert.Equal((kind, 12, nameLength, 40, 9), (slot.Kind, slot.NameStart, slot.NameLength, slot.ValueStart, slot.ValueLength));
    }
}
