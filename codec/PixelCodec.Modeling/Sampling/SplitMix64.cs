namespace PixelCodec.Modeling.Sampling;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014;
/// the form in Vigna's splitmix64.c): the state advances by the golden-ratio constant and each output
/// is the state through a fixed 64-bit mix. Ours rather than System.Random, whose algorithm a runtime
/// may change: the same seed gives the same numbers on every machine, forever.
/// </summary>
internal struct SplitMix64(ulong seed)
{
    private const ulong Gamma = 0x9E3779B97F4A7C15;

    private ulong _state = seed;

    /// <summary>
    /// The generator of stream <paramref name="index"/> of <paramref name="seed"/>: seeded with the
    /// index-th output of SplitMix64(seed), so streams start far apart and none depends on how many
    /// numbers another one drew.
    /// </summary>
    public static SplitMix64 Stream(ulong seed, int index) => new(Mix(seed + (ulong)(index + 1) * Gamma));

    /// <summary>The next 64 uniformly distributed bits.</summary>
    public ulong Next()
    {
        _state += Gamma;
        return Mix(_state);
    }

    /// <summary>
    /// A uniform integer in [0, <paramref name="bound"/>), without bias: the 2^64 mod bound smallest
    /// outputs are rejected (as OpenBSD's arc4random_uniform does), so every remainder is equally often hit.
    /// </summary>
    /// <param name="bound">At least 1.</param>
    public ulong NextBelow(ulong bound)
    {
        ulong rejected = (0UL - bound) % bound; // 2^64 mod bound
        ulong x;
        do
            x = Next();
        while (x < rejected);
        return x % bound;
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }
}
