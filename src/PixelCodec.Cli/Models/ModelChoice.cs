using PixelCodec.Container;
using PixelCodec.Engine;
using PixelCodec.Modeling;
using PixelCodec.Modeling.Baseline;

namespace PixelCodec.Cli.Models;

/// <summary>
/// Turns a --model value into a probability model: 'baseline' (the adaptive context model), 'default'
/// (the shipped default PixelRNN), the name of a shipped model (models/NAME/model.pxim, embedded in
/// the program), or the path of an integer model file (.pxim) from `pixelcodec export`.
/// </summary>
internal static class ModelChoice
{
    public const string Baseline = "baseline";
    public const string Default = "default";

    public static string Help => $"'{Default}' (the shipped default, {ShippedModels.DefaultName}), '{Baseline}' (the adaptive context model), " +
                                 $"a shipped model ({string.Join(", ", ShippedModels.Names)}) or a .pxim file from `pixelcodec export`";

    public static IProbabilityModel Resolve(string name)
    {
        if (name == Baseline)
            return ContextModel.Instance;
        if (ShippedModels.Find(name == Default ? ShippedModels.DefaultName : name) is { } shipped)
            return shipped;
        if (!File.Exists(name))
            throw new UserFacingException($"unknown model '{name}': give {Help}");
        try
        {
            return new NeuralModel(Path.GetFileNameWithoutExtension(name), File.ReadAllBytes(name));
        }
        catch (InvalidModelException e)
        {
            throw new UserFacingException($"'{name}' is not a usable model: {e.Message}");
        }
    }

    /// <summary>What a decoder may use: the baseline, every shipped model, and the ones named.</summary>
    public static ModelCatalog Catalog(IEnumerable<string> names) => new(ShippedModels.All.Concat(names.Select(Resolve)));
}
