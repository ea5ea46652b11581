using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using PixelCodec.Engine;

namespace PixelCodec.Training.Models;

/// <summary>A float model as saved: its configuration, what produced it, and its weights.</summary>
/// <param name="Provenance">Free-form facts about training (steps, data, time), kept as strings.</param>
public sealed record FloatModel(NetworkConfig Config, IReadOnlyDictionary<string, string> Provenance, IReadOnlyList<NamedTensor> Tensors);

/// <summary>
/// The float model file (.pxfm), version 2, readable without libtorch (see FORMAT.md beside this
/// project). Little-endian:
/// <code>
/// 4   magic "PXFM"
/// 2   version
/// 4   length of the JSON header, then the JSON (UTF-8): {"architecture", "hidden", "layers", "head", "provenance": {...}}
/// 4   tensor count, then per tensor: 2 name length, name (UTF-8), 1 rank, rank x 4 dimensions, float32 values (row-major)
/// </code>
/// </summary>
public static class FloatModelFile
{
    public const int CurrentVersion = 2;
    private static ReadOnlySpan<byte> Magic => "PXFM"u8;

    private sealed record Header(string Architecture, int Hidden, int Layers, int Head, Dictionary<string, string> Provenance);

    public static void Write(FloatModel model, Stream output)
    {
        using var writer = new BinaryWriter(output, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write((ushort)CurrentVersion);
        var header = new Header(model.Config.Architecture.ToString(), model.Config.Hidden, model.Config.Layers, model.Config.Head, new(model.Provenance));
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(header, JsonOptions);
        writer.Write(json.Length);
        writer.Write(json);
        writer.Write(model.Tensors.Count);
        foreach (NamedTensor tensor in model.Tensors)
        {
            byte[] name = Encoding.UTF8.GetBytes(tensor.Name);
            writer.Write((ushort)name.Length);
            writer.Write(name);
            writer.Write((byte)tensor.Shape.Length);
            foreach (int dimension in tensor.Shape)
                writer.Write(dimension);
            var bytes = new byte[tensor.Values.Length * 4];
            for (int i = 0; i < tensor.Values.Length; i++)
                BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), tensor.Values[i]);
            writer.Write(bytes);
        }
    }

    public static FloatModel Read(string path)
    {
        if (!File.Exists(path))
            throw new TrainingException($"model file '{path}' does not exist");
        try
        {
            using var reader = new BinaryReader(File.OpenRead(path));
            if (!reader.ReadBytes(4).AsSpan().SequenceEqual(Magic))
                throw new TrainingException($"'{path}' is not a PixelCodec float model (.pxfm)");
            int version = reader.ReadUInt16();
            if (version != CurrentVersion)
                throw new TrainingException($"'{path}' is float model version {version}; this PixelCodec reads version {CurrentVersion}");
            // Every length is checked against what the file still holds before it sizes an allocation.
            long Remaining() => reader.BaseStream.Length - reader.BaseStream.Position;
            int headerLength = reader.ReadInt32();
            if (headerLength < 0 || headerLength > Remaining())
                throw new EndOfStreamException("the header is longer than the file");
            Header header = JsonSerializer.Deserialize<Header>(reader.ReadBytes(headerLength), JsonOptions)
                ?? throw new TrainingException($"'{path}' has an empty header");
            if (NetworkLimits.Problem(header.Hidden, header.Layers, header.Head) is { } problem)
                throw new TrainingException($"'{path}' is not a valid float model: {problem}");
            var config = new NetworkConfig(Enum.Parse<Architecture>(header.Architecture), header.Hidden, header.Layers, header.Head);
            int count = reader.ReadInt32();
            if (count < 0 || count > Remaining() / 3)
                throw new EndOfStreamException("the file cannot hold the tensors it counts");
            var tensors = new List<NamedTensor>(count);
            for (int t = 0; t < count; t++)
            {
                string name = Encoding.UTF8.GetString(reader.ReadBytes(reader.ReadUInt16()));
                int[] shape = new int[reader.ReadByte()];
                for (int d = 0; d < shape.Length; d++)
                    shape[d] = reader.ReadInt32();
                long elements = shape.Aggregate(1L, (a, b) => b < 0 ? -1 : checked(a * b));
                if (elements < 0 || elements > Remaining() / 4)
                    throw new EndOfStreamException("the file ends inside a tensor");
                var values = new float[elements];
                byte[] bytes = reader.ReadBytes(checked((int)(elements * 4)));
                for (int i = 0; i < values.Length; i++)
                    values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * 4));
                tensors.Add(new NamedTensor(name, shape, values));
            }
            return new FloatModel(config, header.Provenance, tensors);
        }
        catch (Exception e) when (e is EndOfStreamException or JsonException or ArgumentException or OverflowException)
        {
            throw new TrainingException($"'{path}' is not a valid float model: {e.Message}");
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
}
