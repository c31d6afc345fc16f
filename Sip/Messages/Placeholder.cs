namespace Cinema.Sip.Messages;
internal static class Placeholder { }
