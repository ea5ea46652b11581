using PixelCodec.Container;
using PixelCodec.Engine;
using PixelCodec.Modeling;
using PixelCodec.Modeling.Baseline;
using PixelCodec.Modeling.Mixing;
using PixelCodec.Modeling.Weighted;

namespace PixelCodec.Cli.Models;

/// <summary>
/// Turns a --model value into a probability model: 'baseline' (the adaptive context model), the name
/// of a shipped model (models/NAME/model.pxim, embedded in the program), the path of an integer model
/// file (.pxim) from `pixelcodec export`, either of the last two blended with the baseline
/// ('NAME+baseline', a <see cref="MixtureModel"/>), or 'default': the shipped default blended with the baseline.
/// </summary>
internal static class ModelChoice
{
    public const string Baseline = "baseline";
    public const string Default = "default";
    public const string WithBaseline = "+" + Baseline;

    public static string Help => $"'{Default}' ({ShippedModels.DefaultName}{WithBaseline}), '{Baseline}' (the adaptive context model), " +
                                 $"a shipped model ({string.Join(", ", ShippedModels.Names)}) or a .pxim file from `pixelcodec export`, " +
                                 $"either of these two blended with the baseline by adding '{WithBaseline}'";

    public static IProbabilityModel Resolve(string name)
    {
        if (name == Default)
            return WithTheBaseline(ShippedModels.Find(ShippedModels.DefaultName)!);
        string[] experts = name.Split('+');
        if (experts.Length > 1 && experts.All(e => e.Length > 0))
        {
            IProbabilityModel[] resolved = [.. experts.Select(ResolveOne)];
            return resolved.Length == 2 ? new MixtureModel(resolved[0], resolved[1]) : MixtureModel.Of(resolved);
        }
        return ResolveOne(name);
    }

    private static IProbabilityModel ResolveOne(string name)
    {
        if (name == Baseline)
            return ContextModel.Instance;
        if (name == WeightedPredictorModel.Name)
            return WeightedPredictorModel.Instance;
        if (ShippedModels.Find(name) is { } shipped)
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

    /// <summary>
    /// What a decoder may use: the baseline, every shipped model alone and blended with the baseline,
    /// the retired models (earlier releases coded with them alone), and the ones named.
    /// </summary>
    public static ModelCatalog Catalog(IEnumerable<string> names) =>
        new([WeightedPredictorModel.Instance, .. ShippedModels.All, .. ShippedModels.All.Select(WithTheBaseline), .. ShippedModels.Retired, .. names.Select(Resolve)]);

    private static MixtureModel WithTheBaseline(IProbabilityModel model) => new(model, ContextModel.Instance);
}
