using System.Security.Cryptography;
using System.Text;
using PixelCodec.Modeling;

namespace PixelCodec.Engine;

/// <summary>
/// The version of the integer engine's arithmetic: every sum, rounding, table and clamp between a
/// model file's numbers and the frequency tables it gives. It is part of every neural model's
/// identity, so a change to the arithmetic (which changes every table, and so what every file means)
/// changes every model id: a file coded before the change then names a model the new engine does not
/// have, instead of decoding to garbage. `EngineArithmeticTests` pins the tables of version
/// <see cref="Version"/>; when they change, bump the version there and here, on purpose.
/// </summary>
public static class EngineArithmetic
{
    /// <summary>The arithmetic this engine runs; <see cref="IdentityOf"/> hashes its tag.</summary>
    public const int Version = 1;

    /// <summary>
    /// A neural model's identity: the SHA-256 of the engine version's tag and the model file. Version
    /// 1's tag is empty, so the models of the releases before the version existed keep their ids.
    /// </summary>
    public static ModelIdentity IdentityOf(string name, ReadOnlySpan<byte> modelFile)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Tag(Version));
        hash.AppendData(modelFile);
        return new ModelIdentity(name, hash.GetHashAndReset());
    }

    internal static byte[] Tag(int version) => version == 1 ? [] : Encoding.ASCII.GetBytes($"pixelcodec/engine/v{version}\n");
}
