namespace Cinema.Sip.Messages;

/// <summary>Method names (RFC 3261 §7.1 and extensions). Methods are case-sensitive tokens.</summary>
public static class SipMethod
{
    public const string Invite = "INVITE";
    public const string Ack = "ACK";
    public const string Bye = "BYE";
    public const string Cancel = "CANCEL";
    public const string Register = "REGISTER";
    public const string Options = "OPTIONS";
    public const string Info = "INFO";
    public const string Prack = "PRACK";
    public const string Update = "UPDATE";
    public const string Subscribe = "SUBSCRIBE";
    public const string Notify = "NOTIFY";
    public const string Refer = "REFER";
    public const string Message = "MESSAGE";
    public const string Publish = "PUBLISH";

    private static readonly string[] Known = [Invite, Ack, Bye, Cancel, Register, Options, Info, Prack, Update, Subscribe, Notify, Refer, Message, Publish];

    /// <summary>Returns the shared string for a known method, so that parsing a method does not allocate.</summary>
    public static string Intern(ReadOnlySpan<byte> name)
    {
        foreach (var m in Known)
        {
            if (Syntax.CharClass.EqualsText(name, m)) return m;
        }
        return System.Text.Encoding.Latin1.GetString(name);
    }

    public static bool IsKnown(string method) => Array.IndexOf(Known, method) >= 0;
}
