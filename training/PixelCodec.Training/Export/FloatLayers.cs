using PixelCodec.Engine;
using PixelCodec.Training.Models;

namespace PixelCodec.Training.Export;

/// <summary>
/// A float model's layers rearranged the way the integer engine reads them: per <see cref="ConvLayout"/>,
/// a weight matrix [outputs x inputs] with the inputs in the layout's tap order, and the bias (two
/// convolutions feeding the same LSTM gates are one layer, their biases summed).
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

    /// <summary>Weights [outputs x inputs] and bias of the integer layer <paramref name="layout"/>.</summary>
    public (float[] Weights, float[] Bias) For(ConvLayout layout)
    {
        var matrix = new Matrix(layout.Outputs, layout.Inputs);
        float[] bias;
        string name = layout.Name;
        if (name == "input")
        {
            int offset = 0;
            foreach ((int dy, int dx) in IntegerNetwork.InputTaps)
                offset = matrix.AddKernelTap("input.conv.weight", Get("input.conv.weight"), offset, row: dy + 3, column: dx + 3);
            bias = Get("input.conv.bias").Values;
        }
        else if (name.EndsWith(".gates"))
        {
            string prefix = name[..^".gates".Length];
            NamedTensor state = Get($"{prefix}.state_to_state.weight"), input = Get($"{prefix}.input_to_state.conv.weight");
            int offset = 0;
            if (input.Shape[3] == 3)
            {
                // Row LSTM: state taps (-1, -1..1) then input taps (0, -1), (0, 0).
                foreach ((_, int dx) in RowLstmLayer.StateTaps)
                    offset = matrix.AddStateTap(state, offset, dx + 1);
                foreach ((_, int dx) in RowLstmLayer.InputTaps)
                    offset = matrix.AddKernelTap(input.Name, input, offset, row: 0, column: dx + 1);
            }
            else
            {
                // Diagonal BiLSTM direction: state above (index 0), beside (index 1), then the 1x1 input.
                offset = matrix.AddStateTap(state, offset, 0);
                offset = matrix.AddStateTap(state, offset, 1);
                offset = matrix.AddKernelTap(input.Name, input, offset, row: 0, column: 0);
            }
            float[] a = Get($"{prefix}.state_to_state.bias").Values, b = Get($"{prefix}.input_to_state.conv.bias").Values;
            bias = [.. a.Zip(b, (x, y) => x + y)];
        }
        else
        {
            // Every other layer is a masked convolution of the same name: 1x1, or PixelCNN's 3x3.
            NamedTensor weight = Get($"{name}.conv.weight");
            int offset = 0;
            if (name.EndsWith(".spatial"))
                foreach ((int dy, int dx) in PixelCnnBlock.SpatialTaps)
                    offset = matrix.AddKernelTap(weight.Name, weight, offset, row: dy + 1, column: dx + 1);
            else
                offset = matrix.AddKernelTap(weight.Name, weight, offset, row: 0, column: 0);
            bias = Get($"{name}.conv.bias").Values;
        }
        matrix.CheckComplete(name);
        if (bias.Length != layout.Outputs)
            throw new TrainingException($"layer '{name}' has {bias.Length} biases, not {layout.Outputs}");
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
        public int AddKernelTap(string name, NamedTensor weight, int offset, int row, int column)
        {
            if (weight.Shape.Length != 4 || weight.Shape[0] != outputs || row >= weight.Shape[2] || column >= weight.Shape[3])
                throw new TrainingException($"'{name}' has shape [{string.Join(", ", weight.Shape)}], which does not fit a {outputs}-output layer");
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
            if (weight.Shape.Length != 3 || weight.Shape[0] != outputs)
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
