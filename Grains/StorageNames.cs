namespace Cinema.Grains;

/// <summary>Names of the grain storage providers the silo registers.</summary>
public static class StorageNames
{
    /// <summary>Durable storage for registrations, accounts, call records and mailboxes.</summary>
    public const string Default = "cinema";
}
