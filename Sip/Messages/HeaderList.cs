using System.Collections;

namespace Cinema.Sip.Messages;

/// <summary>The header lines of a message, in order.</summary>
public readonly struct HeaderList : IReadOnlyList<HeaderField>
{
    private readonly ReadOnlyMemory<byte> _buffer;
    private readonly HeaderSlot[] _slots;

    internal HeaderList(ReadOnlyMemory<byte> buffer, HeaderSlot[] slots)
    {
        _buffer = buffer;
        _slots = slots;
    }

    public int Count => _slots.Length;

    public HeaderField this[int index] => new(_buffer, _slots[index]);

    public Enumerator GetEnumerator() => new(this);

    IEnumerator<HeaderField> IEnumerable<HeaderField>.GetEnumerator()
    {
        for (var i = 0; i < _slots.Length; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable<HeaderField>)this).GetEnumerator();

    public struct Enumerator
    {
        private readonly HeaderList _list;
        private int _index;

        internal Enumerator(HeaderList list)
        {
            _list = list;
            _index = -1;
        }

        public readonly HeaderField Current => _list[_index];

        public bool MoveNext() => ++_index < _list.Count;
    }
}
