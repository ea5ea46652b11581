using System.Security.Cryptography;
using System.Text;
using PixelCodec.Entropy;

namespace PixelCodec.Modeling.Mixing;

/// <summary>
/// Two models as one: every sub-pixel's table is a blend of theirs, weighted towards whichever has been
/// coding that channel better lately (<see cref="BlendChooser"/>). A PixelRNN trained on small images
/// and the adaptive baseline err in different places, so the blend codes smaller than either alone.
/// Its identity is the hash of <see cref="VersionedName"/> and both models' hashes: changing the
/// blending changes that name.
/// </summary>
public sealed class MixtureModel : IProbabilityModel
{
    public const string VersionedName = "pixelcodec/mixture/v1";

    private readonly IProbabilityModel _first;
    private readonly IProbabilityModel _second;

    public MixtureModel(IProbabilityModel first, IProbabilityModel second)
    {
        _first = first;
        _second = second;
        byte[] hashed = [.. Encoding.ASCII.GetBytes(VersionedName), .. first.Identity.Hash, .. second.Identity.Hash];
        Identity = new ModelIdentity($"{first.Identity.Name}+{second.Identity.Name}", SHA256.HashData(hashed));
    }

    public ModelIdentity Identity { get; }

    public bool SupportsChannels(int channels) => _first.SupportsChannels(channels) && _second.SupportsChannels(channels);

    public IEncoderPass BeginEncoding(ReadOnlyMemory<byte> plane, PlaneShape shape) =>
        new EncoderPass(_first.BeginEncoding(plane, shape), _second.BeginEncoding(plane, shape), plane, shape);

    public IDecoderSession BeginDecoding(PlaneShape shape) =>
        new DecoderSession(_first.BeginDecoding(shape), _second.BeginDecoding(shape), shape.Channels);

    private sealed class EncoderPass(IEncoderPass first, IEncoderPass second, ReadOnlyMemory<byte> plane, PlaneShape shape) : IEncoderPass
    {
        private readonly BlendChooser _chooser = new(shape.Channels);
        private readonly ushort[] _firstTables = new ushort[shape.Stride * FrequencyTable.Symbols];
        private readonly ushort[] _secondTables = new ushort[shape.Stride * FrequencyTable.Symbols];

        public void TablesForRow(int y, Span<ushort> tables)
        {
            first.TablesForRow(y, _firstTables);
            second.TablesForRow(y, _secondTables);
            ReadOnlySpan<byte> row = plane.Span.Slice(y * shape.Stride, shape.Stride);
            for (int i = 0; i < row.Length; i++)
            {
                Range table = (i * FrequencyTable.Symbols)..((i + 1) * FrequencyTable.Symbols);
                _chooser.Blend(_firstTables.AsSpan(table), _secondTables.AsSpan(table), tables[table]);
                int value = i * FrequencyTable.Symbols + row[i];
                _chooser.Observe(_firstTables[value], _secondTables[value]);
            }
        }
    }

    private sealed class DecoderSession(IDecoderSession first, IDecoderSession second, int channels) : IDecoderSession
    {
        private readonly BlendChooser _chooser = new(channels);
        private readonly ushort[] _firstTable = new ushort[FrequencyTable.Symbols];
        private readonly ushort[] _secondTable = new ushort[FrequencyTable.Symbols];

        public void NextTable(Span<ushort> table)
        {
            first.NextTable(_firstTable);
            second.NextTable(_secondTable);
            _chooser.Blend(_firstTable, _secondTable, table);
        }

        public void Observe(byte value)
        {
            _chooser.Observe(_firstTable[value], _secondTable[value]);
            first.Observe(value);
            second.Observe(value);
        }
    }
}
