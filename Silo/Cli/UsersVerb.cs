namespace Cinema.Silo.Cli;

/// <summary>What `users` is asked to do.</summary>
public enum UsersVerb
{
    Add,
    List,
    Passwd,
    Disable,
    Enable,
    Remove,
}
