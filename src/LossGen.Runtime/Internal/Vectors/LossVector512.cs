using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LossGen.Internal;

/// <summary>
/// The math of generated 512-bit loss kernels on <see cref="Vector512{T}"/> of 16 floats or 8 doubles, one overload per
/// element type (LossVector512.Math.cs), over the exponent primitives here: AVX-512F instructions, since x86 is the only
/// platform accelerating <see cref="Vector512{T}"/>. Kernels reach it through <see cref="LossVector512{T}"/>. Not for
/// direct use.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class LossVector512
{
    /// <summary>VGETMANT's control: significands in [1, 2), sign bit cleared.</summary>
    private const byte SignificandOfMagnitude = 0b0100;

    /// <summary>Whether 512-bit vectors are hardware accelerated here.</summary>
    public static bool IsHardwareAccelerated
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector512.IsHardwareAccelerated && Avx512F.IsSupported;
    }

    /// <summary>x·2ⁿ for integral n within the exponent range, exact where the result is normal.</summary>
    /// <param name="x">The operand.</param>
    /// <param name="n">The integral power of two.</param>
    /// <returns>The result.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> ScaleB(Vector512<float> x, Vector512<float> n) => Avx512F.Scale(x, n);

    /// <inheritdoc cref="ScaleB(Vector512{float}, Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> ScaleB(Vector512<double> x, Vector512<double> n) => Avx512F.Scale(x, n);

    /// <summary>
    /// The exponent ⌊log₂|x|⌋ of finite nonzero x as an integral float, subnormals included; unspecified for 0, ±∞ and
    /// NaN.
    /// </summary>
    /// <param name="x">The operand.</param>
    /// <returns>The exponent.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> ILogB(Vector512<float> x) => Avx512F.GetExponent(x);

    /// <inheritdoc cref="ILogB(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> ILogB(Vector512<double> x) => Avx512F.GetExponent(x);

    /// <summary>
    /// The significand |x|·2^-<see cref="ILogB(Vector512{float})"/>, in [1, 2), of finite nonzero x, subnormals included;
    /// unspecified for 0, ±∞ and NaN.
    /// </summary>
    /// <param name="x">The operand.</param>
    /// <returns>The significand.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Significand(Vector512<float> x) => Avx512F.GetMantissa(x, SignificandOfMagnitude);

    /// <inheritdoc cref="Significand(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Significand(Vector512<double> x) => Avx512F.GetMantissa(x, SignificandOfMagnitude);
}
