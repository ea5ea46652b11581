using System.Collections.Concurrent;
using System.Diagnostics;
using PixelCodec.Training.Models;

namespace PixelCodec.Training.Data;

/// <summary>
/// Shuffles and decodes training batches on a background thread, a few batches ahead, so the
/// trainer never waits for PNG decoding. The order is a function of (seed, epoch) alone, so a run
/// resumed at sample <c>position</c> sees exactly the batches the uninterrupted run would have. In a
/// data-parallel run each rank decodes only its shard of every batch (the same batches, whatever the
/// number of ranks), so runs with different numbers of workers see the same data.
/// </summary>
public sealed class BatchPump : IDisposable
{
    private const int BatchesAhead = 4;

    private readonly ITrainingSamples _images;
    private readonly int _batchSize;
    private readonly int _seed;
    private readonly int _shard;
    private readonly int _shards;
    private readonly BlockingCollection<ImageBatch> _queue = new(BatchesAhead);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _producer;
    private readonly Stopwatch _waiting = new();
    private Exception? _failure;

    /// <param name="batchSize">Samples per step, over all shards.</param>
    /// <param name="position">Samples already consumed (epoch * Count + index in epoch) when resuming.</param>
    /// <param name="shard">This pump yields batch positions [shard * B / shards, (shard + 1) * B / shards) of every batch.</param>
    public BatchPump(ITrainingSamples images, int batchSize, int seed, long position, int shard = 0, int shards = 1)
    {
        if (batchSize < 1 || batchSize > images.Count)
            throw new TrainingException($"batch size {batchSize} must be between 1 and the {images.Count} training samples");
        if (shards < 1 || batchSize % shards != 0)
            throw new TrainingException($"batch size {batchSize} must be a multiple of the {shards} workers (each takes an equal share)");
        ArgumentOutOfRangeException.ThrowIfNegative(shard);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(shard, shards);
        _images = images;
        _batchSize = batchSize;
        _seed = seed;
        _shard = shard;
        _shards = shards;
        _producer = Task.Factory.StartNew(() => Produce(position), TaskCreationOptions.LongRunning);
    }

    /// <summary>Time the trainer spent blocked waiting for a batch.</summary>
    public TimeSpan WaitTime => _waiting.Elapsed;

    public ImageBatch Next()
    {
        _waiting.Start();
        bool taken = _queue.TryTake(out ImageBatch? batch, Timeout.Infinite);
        _waiting.Stop();
        if (taken)
            return batch!;
        throw _failure as TrainingException ?? new TrainingException($"reading training images failed: {_failure?.Message}");
    }

    /// <summary>The order of epoch <paramref name="epoch"/>: a seeded Fisher-Yates shuffle.</summary>
    public static int[] Order(int count, int seed, long epoch)
    {
        var order = Enumerable.Range(0, count).ToArray();
        new Random(SeedMix.Of(seed, epoch)).Shuffle(order);
        return order;
    }

    private void Produce(long position)
    {
        try
        {
            int count = _images.Count, imageBytes = _images.Width * _images.Height * 3;
            long epoch = position / count;
            int index = (int)(position % count);
            int[] order = Order(count, _seed, epoch);
            int share = _batchSize / _shards, first = _shard * share;
            while (!_stop.IsCancellationRequested)
            {
                var pixels = new byte[share * imageBytes];
                for (int b = 0; b < _batchSize; b++)
                {
                    if (index == count)
                    {
                        order = Order(count, _seed, ++epoch);
                        index = 0;
                    }
                    int sample = order[index++];
                    if (b >= first && b < first + share)
                        _images.Decode(sample, epoch, pixels.AsSpan((b - first) * imageBytes, imageBytes));
                }
                _queue.Add(new ImageBatch(share, _images.Height, _images.Width, pixels), _stop.Token);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e)
        {
            _failure = e;
        }
        finally
        {
            _queue.CompleteAdding();
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _producer.Wait();
        _stop.Dispose();
        _queue.Dispose();
    }
}
