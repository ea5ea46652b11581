using PixelCodec.Modeling;
using PixelCodec.Modeling.Baseline;
using PixelCodec.Modeling.Weighted;

namespace PixelCodec.Container;

/// <summary>The models a decoder may use, found by the identity a file records. Always holds the classical models, which need no file.</summary>
public sealed class ModelCatalog
{
    private readonly List<IProbabilityModel> _models = [ContextModel.Instance, WeightedPredictorModel.Instance];

    /// <summary>The classical models and <paramref name="extraModels"/> (a model whose identity is already there is left out).</summary>
    public ModelCatalog(params IEnumerable<IProbabilityModel> extraModels)
    {
        foreach (IProbabilityModel model in extraModels)
            if (Find(model.Identity.Id) is null)
                _models.Add(model);
    }

    /// <summary>Every model, the classical ones first.</summary>
    public IReadOnlyList<IProbabilityModel> Models => _models;

    /// <summary>The model whose id (as a .prnn header records it) is <paramref name="modelId"/>, or null.</summary>
    public IProbabilityModel? Find(ReadOnlySpan<byte> modelId)
    {
        foreach (IProbabilityModel model in _models)
            if (model.Identity.Id.SequenceEqual(modelId))
                return model;
        return null;
    }
}
