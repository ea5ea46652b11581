using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace PixelCodec.Training.Data;

/// <summary>
/// ImageNet-32 as Chrabaszcz et al. (2017) publish it: .npz batches, each a zip holding `data.npy`,
/// uint8 of shape (N, 3 * side * side), every row channel-planar (all R, then all G, then all B).
/// </summary>
internal sealed partial class NpzImageCollection : IImageCollection
{
    private readonly List<byte[]> _rows = [];

    public NpzImageCollection(IEnumerable<string> files)
    {
        foreach (string file in files)
            ReadBatch(file);
        if (_rows.Count == 0)
            throw new TrainingException("the npz batches hold no images");
        int side = (int)Math.Round(Math.Sqrt(_rows[0].Length / 3.0));
        if (side * side * 3 != _rows[0].Length)
            throw new TrainingException($"npz rows of {_rows[0].Length} bytes are not square RGB images");
        Width = Height = side;
    }

    public int Count => _rows.Count;
    public int Width { get; }
    public int Height { get; }

    public void Decode(int index, Span<byte> rgb)
    {
        byte[] planar = _rows[index];
        int plane = Width * Height;
        for (int p = 0; p < plane; p++)
            for (int c = 0; c < 3; c++)
                rgb[p * 3 + c] = planar[c * plane + p];
    }

    private void ReadBatch(string file)
    {
        try
        {
            using ZipArchive zip = ZipFile.OpenRead(file);
            ZipArchiveEntry entry = zip.GetEntry("data.npy") ?? throw new TrainingException($"{file} has no 'data' array");
            using var stream = new MemoryStream();
            using (Stream npy = entry.Open())
                npy.CopyTo(stream);
            ReadNpy(file, stream.ToArray());
        }
        catch (InvalidDataException e)
        {
            throw new TrainingException($"{file} is not a readable npz file: {e.Message}");
        }
    }

    // .npy: magic, version, header length, a Python dict literal naming dtype, order and shape, then the array.
    private void ReadNpy(string file, byte[] npy)
    {
        if (npy.Length < 10 || npy[0] != 0x93 || Encoding.ASCII.GetString(npy, 1, 5) != "NUMPY")
            throw new TrainingException($"{file}: 'data' is not a .npy array");
        bool version1 = npy[6] == 1;
        int headerLength = version1 ? BitConverter.ToUInt16(npy, 8) : BitConverter.ToInt32(npy, 8);
        int start = (version1 ? 10 : 12) + headerLength;
        string header = Encoding.ASCII.GetString(npy, version1 ? 10 : 12, headerLength);
        Match shape = ShapePattern().Match(header);
        if (!header.Contains("'|u1'") || header.Contains("'fortran_order': True") || !shape.Success)
            throw new TrainingException($"{file}: 'data' must be a C-ordered uint8 array of shape (N, 3072)");
        int rows = int.Parse(shape.Groups[1].Value), columns = int.Parse(shape.Groups[2].Value);
        if ((long)rows * columns > npy.Length - start)
            throw new TrainingException($"{file}: 'data' is truncated");
        for (int r = 0; r < rows; r++)
            _rows.Add(npy.AsSpan(start + r * columns, columns).ToArray());
    }

    [GeneratedRegex(@"'shape':\s*\((\d+),\s*(\d+)\)")]
    private static partial Regex ShapePattern();
}
