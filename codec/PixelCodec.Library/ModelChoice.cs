using PixelCodec.Container;
using PixelCodec.Engine;
using PixelCodec.Modeling;
using PixelCodec.Modeling.Baseline;
using PixelCodec.Modeling.Mixing;
using PixelCodec.Modeling.Weighted;

namespace PixelCodec;

/// <summary>
/// Turns a --model value into a probability model: 'baseline' (the adaptive context model), 'weighted'
/// (the weighted-predictor model), the name of a shipped model (models/NAME/model.pxim, embedded in the
/// program), the path of an integer model file (.pxim) from `pixelcodec export`, a blend of any of
/// these joined by '+' (a <see cref="MixtureModel"/>: two experts blend as release 1 did, three or more
/// on the finer grid of version 2), 'weighted(NAME)' (the weighted-predictor model with NAME's tables
/// mixed into its own), 'default': the shipped default PixelRNN blended with both classical models, or
/// 'scales(SMALL;FULL)': a Multi-Scale PixelRNN (<see cref="MultiScaleModel"/>) that codes the image's
/// subsample with SMALL, then the image with FULL, a conditional network or a blend with one. A
/// conditional network named without scales(...) codes in two scales, its subsample with the default.
/// </summary>
public static class ModelChoice
{
    /// <summary>The baseline: the adaptive context model of the first release (LOCO-I-style).</summary>
    public const string Baseline = "baseline";

    /// <summary>The default: the default PixelRNN blended with both classical models (<see cref="DefaultBlend"/>).</summary>
    public const string Default = "default";

    private const string WithBaseline = "+" + Baseline;
    private const string ScalesPrefix = "scales(";

    /// <summary>What 'default' is: the default PixelRNN, the weighted-predictor model and the baseline, blended.</summary>
    public static string DefaultBlend => DefaultBlendOf(ShippedModels.DefaultName);

    private static string DefaultBlendOf(string network) => $"{network}+{WeightedPredictorModel.Name}{WithBaseline}";

    /// <summary>Every form a model name may take, in one sentence (for messages and command-line help).</summary>
    public static string Help => $"'{Default}' ({DefaultBlend}), '{Baseline}' (the adaptive context model), '{WeightedPredictorModel.Name}' (the weighted-predictor model), " +
                                 $"a shipped model ({string.Join(", ", ShippedModels.Names)}) or a .pxim file from `pixelcodec export`, " +
                                 $"a blend of these joined by '+' (e.g. {ShippedModels.DefaultName}{WithBaseline}), '{WeightedPredictorModel.Name}(NAME)': the weighted-predictor model mixing NAME's tables into its own, " +
                                 $"or '{ScalesPrefix}SMALL;FULL)': the subsample coded with SMALL, then the image with FULL, a multi-scale network or a blend with one";

    /// <summary>The highest --effort.</summary>
    public const int MaxEffort = 2;

    /// <summary>The model that <paramref name="name"/> names, in any of the forms <see cref="Help"/> lists.</summary>
    /// <exception cref="UnknownModelException">The name is none of them, or names a model file that cannot be used.</exception>
    public static IProbabilityModel Resolve(string name) => Resolve(name, withRetired: false);

    // withRetired: the names of retired models resolve too (only the decoder's catalog asks for them).
    private static IProbabilityModel Resolve(string name, bool withRetired)
    {
        IProbabilityModel model = ResolveScale(name, withRetired);
        return model is ISubsampleConditioned { NeedsSubsample: true } ? MultiScale(Resolve(Default, withRetired), model) : model;
    }

