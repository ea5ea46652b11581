namespace PixelCodec.Training.Native;

/// <summary>
/// Frees, when disposed, every <see cref="Tensor"/> created on this thread while it was the innermost
/// open scope. Scopes nest; the finaliser would free a forgotten tensor too, but only at some later GC.
/// </summary>
public sealed class TensorScope : IDisposable
{
    [ThreadStatic] private static TensorScope? _current;

    private readonly TensorScope? _outer;
    private readonly List<Tensor> _tensors = [];

    public TensorScope()
    {
        _outer = _current;
        _current = this;
    }

    internal static TensorScope? Current => _current;

    internal void Track(Tensor tensor) => _tensors.Add(tensor);

    public void Dispose()
    {
        foreach (Tensor tensor in _tensors)
            tensor.Dispose();
        _tensors.Clear();
        if (_current == this)
            _current = _outer;
    }
}
