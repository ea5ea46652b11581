using System.Reflection;
using PixelCodec.Engine;

namespace PixelCodec.Cli.Models;

/// <summary>
/// The integer models under models/ in the repository, embedded in the program (resources named
/// "model:NAME") so that it codes from any directory. Each is read and hashed on first use, and parsed
/// only when it codes something.
/// </summary>
internal static class ShippedModels
{
    /// <summary>The model `encode` uses unless told otherwise (models/README.md says why this one).</summary>
    public const string DefaultName = "rowlstm-h64";

    private const string Prefix = "model:";
    private static readonly Assembly Assembly = typeof(ShippedModels).Assembly;
    private static readonly Dictionary<string, Lazy<NeuralModel>> Loaded = Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
        .ToDictionary(n => n[Prefix.Length..], n => new Lazy<NeuralModel>(() => Load(n)));

    public static IEnumerable<string> Names => Loaded.Keys.Order(StringComparer.Ordinal);

    public static IEnumerable<NeuralModel> All => Names.Select(n => Loaded[n].Value);

    public static NeuralModel? Find(string name) => Loaded.TryGetValue(name, out Lazy<NeuralModel>? model) ? model.Value : null;

    private static NeuralModel Load(string resource)
    {
        using Stream stream = Assembly.GetManifestResourceStream(resource)!;
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return NeuralModel.Deferred(resource[Prefix.Length..], bytes);
    }
}
