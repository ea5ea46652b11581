using System.Security.Cryptography;
using System.Text;
using PixelCodec.Entropy;

namespace PixelCodec.Modeling.Weighted;

/// <summary>
/// The strongest classical expert: a blend of linear and NLMS predictors weighted by their errors
/// nearby, with bias correction, and a distribution from a tree of mixed adaptive questions (see
/// <see cref="WeightedPredictorSession"/>). Alone it needs no model file and codes 1 to 4 channels.
/// <see cref="With"/> gives it an expert (a PixelRNN) whose tables enter every question's mix.
/// Its identity is the hash of its versioned name (and the expert's): changing its predictors,
/// contexts or adaptation changes that name.
/// </summary>
public sealed class WeightedPredictorModel : IProbabilityModel
{
    /// <summary>The identity's name; with an expert, "weighted(expert's name)".</summary>
    public const string Name = "weighted";

    /// <summary>What the identity of the model alone hashes.</summary>
    public const string VersionedName = "pixelcodec/weighted-predictor/v1";

    /// <summary>What the identity of the model with an expert hashes, followed by the expert's <see cref="ModelIdentity.Hash"/>.</summary>
    public const string WithExpertVersionedName = "pixelcodec/weighted-predictor-with-expert/v1";

    /// <summary>The model alone, without an expert; it holds no state of a plane, so one serves every caller.</summary>
    public static readonly WeightedPredictorModel Instance = new(null);

    private readonly IProbabilityModel? _expert;

    private WeightedPredictorModel(IProbabilityModel? expert)
    {
        _expert = expert;
        Identity = expert is null
            ? new ModelIdentity(Name, SHA256.HashData(Encoding.ASCII.GetBytes(VersionedName)))
            : new ModelIdentity($"{Name}({expert.Identity.Name})", SHA256.HashData([.. Encoding.ASCII.GetBytes(WithExpertVersionedName), .. expert.Identity.Hash]));
    }

    /// <summary>The model with <paramref name="expert"/>'s tables mixed into its own.</summary>
    public static WeightedPredictorModel With(IProbabilityModel expert) => new(expert);

    /// <inheritdoc />
    public ModelIdentity Identity { get; }

    /// <summary>Whether <paramref name="channels"/> is 1 to 4 and the expert, if there is one, codes that many.</summary>
    public bool SupportsChannels(int channels) =>
        channels is >= 1 and <= WeightedPredictorSession.MaxChannels && (_expert?.SupportsChannels(channels) ?? true);

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The shape has a channel count the model does not code.</exception>
    public IEncoderPass BeginEncoding(ReadOnlyMemory<byte> plane, PlaneShape shape)
    {
        CheckChannels(shape);
        var session = new WeightedPredictorSession(shape, CodingOrder.Raster, _expert is not null);
        return _expert is null
            ? new SequentialEncoderPass(session, plane, shape)
            : new WithExpertEncoderPass(_expert.BeginEncoding(plane, shape), session, plane, shape);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The shape has a channel count the model does not code.</exception>
    public IDecoderSession BeginDecoding(PlaneShape shape) => BeginDecoding(shape, CodingOrder.Raster);

    /// <summary>
    /// Every order the expert, if there is one, codes in: the model reads a sub-pixel's neighbours (at most
    /// one column right in the rows above) in its own and the previous channel, and the earlier channels of
    /// its pixel, which every <see cref="CodingOrder"/> codes before it.
    /// </summary>
    public bool SupportsOrder(CodingOrder order) => _expert?.SupportsOrder(order) ?? true;

    /// <summary>The expert's (raster order without one: nothing here is faster in another).</summary>
    public CodingOrder PreferredOrder => _expert?.PreferredOrder ?? CodingOrder.Raster;

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The shape has a channel count the model does not code.</exception>
    public IDecoderSession BeginDecoding(PlaneShape shape, CodingOrder order)
    {
        CheckChannels(shape);
        var session = new WeightedPredictorSession(shape, order, _expert is not null);
        return _expert is null ? session : new WithExpertDecoderSession(_expert.BeginDecoding(shape, order), session);
    }

    /// <inheritdoc />
    public IDecoderSession[] BeginDecodingTogether(IReadOnlyList<PlaneShape> shapes)
    {
        if (_expert is null)
            return [.. shapes.Select(BeginDecoding)];
        foreach (PlaneShape shape in shapes)
            CheckChannels(shape);
        IDecoderSession[] experts = _expert.BeginDecodingTogether(shapes);
        return [.. shapes.Select((shape, m) => new WithExpertDecoderSession(experts[m], new WeightedPredictorSession(shape, CodingOrder.Raster, withExpert: true)))];
    }

    private void CheckChannels(PlaneShape shape)
    {
        if (!SupportsChannels(shape.Channels))
            throw new ArgumentException($"the model {Identity.Name} does not code {shape.Channels} channels");
    }

    private sealed class WithExpertEncoderPass(IEncoderPass expert, WeightedPredictorSession session, ReadOnlyMemory<byte> plane, PlaneShape shape) : IEncoderPass
    {
        private readonly ushort[] _expertRow = new ushort[shape.Stride * FrequencyTable.Symbols];

        public void TablesForRow(int y, Span<ushort> tables)
        {
            expert.TablesForRow(y, _expertRow);
            ReadOnlySpan<byte> row = plane.Span.Slice(y * shape.Stride, shape.Stride);
            for (int i = 0; i < row.Length; i++)
            {
                Range table = (i * FrequencyTable.Symbols)..((i + 1) * FrequencyTable.Symbols);
                session.NextTable(tables[table], _expertRow.AsSpan(table));
                session.Observe(row[i]);
            }
        }
    }

    private sealed class WithExpertDecoderSession(IDecoderSession expert, WeightedPredictorSession session) : IDecoderSession
    {
        private readonly ushort[] _expertTable = new ushort[FrequencyTable.Symbols];

        public void NextTable(Span<ushort> table)
        {
            expert.NextTable(_expertTable);
            session.NextTable(table, _expertTable);
        }

        public void Observe(byte value)
        {
            expert.Observe(value);
            session.Observe(value);
        }
    }
}