    // One scale: what the name says, without giving a conditional network its subsample model.
    private static IProbabilityModel ResolveScale(string name, bool withRetired)
    {
        if (name == Default)
            return Resolve(DefaultBlend, withRetired);
        if (name.StartsWith(ScalesPrefix, StringComparison.Ordinal) && name.EndsWith(')'))
        {
            string[] parts = name[ScalesPrefix.Length..^1].Split(';');
            if (parts.Length != 2)
                throw new UnknownModelException($"'{name}' is not scales(SMALL;FULL): give the two models between the brackets, separated by ';'");
            return MultiScale(Resolve(parts[0], withRetired), ResolveScale(parts[1], withRetired));
        }
        string[] experts = name.Split('+');
        if (experts.Length > 1 && experts.All(e => e.Length > 0))
        {
            IProbabilityModel[] resolved = [.. experts.Select(e => ResolveOne(e, withRetired))];
            return resolved.Length == 2 ? new MixtureModel(resolved[0], resolved[1]) : MixtureModel.Of(resolved);
        }
        return ResolveOne(name, withRetired);
    }

    private static MultiScaleModel MultiScale(IProbabilityModel subsample, IProbabilityModel full)
    {
        try
        {
            return new MultiScaleModel(subsample, full);
        }
        catch (ArgumentException e)
        {
            throw new UnknownModelException($"not a multi-scale model: {e.Message}");
        }
    }

    private static IProbabilityModel ResolveOne(string name, bool withRetired)
    {
        if (name == Baseline)
            return ContextModel.Instance;
        if (name == WeightedPredictorModel.Name)
            return WeightedPredictorModel.Instance;
        if (name.StartsWith(WeightedPredictorModel.Name + "(", StringComparison.Ordinal) && name.EndsWith(')'))
            return WeightedPredictorModel.With(ResolveOne(name[(WeightedPredictorModel.Name.Length + 1)..^1], withRetired));
        if (ShippedModels.Find(name) is { } shipped)
            return shipped;
        if (withRetired && ShippedModels.FindRetired(name) is { } retired)
            return retired;
        if (!File.Exists(name))
            throw new UnknownModelException($"unknown model '{name}': give {Help}");
        try
        {
            return new NeuralModel(Path.GetFileNameWithoutExtension(name), File.ReadAllBytes(name));
        }
        catch (InvalidModelException e)
        {
            throw new UnknownModelException($"'{name}' is not a usable model: {e.Message}");
        }
    }

    /// <summary>
    /// What else the encoder tries at an effort above 1, keeping the smallest file: for the default, the
    /// classical models, the default PixelRNN blended with the weighted-predictor model, and the
    /// weighted-predictor model mixing the default or the photographs' PixelRNN into its own questions
    /// (none decodes slower than the default); for any other model, nothing.
    /// </summary>
    public static IReadOnlyList<IProbabilityModel> Alternatives(string name, int effort) => effort <= 1 || name != Default
        ? []
        : [.. EffortAlternatives().Select(Resolve)];

    private static IEnumerable<string> EffortAlternatives() =>
    [
        WeightedPredictorModel.Name,
        WeightedPredictorModel.Name + WithBaseline,
        .. NetworkAlternatives(ShippedModels.DefaultName),
        $"{WeightedPredictorModel.Name}({ShippedModels.PhotoName})",
    ];

    // The higher efforts' forms of the default PixelRNN.
    private static IEnumerable<string> NetworkAlternatives(string network) =>
        [$"{network}+{WeightedPredictorModel.Name}", $"{WeightedPredictorModel.Name}({network})"];

    // Every form in which a release could code with a network that is now retired (each was the
    // default's): alone, with the baseline (release 1's default), in the default blend, and in the
    // higher efforts' forms.
    private static IEnumerable<IProbabilityModel> RetiredForms() => ShippedModels.RetiredNames
        .SelectMany(network => (string[])[network, network + WithBaseline, DefaultBlendOf(network), .. NetworkAlternatives(network)])
        .Select(name => Resolve(name, withRetired: true));

    /// <summary>
    /// What a decoder may use: the classical models, the default and what higher efforts try, every
    /// shipped model alone and blended with the baseline (release 1's default), the retired models in
    /// every form the default and the higher efforts coded with them, and the ones named.
    /// </summary>
    public static ModelCatalog Catalog(IEnumerable<string> names) =>
        new([Resolve(Default), .. Alternatives(Default, MaxEffort), .. ShippedModels.All, .. ShippedModels.All.Select(m => new MixtureModel(m, ContextModel.Instance)),
             .. RetiredForms(), .. names.Select(Resolve)]);
}
