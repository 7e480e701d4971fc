using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace LossGen.Internal;

/// <summary>What the processor does in hardware, as the batch loops choose their kernel calls by it.</summary>
internal static class Hardware
{
    /// <summary>
    /// Whether a fused multiply-add is one instruction (x86 FMA3, every ARM64 core); without it, .NET computes an exact
    /// <c>FusedMultiplyAdd</c> in software, a call the JIT cannot drop when its result goes unused.
    /// </summary>
    public static bool FusedMultiplyAdd => Fma.IsSupported || AdvSimd.IsSupported;
}
