using PixelCodec.Container;
using PixelCodec.Modeling;
using PixelCodec.Modeling.Baseline;

namespace PixelCodec.Cli.Models;

/// <summary>Turns the --model option into a probability model.</summary>
internal static class ModelChoice
{
    public const string Baseline = "baseline";

    public static IProbabilityModel Resolve(string name) => name switch
    {
        Baseline => ContextModel.Instance,
        _ => throw new UserFacingException($"unknown model '{name}': this build offers only '{Baseline}'"),
    };

    public static ModelCatalog Catalog(IEnumerable<string> names) => new(names.Select(Resolve));
}
