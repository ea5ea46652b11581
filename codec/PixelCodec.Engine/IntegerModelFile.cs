using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace PixelCodec.Engine;

/// <summary>
/// The integer model file (.pxim), version 1 (INTEGER-FORMAT.md beside this project). Little-endian:
/// <code>
/// 4   magic "PXIM"
/// 2   version
/// 4   length of the JSON header, then the JSON (UTF-8): {"architecture", "hidden", "layers", "head", "provenance": {...}}
/// 4   entry count, then per entry: 2 name length, name (UTF-8), 1 kind, payload
///     kind 1 (layer):  4 outputs O, 4 inputs I, O*I int16 weights (row-major), O int32 biases, O int32 multipliers, O uint8 shifts
///     kind 2 (vector): 4 length N, N int32 values
/// </code>
/// The SHA-256 of the file's bytes is the model's identity.
/// </summary>
public static class IntegerModelFile
{
    /// <summary>The one format version this engine reads and writes.</summary>
    public const int CurrentVersion = 1;
    private const byte LayerKind = 1, VectorKind = 2;
    private static ReadOnlySpan<byte> Magic => "PXIM"u8;

    private sealed record Header(string Architecture, int Hidden, int Layers, int Head, Dictionary<string, string> Provenance);

    /// <summary>The file of <paramref name="model"/>, version <see cref="CurrentVersion"/>: its layers, then its vectors, each in ordinal name order.</summary>
    public static byte[] Write(IntegerModel model)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write((ushort)CurrentVersion);
            byte[] json = JsonSerializer.SerializeToUtf8Bytes(new Header(model.Architecture.ToString(), model.Hidden, model.Layers, model.Head, new(model.Provenance)), JsonOptions);
            writer.Write(json.Length);
            writer.Write(json);
            writer.Write(model.Convs.Count + model.Vectors.Count);
            foreach ((string name, QuantizedConv conv) in model.Convs.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                WriteName(writer, name, LayerKind);
                writer.Write(conv.Outputs);
                writer.Write(conv.Inputs);
                for (int o = 0; o < conv.Outputs; o++)
                    foreach (short w in conv.Weights(o))
                        writer.Write(w);
                foreach (int b in conv.Bias) writer.Write(b);
                foreach (int m in conv.Multiplier) writer.Write(m);
                foreach (int s in conv.Shift) writer.Write((byte)s);
            }
            foreach ((string name, int[] vector) in model.Vectors.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                WriteName(writer, name, VectorKind);
                writer.Write(vector.Length);
                foreach (int v in vector) writer.Write(v);
            }
        }
        return stream.ToArray();
    }

    /// <summary>The architecture a model file's header names, without reading the rest (a deferred model's kind, before it is needed whole).</summary>
    /// <exception cref="InvalidModelException">The header is damaged or names no known architecture.</exception>
    public static Architecture ReadArchitecture(ReadOnlySpan<byte> file)
    {
        var reader = new SpanReader(file);
        return ReadHeader(ref reader).Architecture;
    }

    /// <summary>Reads a model file's bytes; any damage is an <see cref="InvalidModelException"/> with one line saying what.</summary>
    public static IntegerModel Read(ReadOnlySpan<byte> file)
    {
        var reader = new SpanReader(file);
        (Header header, Architecture architecture) = ReadHeader(ref reader);
        var convs = new Dictionary<string, QuantizedConv>();
        var vectors = new Dictionary<string, int[]>();
        int count = reader.Count(1 << 16);
        for (int e = 0; e < count; e++)
        {
            string name = Encoding.UTF8.GetString(reader.Bytes(reader.UInt16()));
            byte kind = reader.Bytes(1)[0];
            if (convs.ContainsKey(name) || vectors.ContainsKey(name))
                throw new InvalidModelException($"the model has two entries called '{name}'");
            if (kind == LayerKind)
                convs[name] = ReadConv(ref reader, name);
            else if (kind == VectorKind)
                vectors[name] = reader.Int32s(reader.Count(1 << 24));
            else
                throw new InvalidModelException($"entry '{name}' has unknown kind {kind}");
        }
        if (!reader.AtEnd)
            throw new InvalidModelException("the model file has bytes after its last entry");
        return new IntegerModel(architecture, header.Hidden, header.Layers, header.Head, header.Provenance ?? new Dictionary<string, string>(), convs, vectors);
    }

    private static (Header Header, Architecture Architecture) ReadHeader(ref SpanReader reader)
    {
        if (!reader.Bytes(4).SequenceEqual(Magic))
            throw new InvalidModelException("not a PixelCodec integer model (.pxim)");
        int version = reader.UInt16();
        if (version != CurrentVersion)
            throw new InvalidModelException($"integer model version {version}; this PixelCodec reads version {CurrentVersion}");
        Header header;
        try
        {
            header = JsonSerializer.Deserialize<Header>(reader.Bytes(reader.Count(int.MaxValue)), JsonOptions)
                ?? throw new InvalidModelException("the model header is empty");
        }
        catch (JsonException e)
        {
            throw new InvalidModelException($"the model header is damaged: {e.Message}");
        }
        if (!Enum.TryParse(header.Architecture, out Architecture architecture) || !Enum.IsDefined(architecture))
            throw new InvalidModelException($"unknown architecture '{header.Architecture}'");
        return (header, architecture);
    }

    private static QuantizedConv ReadConv(ref SpanReader reader, string name)
    {
        int outputs = reader.Count(1 << 16), inputs = reader.Count(1 << 20);
        if ((long)outputs * inputs > 1 << 26)
            throw new InvalidModelException($"layer '{name}' is {outputs} x {inputs}: too large");
        ReadOnlySpan<byte> raw = reader.Bytes(outputs * inputs * 2);
        var weights = new short[outputs * inputs];
        for (int i = 0; i < weights.Length; i++)
            weights[i] = BinaryPrimitives.ReadInt16LittleEndian(raw[(2 * i)..]);
        int[] bias = reader.Int32s(outputs), multiplier = reader.Int32s(outputs);
        int[] shift = Array.ConvertAll(reader.Bytes(outputs).ToArray(), b => (int)b);
        try
        {
            return new QuantizedConv(outputs, inputs, weights, bias, multiplier, shift);
        }
        catch (ArgumentException e)
        {
            throw new InvalidModelException($"layer '{name}': {e.Message}");
        }
    }

    private static void WriteName(BinaryWriter writer, string name, byte kind)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(name);
        writer.Write((ushort)bytes.Length);
        writer.Write(bytes);
        writer.Write(kind);
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Reads little-endian values, turning every overrun into "the file is truncated".</summary>
    private ref struct SpanReader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private int _position;

        public readonly bool AtEnd => _position == _data.Length;

        public ReadOnlySpan<byte> Bytes(int length)
        {
            if (length < 0 || length > _data.Length - _position)
                throw new InvalidModelException("the model file is truncated");
            ReadOnlySpan<byte> bytes = _data.Slice(_position, length);
            _position += length;
            return bytes;
        }

        public int UInt16() => BinaryPrimitives.ReadUInt16LittleEndian(Bytes(2));

        /// <summary>A non-negative 32-bit count, at most <paramref name="max"/>.</summary>
        public int Count(int max)
        {
            int value = BinaryPrimitives.ReadInt32LittleEndian(Bytes(4));
            if (value < 0 || value > max)
                throw new InvalidModelException($"the model file is damaged (a count of {value})");
            return value;
        }

        public int[] Int32s(int count)
        {
            ReadOnlySpan<byte> raw = Bytes(checked(count * 4));
            var values = new int[count];
            for (int i = 0; i < count; i++)
                values[i] = BinaryPrimitives.ReadInt32LittleEndian(raw[(4 * i)..]);
            return values;
        }
    }
}
