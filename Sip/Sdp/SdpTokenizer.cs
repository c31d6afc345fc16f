namespace Cinema.Sip.Sdp;

// Splits a field value into space-separated tokens. RFC 8866 §9 uses a single SP between
// sub-fields; runs of spaces are tolerated because some stacks emit them.
internal ref struct SdpTokenizer(ReadOnlySpan<char> text)
{
    private ReadOnlySpan<char> _rest = text;

    public bool TryNext(out ReadOnlySpan<char> token)
    {
        _rest = _rest.TrimStart(' ');
        if (_rest.IsEmpty)
        {
            token = default;
            return false;
        }

        var end = _rest.IndexOf(' ');
        if (end < 0)
        {
            token = _rest;
            _rest = default;
        }
        else
        {
            token = _rest[..end];
            _rest = _rest[end..];
        }

        return true;
    }

    public static int Count(ReadOnlySpan<char> text)
    {
        var tokenizer = new SdpTokenizer(text);
        var count = 0;
        while (tokenizer.TryNext(out _))
        {
            count++;
        }

        return count;
    }
}
