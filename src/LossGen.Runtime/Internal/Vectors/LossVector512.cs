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

    /// <summary>
    /// VFIXUPIMM's table for the logarithm, a token per class of the argument from the low nibble up: quiet NaN and
    /// signaling NaN → the argument (1), ±0 → -∞ (4), +1 → the result (0), -∞ → NaN (3), +∞ → +∞ (5), negative → NaN
    /// (3), positive → the result (0).
    /// </summary>
    private const int LogFixupTable = 0x03530411;

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

    /// <summary>
    /// f and e with x = 2ᵉ(1 + f), 1 + f in [√½, √2), for finite positive x; f is exact (Sterbenz).
    /// </summary>
    /// <remarks>
    /// By integer arithmetic on the bits: x's bits minus those of √½, shifted, are e, and x with e taken off its
    /// exponent field is 1 + f. Subnormal x are first scaled by 2²⁴ into the normal range. This is several times faster
    /// here than VGETMANT and VGETEXP, whose results feed a comparison only with a long delay on recent Intel cores.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<float> ReduceLog(Vector512<float> x, out Vector512<float> e)
    {
        Vector512<int> bits = Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512.Create(1.17549435E-38f)), x * 16777216f, x).AsInt32();
        Vector512<int> exponent = Vector512.ShiftRightArithmetic(bits - Vector512.Create(0x3F3504F3), 23);
        Vector512<float> unscaled = Vector512.ConvertToSingle(exponent);
        e = Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512.Create(1.17549435E-38f)), unscaled - Vector512.Create(24f), unscaled);
        return (bits - Vector512.ShiftLeft(exponent, 23)).AsSingle() - Vector512<float>.One;
    }

    /// <inheritdoc cref="ReduceLog(Vector512{float}, out Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<double> ReduceLog(Vector512<double> x, out Vector512<double> e)
    {
        Vector512<long> bits = Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512.Create(2.2250738585072014E-308)), x * 18446744073709551616.0, x).AsInt64();
        Vector512<long> exponent = Vector512.ShiftRightArithmetic(bits - Vector512.Create(0x3FE6A09E667F3BCDL), 52);
        Vector512<double> unscaled = Vector512.ConvertToDouble(exponent);
        e = Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512.Create(2.2250738585072014E-308)), unscaled - Vector512.Create(64.0), unscaled);
        return (bits - Vector512.ShiftLeft(exponent, 52)).AsDouble() - Vector512<double>.One;
    }

    /// <summary>
    /// 1/x within about 2⁻²⁴ relative, not correctly rounded: VRCP14's estimate refined by Newton's iteration, which does
    /// not tie up the divider (a 512-bit division occupies it for ten cycles or more, and a loss kernel has several).
    /// NaN at ±0 and ±∞; for corrections that are small next to the result they amend, where the last bit does not
    /// matter.
    /// </summary>
    /// <param name="x">The operand.</param>
    /// <returns>The result.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<float> Reciprocal(Vector512<float> x)
    {
        Vector512<float> r = Avx512F.Reciprocal14(x);
        return Vector512.FusedMultiplyAdd(r, Vector512.FusedMultiplyAdd(-x, r, Vector512<float>.One), r);
    }

    /// <summary>1/x within about 2⁻⁵³ relative, not correctly rounded: VRCP14 and two Newton steps.</summary>
    /// <param name="x">The operand.</param>
    /// <returns>The result.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<double> Reciprocal(Vector512<double> x)
    {
        Vector512<double> r = Avx512F.Reciprocal14(x);
        r = Vector512.FusedMultiplyAdd(r, Vector512.FusedMultiplyAdd(-x, r, Vector512<double>.One), r);
        return Vector512.FusedMultiplyAdd(r, Vector512.FusedMultiplyAdd(-x, r, Vector512<double>.One), r);
    }

    /// <summary>
    /// The logarithm's values at ±0 (-∞), below 0 (NaN), +∞ (+∞) and NaN (itself), <paramref name="result"/> elsewhere:
    /// one VFIXUPIMM, which classifies <paramref name="x"/> and picks the value by class from a table.
    /// </summary>
    /// <param name="x">The argument of the logarithm.</param>
    /// <param name="result">The logarithm for finite positive arguments.</param>
    /// <returns>The result.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<float> LogSpecialCases(Vector512<float> x, Vector512<float> result) =>
        Avx512F.Fixup(result, x, Vector512.Create(LogFixupTable), 0);

    /// <inheritdoc cref="LogSpecialCases(Vector512{float}, Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<double> LogSpecialCases(Vector512<double> x, Vector512<double> result) =>
        Avx512F.Fixup(result, x, Vector512.Create((long)LogFixupTable), 0);
}
