namespace Cinema.Silo.Storage;

/// <summary>Where and how the embedded SQLite grain storage keeps its data.</summary>
public sealed class SqliteStorageOptions
{
    /// <summary>The database file (created with its folder when missing).</summary>
    public string DatabasePath { get; set; } = Path.Combine("data", "cinema.db");

    /// <summary>
    /// Most writes committed in one transaction. Concurrent writers share one commit and so one fsync (group
    /// commit); each writer is answered only after the commit that holds its write.
    /// </summary>
    public int MaxBatch { get; set; } = 512;
}
