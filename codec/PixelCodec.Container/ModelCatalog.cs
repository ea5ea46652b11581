using PixelCodec.Modeling;
using PixelCodec.Modeling.Baseline;
using PixelCodec.Modeling.Weighted;

namespace PixelCodec.Container;

/// <summary>The models a decoder may use, found by the identity a file records. Always holds the classical models, which need no file.</summary>
public sealed class ModelCatalog
{
    private readonly List<IProbabilityModel> _models = [ContextModel.Instance, WeightedPredictorModel.Instance];

    public ModelCatalog(params IEnumerable<IProbabilityModel> extraModels)
    {
        foreach (IProbabilityModel model in extraModels)
            if (Find(model.Identity.Id) is null)
                _models.Add(model);
    }

    public IReadOnlyList<IProbabilityModel> Models => _models;

    public IProbabilityModel? Find(ReadOnlySpan<byte> modelId)
    {
        foreach (IProbabilityModel model in _models)
            if (model.Identity.Id.SequenceEqual(modelId))
                return model;
        return null;
    }
}
