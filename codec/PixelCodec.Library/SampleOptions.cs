namespace PixelCodec;

/// <summary>How <see cref="Sampler"/> draws. The images depend on the model, seed and temperature, never on the thread count or the machine.</summary>
public sealed record SampleOptions
{
    /// <summary>The model to draw from, by name (<see cref="ModelChoice.Help"/>): any model that codes RGB planes, the classical ones and blends included.</summary>
    public string Model { get; init; } = ShippedModels.DefaultName;

    /// <summary>The seed of the generator (SplitMix64). Image i of a call draws from its own stream of it, so it is the same whatever the count.</summary>
    public ulong Seed { get; init; }

    /// <summary>
    /// 1 draws from the model's distribution as it is; below 1 sharpens it, above 1 flattens it (each value
    /// k drawn with probability proportional to f_k^(1/T), f the model's table); 0 always takes the most
    /// likely value. 0, or 0.01 to 100; computed in integers (<see cref="Modeling.Sampling.Temperature"/>).
    /// </summary>
    public decimal Temperature { get; init; } = 1m;

    /// <summary>Images drawn at once.</summary>
    public int Threads { get; init; } = 1;
}
