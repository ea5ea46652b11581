using PixelCodec.Engine;
using PixelCodec.Training.Models;

namespace PixelCodec.Training.Export;

/// <summary>
/// A float model's layers rearranged the way the integer engine reads them: per <see cref="ConvLayout"/>,
/// a weight matrix [outputs x inputs] with the inputs in the layout's tap order, and the bias, both
/// gathered from the tensors the layout names (<see cref="ArchitectureDescription"/>).
/// </summary>
internal sealed class FloatLayers
{
    private readonly Dictionary<string, NamedTensor> _tensors;
    private readonly int _hidden;

    public FloatLayers(FloatModel model)
    {
        _tensors = model.Tensors.ToDictionary(t => t.Name);
        _hidden = model.Config.Hidden;
    }

    /// <summary>Weights [outputs x inputs] and bias of the integer layer <paramref name="layout"/>, from where its layout says they are.</summary>
    public (float[] Weights, float[] Bias) For(ConvLayout layout)
    {
        var matrix = new Matrix(layout.Outputs, layout.Inputs);
        int offset = 0;
        foreach (InputSegment segment in layout.Segments)
        {
            NamedTensor weight = Get(segment.Source.Tensor);
            int start = offset;
            offset = segment.Source.IsConv1d
                ? matrix.AddStateTap(weight, offset, segment.Source.Column)
                : matrix.AddKernelTap(weight, offset, segment.Source.Row, segment.Source.Column);
            if (offset - start != segment.Channels)
                throw new TrainingException($"'{weight.Name}' gives {offset - start} inputs where layer '{layout.Name}' takes {segment.Channels}");
        }
        matrix.CheckComplete(layout.Name);
        var bias = new float[layout.Outputs];
        foreach (string name in layout.FloatBiases)
        {
            float[] values = Get(name).Values;
            if (values.Length != layout.Outputs)
                throw new TrainingException($"'{name}' has {values.Length} biases, not the {layout.Outputs} of layer '{layout.Name}'");
            for (int o = 0; o < bias.Length; o++)
                bias[o] += values[o];
        }
        return (matrix.Values, bias);
    }

    /// <summary>An initial state vector ([1, h, 1] in the float model).</summary>
    public float[] Vector(string name)
    {
        float[] values = Get(name).Values;
        if (values.Length != _hidden)
            throw new TrainingException($"'{name}' has {values.Length} values, not {_hidden}");
        return values;
    }

    private NamedTensor Get(string name) => _tensors.TryGetValue(name, out NamedTensor? tensor)
        ? tensor
        : throw new TrainingException($"the float model has no tensor '{name}'");

    private sealed class Matrix(int outputs, int inputs)
    {
        public float[] Values { get; } = new float[outputs * inputs];
        private int _filled;

        /// <summary>Copies kernel position (row, column) of a conv weight [outputs, channels, rows, columns] into columns offset.. of the matrix.</summary>
        public int AddKernelTap(NamedTensor weight, int offset, int row, int column)
        {
            if (weight.Shape.Length != 4 || weight.Shape[0] != outputs || row >= weight.Shape[2] || column >= weight.Shape[3])
                throw new TrainingException($"'{weight.Name}' has shape [{string.Join(", ", weight.Shape)}], which does not fit a {outputs}-output layer");
            int channels = weight.Shape[1], rows = weight.Shape[2], columns = weight.Shape[3];
            for (int o = 0; o < outputs; o++)
                for (int c = 0; c < channels; c++)
                    Values[o * inputs + offset + c] = weight.Values[((o * channels + c) * rows + row) * columns + column];
            _filled += channels;
            return offset + channels;
        }

        /// <summary>Copies position <paramref name="index"/> of a Conv1d weight [outputs, channels, k].</summary>
        public int AddStateTap(NamedTensor weight, int offset, int index)
        {
            if (weight.Shape.Length != 3 || weight.Shape[0] != outputs || index >= weight.Shape[2])
                throw new TrainingException($"'{weight.Name}' has shape [{string.Join(", ", weight.Shape)}], which does not fit a {outputs}-output layer");
            int channels = weight.Shape[1], k = weight.Shape[2];
            for (int o = 0; o < outputs; o++)
                for (int c = 0; c < channels; c++)
                    Values[o * inputs + offset + c] = weight.Values[(o * channels + c) * k + index];
            _filled += channels;
            return offset + channels;
        }

        public void CheckComplete(string name)
        {
            if (_filled != inputs)
                throw new TrainingException($"layer '{name}' has {_filled} inputs in the float model, not {inputs}");
        }
    }
}
