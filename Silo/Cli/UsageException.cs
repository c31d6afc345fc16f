namespace Cinema.Silo.Cli;

/// <summary>A command line that cannot be run as given; the message names the bad word, and the usage is shown with it.</summary>
public sealed class UsageException : Exception
{
    public UsageException()
    {
    }

    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
