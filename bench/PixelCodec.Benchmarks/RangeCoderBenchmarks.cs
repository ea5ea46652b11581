using System.Buffers;
using BenchmarkDotNet.Attributes;
using PixelCodec.Entropy;

namespace PixelCodec.Benchmarks;

/// <summary>
/// Range coder throughput on 1M symbols drawn from image-model-like (Laplacian) tables of varying
/// sharpness, cumulative frequencies computed from the full table as the codec does.
/// </summary>
[MemoryDiagnoser]
public class RangeCoderBenchmarks
{
    private const int SymbolCount = 1 << 20;

    private ushort[][] _tables = [];
    private int[] _tableOfSymbol = [];
    private int[] _symbols = [];
    private byte[] _stream = [];
    private readonly ArrayBufferWriter<byte> _output = new(SymbolCount);

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _tables = Enumerable.Range(0, 64).Select(_ => Laplacian(random.Next(256), 0.5 + random.NextDouble() * 20)).ToArray();
        _tableOfSymbol = new int[SymbolCount];
        _symbols = new int[SymbolCount];
        for (int i = 0; i < SymbolCount; i++)
        {
            _tableOfSymbol[i] = random.Next(_tables.Length);
            _symbols[i] = Sample(_tables[_tableOfSymbol[i]], random);
        }
        Encode();
        _stream = _output.WrittenSpan.ToArray();
    }

    [Benchmark(OperationsPerInvoke = SymbolCount)]
    public long Encode()
    {
        _output.ResetWrittenCount();
        var encoder = new RangeEncoder(_output);
        for (int i = 0; i < SymbolCount; i++)
            encoder.Encode(_tables[_tableOfSymbol[i]], _symbols[i]);
        encoder.Finish();
        return encoder.BytesWritten;
    }

    [Benchmark(OperationsPerInvoke = SymbolCount)]
    public int Decode()
    {
        var decoder = new RangeDecoder(_stream);
        int check = 0;
        for (int i = 0; i < SymbolCount; i++)
            check += decoder.Decode(_tables[_tableOfSymbol[i]]);
        return check;
    }

    private static ushort[] Laplacian(int centre, double scale)
    {
        var table = new ushort[FrequencyTable.Symbols];
        double[] weights = Enumerable.Range(0, FrequencyTable.Symbols).Select(i => Math.Exp(-Math.Abs(i - centre) / scale)).ToArray();
        double sum = weights.Sum();
        int used = 0;
        for (int i = 0; i < table.Length; i++)
        {
            table[i] = (ushort)(1 + (int)(weights[i] / sum * (FrequencyTable.Total - FrequencyTable.Symbols)));
            used += table[i];
        }
        table[centre] += (ushort)(FrequencyTable.Total - used);
        return table;
    }

    private static int Sample(ushort[] table, Random random)
    {
        int target = random.Next(FrequencyTable.Total), symbol = 0;
        for (int start = 0; start + table[symbol] <= target; symbol++)
            start += table[symbol];
        return symbol;
    }
}
