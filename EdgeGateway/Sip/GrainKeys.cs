namespace Cinema.Edge.Sip;

/// <summary>
/// Grain references by string key for the per-message paths. Orleans' <c>GetGrain&lt;T&gt;(key)</c> (10.4) works out
/// the interface's grain type from the interface's name, by reflection and type-name parsing, on every call and
/// keeps nothing: under calls that was about a fifth of the strings the server allocated, four times a call. Here
/// the grain type and interface type are worked out once per interface and a reference is made from the grain id.
/// </summary>
internal static class GrainKeys
{
    public static T ByKey<T>(this IGrainFactory grains, string key)
        where T : IGrainWithStringKey
    {
        var (grainType, interfaceType) = TypesOf<T>.Value ?? TypesOf<T>.Resolve(grains);
        return (T)grains.GetGrain(GrainId.Create(grainType, key), interfaceType);
    }

    private static class TypesOf<T>
        where T : IGrainWithStringKey
    {
        // Written once (a race writes the same value twice); the same for every grain factory of the process.
        public static (GrainType, GrainInterfaceType)? Value;

        public static (GrainType, GrainInterfaceType) Resolve(IGrainFactory grains)
        {
            var probe = (GrainReference)(object)grains.GetGrain<T>("-");
            var types = (probe.GrainId.Type, probe.InterfaceType);
            Value = types;
            return types;
        }
    }
}
