using System.Collections.Concurrent;
using System.Diagnostics;
using PixelCodec.Training.Models;

namespace PixelCodec.Training.Data;

/// <summary>
/// Shuffles and decodes training batches on a background thread, a few batches ahead, so the
/// trainer never waits for PNG decoding. The order is a function of (seed, epoch) alone, so a run
/// resumed at sample <c>position</c> sees exactly the batches the uninterrupted run would have.
/// </summary>
public sealed class BatchPump : IDisposable
{
    private const int BatchesAhead = 4;

    private readonly ITrainingSamples _images;
    private readonly int _batchSize;
    private readonly int _seed;
    private readonly BlockingCollection<ImageBatch> _queue = new(BatchesAhead);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _producer;
    private readonly Stopwatch _waiting = new();
    private Exception? _failure;

    /// <param name="position">Samples already consumed (epoch * Count + index in epoch) when resuming.</param>
    public BatchPump(ITrainingSamples images, int batchSize, int seed, long position)
    {
        if (batchSize < 1 || batchSize > images.Count)
            throw new TrainingException($"batch size {batchSize} must be between 1 and the {images.Count} training samples");
        _images = images;
        _batchSize = batchSize;
        _seed = seed;
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
            while (!_stop.IsCancellationRequested)
            {
                var pixels = new byte[_batchSize * imageBytes];
                for (int b = 0; b < _batchSize; b++)
                {
                    if (index == count)
                    {
                        order = Order(count, _seed, ++epoch);
                        index = 0;
                    }
                    _images.Decode(order[index++], epoch, pixels.AsSpan(b * imageBytes, imageBytes));
                }
                _queue.Add(new ImageBatch(_batchSize, _images.Height, _images.Width, pixels), _stop.Token);
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
