using System.Globalization;

namespace PixelCodec.Training.Distributed;

/// <summary>
/// Where one process of a data-parallel run stands: rank <see cref="Rank"/> of <see cref="WorldSize"/>,
/// meeting the others at the TCPStore that rank 0 serves on <see cref="MasterHost"/>:<see cref="MasterPort"/>.
/// </summary>
/// <param name="Timeout">How long the rendezvous and any collective wait for a peer before failing.</param>
/// <param name="BucketBytes">Gradients are all-reduced in buckets of about this size, each as soon as backward has filled it.</param>
public sealed record DistributedOptions(int WorldSize, int Rank, string MasterHost, int MasterPort, TimeSpan Timeout, long BucketBytes = DistributedOptions.DefaultBucketBytes)
{
    /// <summary>
    /// 1 MiB: the shipped h=64 Row LSTM's 4.4 MB of gradients make 5 buckets, so the first ones travel
    /// while backward still computes the rest (PyTorch's DDP default, 25 MB, would make a single bucket).
    /// </summary>
    public const long DefaultBucketBytes = 1 << 20;

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(5);

    public bool IsRoot => Rank == 0;

    /// <summary>Reads HOST:PORT (an IPv6 address in brackets: [::1]:29500).</summary>
    public static (string Host, int Port) ParseMaster(string master)
    {
        int colon = master.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(master.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port is < 1 or > 65535)
            throw new TrainingException($"--master '{master}' must be HOST:PORT with a port from 1 to 65535");
        string host = master[..colon];
        return (host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host, port);
    }

    public void Validate()
    {
        if (WorldSize < 1)
            throw new TrainingException("--world-size must be at least 1");
        if (Rank < 0 || Rank >= WorldSize)
            throw new TrainingException($"--rank {Rank} must be from 0 to {WorldSize - 1} (--world-size {WorldSize})");
        if (Timeout <= TimeSpan.Zero)
            throw new TrainingException("--timeout must be positive");
    }
}
