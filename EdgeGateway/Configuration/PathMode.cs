namespace Cinema.Edge.Configuration;

/// <summary>When the edge adds its Path to a registration (see <see cref="EdgeSettings.Path"/>).</summary>
public enum PathMode
{
    Auto = 0,
    Always,
    Never,
}
