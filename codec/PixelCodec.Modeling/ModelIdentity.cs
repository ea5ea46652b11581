using System.Security.Cryptography;

namespace PixelCodec.Modeling;

/// <summary>
/// Which model coded a plane: the SHA-256 of the model's file (or, for a built-in model, of its
/// versioned name). A .prnn file records its first <see cref="IdLength"/> bytes, the model id. Two
/// models with the same identity must produce the same frequency tables.
/// </summary>
public sealed class ModelIdentity : IEquatable<ModelIdentity>
{
    public const int HashLength = 32;
    public const int IdLength = 8;

    private readonly byte[] _hash;

    public ModelIdentity(string name, ReadOnlySpan<byte> hash)
    {
        if (hash.Length != HashLength)
            throw new ArgumentException($"a model hash is {HashLength} bytes, not {hash.Length}", nameof(hash));
        Name = name;
        _hash = hash.ToArray();
    }

    public string Name { get; }

    public ReadOnlySpan<byte> Hash => _hash;

    /// <summary>What a .prnn file records: the first 8 bytes of the hash.</summary>
    public ReadOnlySpan<byte> Id => _hash.AsSpan(0, IdLength);

    /// <summary>The first 12 hex digits of the hash: enough for a person to tell models apart.</summary>
    public string ShortHash => Convert.ToHexStringLower(_hash, 0, 6);

    public static ModelIdentity OfFile(string name, ReadOnlySpan<byte> modelFile) => new(name, SHA256.HashData(modelFile));

    public bool Equals(ModelIdentity? other) => other is not null && _hash.AsSpan().SequenceEqual(other._hash);

    public override bool Equals(object? obj) => Equals(obj as ModelIdentity);

    public override int GetHashCode() => BitConverter.ToInt32(_hash, 0);

    public override string ToString() => $"{Name} ({ShortHash})";
}
