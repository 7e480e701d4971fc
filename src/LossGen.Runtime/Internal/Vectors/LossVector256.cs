using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LossGen.Internal;

/// <summary>
/// The math of generated 256-bit loss kernels on <see cref="Vector256{T}"/> of 8 floats or 4 doubles, one overload per
/// element type (LossVector256.Math.g.cs, generated from LossVector512.Math.cs), over the exponent primitives here:
/// AVX-512VL instructions where the CPU has them, portable bit arithmetic elsewhere. Kernels reach it through
/// <see cref="LossVector256{T}"/>. Not for direct use.
/// </summary>
/// <remarks>
/// Written once, at 256 bits: LossGen's WidthGenerator compiles the file at 256 bits again at 128 bits, with the width
/// replaced.
/// </remarks>
[WidthTemplate(256, 128, Replace = ["8 floats or 4 doubles", "4 floats or 2 doubles"])]
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class LossVector256
{
    /// <summary>VGETMANT's control: significands in [1, 2), sign bit cleared.</summary>
    private const byte SignificandOfMagnitude = 0b0100;

    /// <summary>
    /// VFIXUPIMM's table for the logarithm, a token per class of the argument from the low nibble up: quiet NaN and
    /// signaling NaN → the argument (1), ±0 → -∞ (4), +1 → the result (0), -∞ → NaN (3), +∞ → +∞ (5), negative → NaN
    /// (3), positive → the result (0).
    /// </summary>
    private const int LogFixupTable = 0x03530411;

    /// <summary>Whether 256-bit vectors are hardware accelerated here.</summary>
    public static bool IsHardwareAccelerated
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector256.IsHardwareAccelerated;
    }

    /// <summary>x·2ⁿ for integral n within the exponent range, exact where the result is normal.</summary>
    /// <param name="x">The operand.</param>
    /// <param name="n">The integral power of two.</param>
    /// <returns>The result.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ScaleB(Vector256<float> x, Vector256<float> n)
    {
        if (Avx512F.VL.IsSupported)
        {
            return Avx512F.VL.Scale(x, n);
        }

        // n in two halves, each 2^half a normal number, so x·2ⁿ rounds once, at the second product; beyond the clamp
        // the result is 0 or ∞ for every finite nonzero x anyway.
        n = Vector256.Min(Vector256.Max(n, Vector256.Create(-252f)), Vector256.Create(254f));
        Vector256<float> half = Vector256.Floor(n * 0.5f);
        return x * PowerOfTwo(half) * PowerOfTwo(n - half);
    }

    /// <inheritdoc cref="ScaleB(Vector256{float}, Vector256{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> ScaleB(Vector256<double> x, Vector256<double> n)
    {
        if (Avx512F.VL.IsSupported)
        {
            return Avx512F.VL.Scale(x, n);
        }

        n = Vector256.Min(Vector256.Max(n, Vector256.Create(-2044.0)), Vector256.Create(2046.0));
        Vector256<double> half = Vector256.Floor(n * 0.5);
        return x * PowerOfTwo(half) * PowerOfTwo(n - half);
    }

    /// <summary>
    /// The exponent ⌊log₂|x|⌋ of finite nonzero x as an integral float, subnormals included; unspecified for 0, ±∞ and
    /// NaN.
    /// </summary>
    /// <param name="x">The operand.</param>
    /// <returns>The exponent.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ILogB(Vector256<float> x)
    {
        if (Avx512F.VL.IsSupported)
        {
            return Avx512F.VL.GetExponent(x);
        }

        Vector256<float> a = Normalize(x, out Vector256<float> shift);

        // The biased exponent OR-ed into the significand of 2²³ makes the float 2²³ + exponent field, which a
        // subtraction turns into the exponent exactly, with no integer-to-float conversion.
        Vector256<float> field = (Vector256.ShiftRightLogical(a.AsUInt32(), 23) | Vector256.Create(0x4B000000u)).AsSingle();
        return field - Vector256.Create(8388608f + 127f) - shift;
    }

    /// <inheritdoc cref="ILogB(Vector256{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> ILogB(Vector256<double> x)
    {
        if (Avx512F.VL.IsSupported)
        {
            return Avx512F.VL.GetExponent(x);
        }

        Vector256<double> a = Normalize(x, out Vector256<double> shift);
        Vector256<double> field = (Vector256.ShiftRightLogical(a.AsUInt64(), 52) | Vector256.Create(0x4330000000000000ul)).AsDouble();
        return field - Vector256.Create(4503599627370496.0 + 1023.0) - shift;
    }

    /// <summary>
    /// The significand |x|·2^-<see cref="ILogB(Vector256{float})"/>, in [1, 2), of finite nonzero x, subnormals included;
    /// unspecified for 0, ±∞ and NaN.
    /// </summary>
    /// <param name="x">The operand.</param>
    /// <returns>The significand.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Significand(Vector256<float> x)
    {
        if (Avx512F.VL.IsSupported)
        {
            return Avx512F.VL.GetMantissa(x, SignificandOfMagnitude);
        }

        Vector256<float> a = Normalize(x, out _);
        return ((a.AsUInt32() & Vector256.Create(0x007FFFFFu)) | Vector256.Create(0x3F800000u)).AsSingle();
    }

    /// <inheritdoc cref="Significand(Vector256{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Significand(Vector256<double> x)
    {
        if (Avx512F.VL.IsSupported)
        {
            return Avx512F.VL.GetMantissa(x, SignificandOfMagnitude);
        }

        Vector256<double> a = Normalize(x, out _);
        return ((a.AsUInt64() & Vector256.Create(0x000FFFFFFFFFFFFFul)) | Vector256.Create(0x3FF0000000000000ul)).AsDouble();
    }

    /// <summary>
    /// f and e with x = 2ᵉ(1 + f), 1 + f in [√½, √2), for finite positive x; f is exact (Sterbenz).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> ReduceLog(Vector256<float> x, out Vector256<float> e)
    {
        Vector256<float> m = Significand(x);
        e = ILogB(x);
        Vector256<float> above = Vector256.GreaterThan(m, Vector256.Create(1.41421354f));
        e = Vector256.ConditionalSelect(above, e + Vector256<float>.One, e);
        return Vector256.ConditionalSelect(above, m * Vector256.Create(0.5f), m) - Vector256<float>.One;
    }

    /// <inheritdoc cref="ReduceLog(Vector256{float}, out Vector256{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> ReduceLog(Vector256<double> x, out Vector256<double> e)
    {
        Vector256<double> m = Significand(x);
        e = ILogB(x);
        Vector256<double> above = Vector256.GreaterThan(m, Vector256.Create(1.4142135623730951));
        e = Vector256.ConditionalSelect(above, e + Vector256<double>.One, e);
        return Vector256.ConditionalSelect(above, m * Vector256.Create(0.5), m) - Vector256<double>.One;
    }

    /// <summary>2ⁿ for integral n in [-126, 127]: n + 127 written into the exponent field.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> PowerOfTwo(Vector256<float> n) =>
        // 2²³ + 127 + n holds 127 + n in its low significand bits; the shift moves them into the exponent field and
        // pushes the exponent bits of 2²³ out of the lane.
        Vector256.ShiftLeft((n + Vector256.Create(8388608f + 127f)).AsUInt32(), 23).AsSingle();

    /// <summary>2ⁿ for integral n in [-1022, 1023].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> PowerOfTwo(Vector256<double> n) =>
        Vector256.ShiftLeft((n + Vector256.Create(4503599627370496.0 + 1023.0)).AsUInt64(), 52).AsDouble();

    /// <summary>|x| with subnormals scaled by 2²⁴ into the normal range, and the exponent added (24 or 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Normalize(Vector256<float> x, out Vector256<float> shift)
    {
        Vector256<float> a = Vector256.Abs(x);
        Vector256<float> subnormal = Vector256.LessThan(a, Vector256.Create(1.17549435E-38f));
        shift = subnormal & Vector256.Create(24f);
        return Vector256.ConditionalSelect(subnormal, a * 16777216f, a);
    }

    /// <summary>|x| with subnormals scaled by 2⁶⁴ into the normal range, and the exponent added (64 or 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Normalize(Vector256<double> x, out Vector256<double> shift)
    {
        Vector256<double> a = Vector256.Abs(x);
        Vector256<double> subnormal = Vector256.LessThan(a, Vector256.Create(2.2250738585072014E-308));
        shift = subnormal & Vector256.Create(64.0);
        return Vector256.ConditionalSelect(subnormal, a * 18446744073709551616.0, a);
    }

    /// <summary>
    /// 1/x within about 2⁻²⁴ relative, not correctly rounded: with AVX-512VL, VRCP14's estimate refined by Newton's
    /// iteration, which does not tie up the divider; elsewhere a division. NaN at ±0 and ±∞ with AVX-512VL; for
    /// corrections that are small next to the result they amend, where the last bit does not matter.
    /// </summary>
    /// <param name="x">The operand.</param>
    /// <returns>The result.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> Reciprocal(Vector256<float> x)
    {
        if (!Avx512F.VL.IsSupported)
        {
            return Vector256<float>.One / x;
        }

        Vector256<float> r = Avx512F.VL.Reciprocal14(x);
        return Vector256.FusedMultiplyAdd(r, Vector256.FusedMultiplyAdd(-x, r, Vector256<float>.One), r);
    }

    /// <summary>1/x within about 2⁻⁵³ relative, not correctly rounded: VRCP14 and two Newton steps, or a division.</summary>
    /// <param name="x">The operand.</param>
    /// <returns>The result.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<double> Reciprocal(Vector256<double> x)
    {
        if (!Avx512F.VL.IsSupported)
        {
            return Vector256<double>.One / x;
        }

        Vector256<double> r = Avx512F.VL.Reciprocal14(x);
        r = Vector256.FusedMultiplyAdd(r, Vector256.FusedMultiplyAdd(-x, r, Vector256<double>.One), r);
        return Vector256.FusedMultiplyAdd(r, Vector256.FusedMultiplyAdd(-x, r, Vector256<double>.One), r);
    }

    /// <summary>
    /// The logarithm's values at ±0 (-∞), below 0 (NaN), +∞ (+∞) and NaN (itself), <paramref name="result"/> elsewhere:
    /// VFIXUPIMM with AVX-512VL, which classifies <paramref name="x"/> and picks the value by class from a table;
    /// comparisons and selections elsewhere.
    /// </summary>
    /// <param name="x">The argument of the logarithm.</param>
    /// <param name="result">The logarithm for finite positive arguments.</param>
    /// <returns>The result.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> LogSpecialCases(Vector256<float> x, Vector256<float> result) =>
        Avx512F.VL.IsSupported ? Avx512F.VL.Fixup(result, x, Vector256.Create(LogFixupTable), 0) : Vector256.ConditionalSelect(
            IsFiniteNonzero(x),
            Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256<float>.Zero), Vector256.Create(float.NaN), result),
            Vector256.ConditionalSelect(Vector256.Equals(x, Vector256<float>.Zero), -Vector256.Create(float.PositiveInfinity), Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256<float>.Zero), Vector256.Create(float.NaN), x)));

    /// <inheritdoc cref="LogSpecialCases(Vector256{float}, Vector256{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<double> LogSpecialCases(Vector256<double> x, Vector256<double> result) =>
        Avx512F.VL.IsSupported ? Avx512F.VL.Fixup(result, x, Vector256.Create((long)LogFixupTable), 0) : Vector256.ConditionalSelect(
            IsFiniteNonzero(x),
            Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256<double>.Zero), Vector256.Create(double.NaN), result),
            Vector256.ConditionalSelect(Vector256.Equals(x, Vector256<double>.Zero), -Vector256.Create(double.PositiveInfinity), Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256<double>.Zero), Vector256.Create(double.NaN), x)));
}
