using Cinema.Edge.Configuration;
using Cinema.Grains;
using Microsoft.Extensions.Configuration;

namespace Cinema.Silo.Hosting;

/// <summary>Reads Cinema:Registrar:* with checks that name the bad key and value.</summary>
public static class RegistrarSettings
{
    public static RegistrarOptions Read(IConfiguration config)
    {
        const string s = RegistrarOptions.Section;
        var options = new RegistrarOptions
        {
            MinExpires = ConfigReader.BigNumber(config, s + ":MinExpires", 60, 1, uint.MaxValue),
            MaxExpires = ConfigReader.BigNumber(config, s + ":MaxExpires", 86_400, 1, uint.MaxValue),
            DefaultExpires = ConfigReader.BigNumber(config, s + ":DefaultExpires", 3_600, 1, uint.MaxValue),
            MaxBindings = ConfigReader.Number(config, s + ":MaxBindings", 32, 1, 10_000),
        };
        if (options.MaxExpires < options.MinExpires)
            throw new ConfigurationException(s + ":MaxExpires", options.MaxExpires.ToString(System.Globalization.CultureInfo.InvariantCulture), "must not be below Cinema:Registrar:MinExpires");
        return options;
    }
}
