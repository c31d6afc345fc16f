namespace Cinema.Silo.Cli;

/// <summary>How a command reaches the grains.</summary>
public enum GrainAccess
{
    /// <summary>As an Orleans client of the server running on this configuration's gateway port, so its grains see the change at once.</summary>
    RunningServer,

    /// <summary>Through a silo started for the command on the same data folder, when no server runs.</summary>
    TemporarySilo,
}
