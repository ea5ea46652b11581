using System.Buffers.Binary;
using System.Runtime.InteropServices;
using PixelCodec.Training.Native;

namespace PixelCodec.Training.Distributed;

/// <summary>
/// The processes of one data-parallel run, joined through c10d (Gloo on the CPU). Every member must
/// make the same calls in the same order: each is a collective that waits for all ranks, and fails
/// with a <see cref="TrainingException"/> when a peer is lost or the timeout passes.
/// </summary>
public sealed class ProcessGroup : IDisposable
{
    private readonly NativeHandle _handle;

    private ProcessGroup(NativeHandle handle, int rank, int size)
    {
        _handle = handle;
        Rank = rank;
        Size = size;
    }

    public int Rank { get; }

    public int Size { get; }

    public bool IsRoot => Rank == 0;

    internal SafeHandle Handle => _handle;

    /// <summary>Joins the group; returns once all <see cref="DistributedOptions.WorldSize"/> ranks have.</summary>
    public static ProcessGroup Join(DistributedOptions options, string device = "cpu")
    {
        options.Validate();
        TorchShim.EnsureInitialized();
        int status = TorchShim.pcx_group_create(options.MasterHost, options.MasterPort, options.Rank, options.WorldSize, (long)options.Timeout.TotalMilliseconds, device, out IntPtr group);
        if (status != 0)
        {
            try
            {
                TorchShim.Check(status);
            }
            catch (TrainingException e)
            {
                throw new TrainingException($"rank {options.Rank} could not join the {options.WorldSize} workers at {options.MasterHost}:{options.MasterPort}: {e.Message}");
            }
        }
        return new ProcessGroup(new NativeHandle(group, TorchShim.pcx_group_free), options.Rank, options.WorldSize);
    }

    /// <summary>Rank 0's bytes on every rank; rank 0 passes them, the others pass null.</summary>
    public unsafe byte[] Broadcast(byte[]? fromRoot)
    {
        if (IsRoot != fromRoot is not null)
            throw new ArgumentException("rank 0, and only rank 0, gives the bytes to broadcast", nameof(fromRoot));
        Span<byte> length = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64LittleEndian(length, fromRoot?.LongLength ?? 0);
        fixed (byte* p = length)
            TorchShim.Check(TorchShim.pcx_group_broadcast(_handle, p, length.Length));
        byte[] bytes = fromRoot ?? new byte[checked((int)BinaryPrimitives.ReadInt64LittleEndian(length))];
        fixed (byte* p = bytes)
            TorchShim.Check(TorchShim.pcx_group_broadcast(_handle, p, bytes.Length));
        return bytes;
    }

    /// <summary>Replaces every value with its sum over the ranks.</summary>
    public unsafe void Sum(Span<double> values)
    {
        fixed (double* p = values)
            TorchShim.Check(TorchShim.pcx_group_sum(_handle, p, values.Length));
    }

    public void Dispose() => _handle.Dispose();
}
