using System.Security.Cryptography;
using System.Text;
using PixelCodec.Entropy;

namespace PixelCodec.Modeling.Mixing;

/// <summary>
/// Several models as one: every sub-pixel's table is a blend of theirs, weighted towards whichever
/// blend has been coding that channel best lately (<see cref="BlendChooser"/>). A PixelRNN trained on
/// small images, one trained on photographs, and adaptive classical models err in different places, so
/// the blend codes smaller than any alone. Its identity is the hash of its versioned name and every
/// expert's hash, in order: changing the blending changes that name.
/// </summary>
public sealed class MixtureModel : IProbabilityModel, ISubsampleConditioned
{
    /// <summary>Two experts, nine weightings (the blend of release 1).</summary>
    public const string PairVersionedName = "pixelcodec/mixture/v1";

    /// <summary>Any number of experts, every weighting in steps of 1/8.</summary>
    public const string GridVersionedName = "pixelcodec/mixture/v2";

    private const int GridStep = 8;

    private readonly IProbabilityModel[] _experts;
    private readonly BlendScheme _scheme;
    private readonly string _versionedName;

    /// <summary>The two-expert blend of version 1 (files made with it keep decoding).</summary>
    public MixtureModel(IProbabilityModel first, IProbabilityModel second)
        : this([first, second], BlendScheme.Pair, PairVersionedName)
    {
    }

    private MixtureModel(IProbabilityModel[] experts, BlendScheme scheme, string versionedName)
    {
        _experts = experts;
        _scheme = scheme;
        _versionedName = versionedName;
        byte[] hashed = [.. Encoding.ASCII.GetBytes(versionedName), .. experts.SelectMany(e => e.Identity.Hash.ToArray())];
        Identity = new ModelIdentity(string.Join('+', experts.Select(e => e.Identity.Name)), SHA256.HashData(hashed));
    }

    /// <summary>The blend of version 2 over two or more experts.</summary>
    public static MixtureModel Of(params IProbabilityModel[] experts)
    {
        if (experts.Length < 2)
            throw new ArgumentException("a mixture needs at least two experts");
        return new MixtureModel(experts, BlendScheme.Grid(experts.Length, GridStep), GridVersionedName);
    }

    /// <inheritdoc />
    public ModelIdentity Identity { get; }

    /// <summary>The blended models, in the order their hashes enter the identity.</summary>
    public IReadOnlyList<IProbabilityModel> Experts => _experts;

    /// <summary>Whether an expert needs the plane's subsample (the conditional network of a Multi-Scale PixelRNN).</summary>
    public bool NeedsSubsample => _experts.Any(e => e is ISubsampleConditioned { NeedsSubsample: true });

    /// <summary>The same blend, each expert that needs the subsample given it.</summary>
    public IProbabilityModel Given(ReadOnlyMemory<byte> subsample) => NeedsSubsample
        ? new MixtureModel([.. _experts.Select(e => e is ISubsampleConditioned c ? c.Given(subsample) : e)], _scheme, _versionedName)
        : this;

    /// <summary>Whether every expert codes planes of <paramref name="channels"/> channels.</summary>
    public bool SupportsChannels(int channels) => _experts.All(e => e.SupportsChannels(channels));

    /// <inheritdoc />
    public IEncoderPass BeginEncoding(ReadOnlyMemory<byte> plane, PlaneShape shape) =>
        new EncoderPass([.. _experts.Select(e => e.BeginEncoding(plane, shape))], new BlendChooser(_scheme, shape.Channels), plane, shape);

    /// <inheritdoc />
    public IDecoderSession BeginDecoding(PlaneShape shape) => BeginDecoding(shape, CodingOrder.Raster);

    /// <summary>The orders every expert codes in.</summary>
    public bool SupportsOrder(CodingOrder order) => _experts.All(e => e.SupportsOrder(order));

    /// <summary>The first expert's preference other than raster order that every expert supports (a PixelRNN's wavefront), else raster order.</summary>
    public CodingOrder PreferredOrder =>
        _experts.Select(e => e.PreferredOrder).FirstOrDefault(o => !o.IsRaster && SupportsOrder(o)) ?? CodingOrder.Raster;

    /// <inheritdoc />
    public IDecoderSession BeginDecoding(PlaneShape shape, CodingOrder order) => BeginDecoding(shape, order, threads: 1);

    /// <inheritdoc />
    public IDecoderSession BeginDecoding(PlaneShape shape, CodingOrder order, int threads) =>
        new DecoderSession([.. _experts.Select(e => e.BeginDecoding(shape, order, threads))], new BlendChooser(_scheme, shape.Channels), order.Start(shape));

    /// <inheritdoc />
    public IDecoderSession[] BeginDecodingTogether(IReadOnlyList<PlaneShape> shapes)
    {
        IDecoderSession[][] experts = [.. _experts.Select(e => e.BeginDecodingTogether(shapes))];
        return [.. shapes.Select((shape, m) => new DecoderSession([.. experts.Select(e => e[m])], new BlendChooser(_scheme, shape.Channels), CodingOrder.Raster.Start(shape)))];
    }

    private sealed class EncoderPass(IEncoderPass[] experts, BlendChooser chooser, ReadOnlyMemory<byte> plane, PlaneShape shape) : IEncoderPass
    {
        private readonly int _rowTables = shape.Stride * FrequencyTable.Symbols;
        private readonly ushort[] _tables = new ushort[experts.Length * shape.Stride * FrequencyTable.Symbols];
        private readonly int[] _frequencies = new int[experts.Length];

        public void TablesForRow(int y, Span<ushort> tables)
        {
            for (int e = 0; e < experts.Length; e++)
                experts[e].TablesForRow(y, _tables.AsSpan(e * _rowTables, _rowTables));
            ReadOnlySpan<byte> row = plane.Span.Slice(y * shape.Stride, shape.Stride);
            for (int i = 0; i < row.Length; i++)
            {
                int table = i * FrequencyTable.Symbols;
                int channel = i % shape.Channels;
                chooser.Blend(channel, _tables.AsSpan(table), _rowTables, tables.Slice(table, FrequencyTable.Symbols));
                for (int e = 0; e < experts.Length; e++)
                    _frequencies[e] = _tables[e * _rowTables + table + row[i]];
                chooser.Observe(channel, _frequencies);
            }
        }
    }

    private sealed class DecoderSession(IDecoderSession[] experts, BlendChooser chooser, OrderCursor cursor) : IDecoderSession
    {
        private readonly ushort[] _tables = new ushort[experts.Length * FrequencyTable.Symbols];
        private readonly int[] _frequencies = new int[experts.Length];

        public void NextTable(Span<ushort> table)
        {
            for (int e = 0; e < experts.Length; e++)
                experts[e].NextTable(_tables.AsSpan(e * FrequencyTable.Symbols, FrequencyTable.Symbols));
            chooser.Blend(cursor.Channel, _tables, FrequencyTable.Symbols, table);
        }

        public void Observe(byte value)
        {
            for (int e = 0; e < experts.Length; e++)
                _frequencies[e] = _tables[e * FrequencyTable.Symbols + value];
            chooser.Observe(cursor.Channel, _frequencies);
            foreach (IDecoderSession expert in experts)
                expert.Observe(value);
            cursor.Advance();
        }

        public void Dispose()
        {
            foreach (IDecoderSession expert in experts)
                expert.Dispose();
        }
    }
}
