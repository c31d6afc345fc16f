namespace Cinema.Silo.Storage;

/// <summary>
/// The PostgreSQL schema could not be checked or applied. The message says why and where (host, port, database,
/// user), never the password, so that it can be shown as it is.
/// </summary>
public sealed class PostgresSchemaException : Exception
{
    public PostgresSchemaException()
    {
    }

    public PostgresSchemaException(string message) : base(message)
    {
    }

    public PostgresSchemaException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
