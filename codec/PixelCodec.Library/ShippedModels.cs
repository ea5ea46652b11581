using System.Reflection;
using PixelCodec.Engine;

namespace PixelCodec;

/// <summary>
/// The integer models under models/ in the repository, embedded in the program (resources named
/// "model:NAME") so that it codes from any directory; and the retired ones (models/retired/NAME.pxim,
/// "retired:NAME"), which only decode the files earlier releases made with them. Each is read and
/// hashed on first use, and parsed only when it codes something.
/// </summary>
public static class ShippedModels
{
    /// <summary>The PixelRNN of the default coder: unless told otherwise, `encode` codes with it blended with the baseline (models/README.md says why this one).</summary>
    public const string DefaultName = "rowlstm-h64";

    /// <summary>The PixelRNN fine-tuned on photographs, which `--effort 2` also tries (models/rowlstm-h64-photos/README.md).</summary>
    public const string PhotoName = "rowlstm-h64-photos";

    private static readonly Assembly Assembly = typeof(ShippedModels).Assembly;
    private static readonly Dictionary<string, Lazy<NeuralModel>> Loaded = Embedded("model:");
    private static readonly Dictionary<string, Lazy<NeuralModel>> RetiredModels = Embedded("retired:");

    /// <summary>The names of the shipped models, in order.</summary>
    public static IEnumerable<string> Names => Loaded.Keys.Order(StringComparer.Ordinal);

    /// <summary>The shipped models, in the order of <see cref="Names"/>.</summary>
    public static IEnumerable<NeuralModel> All => Names.Select(n => Loaded[n].Value);

    /// <summary>Models earlier releases shipped: they decode those releases' files, and code nothing new.</summary>
    public static IEnumerable<NeuralModel> Retired => RetiredNames.Select(n => RetiredModels[n].Value);

    /// <summary>The names of the retired models (NAME-ID), in the order of <see cref="Retired"/>.</summary>
    public static IEnumerable<string> RetiredNames => RetiredModels.Keys.Order(StringComparer.Ordinal);

    /// <summary>The retired model of this name (NAME-ID), or null.</summary>
    public static NeuralModel? FindRetired(string name) => RetiredModels.TryGetValue(name, out Lazy<NeuralModel>? model) ? model.Value : null;

    /// <summary>The shipped model of this name, or null.</summary>
    public static NeuralModel? Find(string name) => Loaded.TryGetValue(name, out Lazy<NeuralModel>? model) ? model.Value : null;

    private static Dictionary<string, Lazy<NeuralModel>> Embedded(string prefix) => Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
        .ToDictionary(n => n[prefix.Length..], n => new Lazy<NeuralModel>(() => Load(n, n[prefix.Length..])));

    private static NeuralModel Load(string resource, string name)
    {
        using Stream stream = Assembly.GetManifestResourceStream(resource)!;
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return NeuralModel.Deferred(name, bytes);
    }
}
