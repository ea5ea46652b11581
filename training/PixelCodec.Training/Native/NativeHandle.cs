using System.Runtime.InteropServices;

namespace PixelCodec.Training.Native;

/// <summary>An owned shim object, freed by the given function when disposed or finalised.</summary>
internal sealed class NativeHandle : SafeHandle
{
    private readonly Action<IntPtr> _free;

    public NativeHandle(IntPtr handle, Action<IntPtr> free) : base(IntPtr.Zero, ownsHandle: true)
    {
        _free = free;
        SetHandle(handle);
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        _free(handle);
        return true;
    }
}
