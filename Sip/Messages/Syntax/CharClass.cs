using System.Buffers;

namespace Cinema.Sip.Messages.Syntax;

/// <summary>Character classes of the RFC 3261 §25.1 grammar, as a 256-entry flag table over bytes.</summary>
internal static class CharClass
{
    [Flags]
    private enum C : ushort
    {
        None = 0,
        Alpha = 1 << 0,
        Digit = 1 << 1,
        Token = 1 << 2,         // token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~")
        Unreserved = 1 << 3,    // alphanum / mark
        UserExtra = 1 << 4,     // user-unreserved: "&" / "=" / "+" / "$" / "," / ";" / "?" / "/"
        PasswordExtra = 1 << 5, // "&" / "=" / "+" / "$" / ","
        ParamExtra = 1 << 6,    // param-unreserved: "[" / "]" / "/" / ":" / "&" / "+" / "$"
        HeaderExtra = 1 << 7,   // hnv-unreserved: "[" / "]" / "/" / "?" / ":" / "+" / "$"
        Word = 1 << 8,          // word (Call-ID)
        Hex = 1 << 9,
        Host = 1 << 10,         // hostname characters (alphanum / "-" / "." ; "_" tolerated)
        Scheme = 1 << 11,       // ALPHA / DIGIT / "+" / "-" / "."
        Uric = 1 << 12,         // reserved / unreserved (absoluteURI opaque part), without escapes
        TelChar = 1 << 13,      // telephone-subscriber characters before parameters
    }

    private static readonly C[] Table = Build();

    // The same classes as vectorised sets, for skipping runs (tokens, host names, user parts, words) in one call.
    public static readonly SearchValues<byte> TokenValues = Values(C.Token);
    public static readonly SearchValues<byte> HostValues = Values(C.Host);
    public static readonly SearchValues<byte> WordValues = Values(C.Word);
    public static readonly SearchValues<byte> UserValues = Values(C.Unreserved | C.UserExtra);

    /// <summary>token / host, the unquoted gen-value of a header parameter (":" "[" "]" for IPv6, RFC 5118 §4.5).</summary>
    public static readonly SearchValues<byte> GenValueValues = SearchValues.Create([.. Bytes(C.Token), (byte)':', (byte)'[', (byte)']']);

    private static SearchValues<byte> Values(C flags) => SearchValues.Create(Bytes(flags));

    private static byte[] Bytes(C flags)
    {
        var bytes = new List<byte>();
        for (var b = 0; b < 256; b++)
        {
            if ((Table[b] & flags) != 0) bytes.Add((byte)b);
        }
        return [.. bytes];
    }

    private static C[] Build()
    {
        var t = new C[256];
        for (var c = 'a'; c <= 'z'; c++) { t[c] |= C.Alpha; t[c - 32] |= C.Alpha; }
        for (var c = '0'; c <= '9'; c++) t[c] |= C.Digit;
        for (var i = 0; i < 256; i++)
        {
            if ((t[i] & (C.Alpha | C.Digit)) != 0)
                t[i] |= C.Token | C.Unreserved | C.Word | C.Host | C.Scheme | C.Uric;
        }
        Mark("-.!%*_+`'~", C.Token);
        Mark("-_.!~*'()", C.Unreserved);
        Mark("&=+$,;?/", C.UserExtra);
        Mark("&=+$,", C.PasswordExtra);
        Mark("[]/:&+$", C.ParamExtra);
        Mark("[]/?:+$", C.HeaderExtra);
        Mark("-.!%*_+`'~()<>:\\\"/[]?{}", C.Word);
        Mark("0123456789abcdefABCDEF", C.Hex);
        Mark("-._", C.Host);
        Mark("+-.", C.Scheme);
        Mark(";/?:@&=+$,-_.!~*'()%[]", C.Uric);
        Mark("0123456789abcdefABCDEF*#+-.()pPwW", C.TelChar);
        return t;

        void Mark(string chars, C flag)
        {
            foreach (var ch in chars) t[ch] |= flag;
        }
    }

    public static bool IsAlpha(byte b) => (Table[b] & C.Alpha) != 0;
    public static bool IsDigit(byte b) => (uint)(b - '0') <= 9;
    public static bool IsHex(byte b) => (Table[b] & C.Hex) != 0;
    public static bool IsToken(byte b) => (Table[b] & C.Token) != 0;
    public static bool IsWord(byte b) => (Table[b] & C.Word) != 0;
    public static bool IsUnreserved(byte b) => (Table[b] & C.Unreserved) != 0;
    public static bool IsUserChar(byte b) => (Table[b] & (C.Unreserved | C.UserExtra)) != 0;
    public static bool IsPasswordChar(byte b) => (Table[b] & (C.Unreserved | C.PasswordExtra)) != 0;
    public static bool IsParamChar(byte b) => (Table[b] & (C.Unreserved | C.ParamExtra)) != 0;
    public static bool IsHeaderChar(byte b) => (Table[b] & (C.Unreserved | C.HeaderExtra)) != 0;
    public static bool IsHostChar(byte b) => (Table[b] & C.Host) != 0;
    public static bool IsSchemeChar(byte b) => (Table[b] & C.Scheme) != 0;
    public static bool IsUric(byte b) => (Table[b] & C.Uric) != 0;
    public static bool IsTelChar(byte b) => (Table[b] & C.TelChar) != 0;
    public static bool IsWsp(byte b) => b is (byte)' ' or (byte)'\t';

    /// <summary>UTF8-NONASCII lead and continuation bytes are allowed inside quoted strings, reason phrases and comments.</summary>
    public static bool IsUtf8NonAscii(byte b) => b >= 0x80;

    public static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };

    /// <summary>
    /// True when <paramref name="s"/> is <paramref name="lower"/> with any ASCII letters in either case;
    /// <paramref name="lower"/> is written in lower case. For the short names of the grammar (header names,
    /// schemes, "SIP/2.0") a plain loop costs less than the general <c>Ascii.EqualsIgnoreCase</c>.
    /// </summary>
    public static bool EqualsLower(ReadOnlySpan<byte> s, ReadOnlySpan<byte> lower)
    {
        if (s.Length != lower.Length) return false;
        for (var i = 0; i < s.Length; i++)
        {
            var b = s[i];
            if ((uint)(b - 'A') <= 'Z' - 'A') b |= 0x20;
            if (b != lower[i]) return false;
        }
        return true;
    }

    /// <summary>True when the bytes are exactly <paramref name="text"/>, an ASCII text (case-sensitive); a plain loop for short texts.</summary>
    public static bool EqualsText(ReadOnlySpan<byte> s, string text)
    {
        if (s.Length != text.Length) return false;
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] != text[i]) return false;
        }
        return true;
    }

    public static bool IsAllToken(ReadOnlySpan<byte> s) => !s.IsEmpty && !s.ContainsAnyExcept(TokenValues);

    /// <summary>Where the run of bytes of <paramref name="values"/> starting at <paramref name="from"/> ends.</summary>
    public static int SkipRun(ReadOnlySpan<byte> s, int from, SearchValues<byte> values)
    {
        var n = s[from..].IndexOfAnyExcept(values);
        return n < 0 ? s.Length : from + n;
    }
}
