using System.Security.Cryptography;

namespace PixelCodec.Modeling;

/// <summary>
/// Which model coded a plane: the SHA-256 of the model's file (or, for a built-in model, of its
/// versioned name). A .prnn file records its first <see cref="IdLength"/> bytes, the model id. Two
/// models with the same identity must produce the same frequency tables.
/// </summary>
public sealed class ModelIdentity : IEquatable<ModelIdentity>
{
    /// <summary>Bytes of a SHA-256 hash: the length of <see cref="Hash"/>.</summary>
    public const int HashLength = 32;

    /// <summary>Bytes of <see cref="Id"/>.</summary>
    public const int IdLength = 8;

    private readonly byte[] _hash;

    /// <summary>An identity named <paramref name="name"/> whose hash is a copy of <paramref name="hash"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="hash"/> is not <see cref="HashLength"/> bytes.</exception>
    public ModelIdentity(string name, ReadOnlySpan<byte> hash)
    {
        if (hash.Length != HashLength)
            throw new ArgumentException($"a model hash is {HashLength} bytes, not {hash.Length}", nameof(hash));
        Name = name;
        _hash = hash.ToArray();
    }

    /// <summary>The model's name for people ("baseline", a model file's name); equality ignores it.</summary>
    public string Name { get; }

    /// <summary>The SHA-256 that is the identity: two identities are equal when their hashes are.</summary>
    public ReadOnlySpan<byte> Hash => _hash;

    /// <summary>What a .prnn file records: the first 8 bytes of the hash.</summary>
    public ReadOnlySpan<byte> Id => _hash.AsSpan(0, IdLength);

    /// <summary>The first 12 hex digits of the hash: enough for a person to tell models apart.</summary>
    public string ShortHash => Convert.ToHexStringLower(_hash, 0, 6);

    /// <summary>The identity of the model stored as <paramref name="modelFile"/>: the SHA-256 of its bytes.</summary>
    public static ModelIdentity OfFile(string name, ReadOnlySpan<byte> modelFile) => new(name, SHA256.HashData(modelFile));

    /// <summary>Whether <paramref name="other"/> has the same <see cref="Hash"/>; the names are not compared.</summary>
    public bool Equals(ModelIdentity? other) => other is not null && _hash.AsSpan().SequenceEqual(other._hash);

    /// <summary>Whether <paramref name="obj"/> is a <see cref="ModelIdentity"/> with the same <see cref="Hash"/>.</summary>
    public override bool Equals(object? obj) => Equals(obj as ModelIdentity);

    /// <summary>The first 4 bytes of <see cref="Hash"/>.</summary>
    public override int GetHashCode() => BitConverter.ToInt32(_hash, 0);

    /// <summary>The name and the <see cref="ShortHash"/>: "name (0123456789ab)".</summary>
    public override string ToString() => $"{Name} ({ShortHash})";
}
