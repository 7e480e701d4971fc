using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LossGen.Internal;

/// <summary>
/// The math of generated 128-bit loss kernels on <see cref="Vector128{T}"/> of 4 floats or 2 doubles, one overload per
/// element type (LossVector128.Math.cs), over the exponent primitives here: AVX-512VL instructions where the CPU has
/// them, portable bit arithmetic elsewhere. Kernels reach it through <see cref="LossVector128{T}"/>. Not for direct use.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class LossVector128
{
    /// <summary>VGETMANT's control: significands in [1, 2), sign bit cleared.</summary>
    private const byte SignificandOfMagnitude = 0b0100;

    /// <summary>
    /// VFIXUPIMM's table for the logarithm, a token per class of the argument from the low nibble up: quiet NaN and
    /// signaling NaN → the argument (1), ±0 → -∞ (4), +1 → the result (0), -∞ → NaN (3), +∞ → +∞ (5), negative → NaN
    /// (3), positive → the result (0).
    /// </summary>
    private const int LogFixupTable = 0x03530411;

    /// <summary>Whether 128-bit vectors are hardware accelerated here.</summary>
    public static bool IsHardwareAccelerated
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector128.IsHardwareAccelerated;
    }

    /// <summary>x·2ⁿ for integral n within the exponent range, exact where the result is normal.</summary>
    /// <param name="x">The operand.</param>
    /// <param name="n">The integral power of two.</param>
    /// <returns>The result.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> ScaleB(Vector128<float> x, Vector128<float> n)
    {
        if (Avx512F.VL.IsSupported)
        {
            return Avx512F.VL.Scale(x, n);
        }

        // n in two halves, each 2^half a normal number, so x·2ⁿ rounds once, at the second product; beyond the clamp
        // the result is 0 or ∞ for every finite nonzero x anyway.
        n = Vector128.Min(Vector128.Max(n, Vector128.Create(-252f)), Vector128.Create(254f));
        Vector128<float> half = Vector128.Floor(n * 0.5f);
        return x * PowerOfTwo(half) * PowerOfTwo(n - half);
    }

    /// <inheritdoc cref="ScaleB(Vector128{float}, Vector128{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> ScaleB(Vector128<double> x, Vector128<double> n)
    {
        if (Avx512F.VL.IsSupported)
        {
            return Avx512F.VL.Scale(x, n);
        }

        n = Vector128.Min(Vector128.Max(n, Vector128.Create(-2044.0)), Vector128.Create(2046.0));
        Vector128<double> half = Vector128.Floor(n * 0.5);
        return x * PowerOfTwo(half) * PowerOfTwo(n - half);
    }

    /// <summary>
    /// The exponent ⌊log₂|x|⌋ of finite nonzero x as an integral float, subnormals included; unspecified for 0, ±∞ and
    /// NaN.
    /// </summary>
    /// <param name="x">The operand.</param>
    /// <returns>The exponent.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> ILogB(Vector128<float> x)
    {
        if (Avx512F.VL.IsSupported)
        {
            return Avx512F.VL.GetExponent(x);
        }

        Vector128<float> a = Normalize(x, out Vector128<float> shift);

        // The biased exponent OR-ed into the significand of 2²³ makes the float 2²³ + exponent field, which a
        // subtraction turns into the exponent exactly, with no integer-to-float conversion.
        Vector128<float> field = (Vector128.ShiftRightLogical(a.AsUInt32(), 23) | Vector128.Create(0x4B000000u)).AsSingle();
        return field - Vector128.Create(8388608f + 127f) - shift;
    }

    /// <inheritdoc cref="ILogB(Vector128{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> ILogB(Vector128<double> x)
    {
        if (Avx512F.VL.IsSupported)
        {
            return Avx512F.VL.GetExponent(x);
        }

        Vector128<double> a = Normalize(x, out Vector128<double> shift);
        Vector128<double> field = (Vector128.ShiftRightLogical(a.AsUInt64(), 52) | Vector128.Create(0x4330000000000000ul)).AsDouble();
        return field - Vector128.Create(4503599627370496.0 + 1023.0) - shift;
    }

    /// <summary>
    /// The significand |x|·2^-<see cref="ILogB(Vector128{float})"/>, in [1, 2), of finite nonzero x, subnormals included;
    /// unspecified for 0, ±∞ and NaN.
    /// </summary>
    /// <param name="x">The operand.</param>
    /// <returns>The significand.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Significand(Vector128<float> x)
    {
        if (Avx512F.VL.IsSupported)
        {
            return Avx512F.VL.GetMantissa(x, SignificandOfMagnitude);
        }

        Vector128<float> a = Normalize(x, out _);
        return ((a.AsUInt32() & Vector128.Create(0x007FFFFFu)) | Vector128.Create(0x3F800000u)).AsSingle();
    }

    /// <inheritdoc cref="Significand(Vector128{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Significand(Vector128<double> x)
    {
        if (Avx512F.VL.IsSupported)
        {
            return Avx512F.VL.GetMantissa(x, SignificandOfMagnitude);
        }

        Vector128<double> a = Normalize(x, out _);
        return ((a.AsUInt64() & Vector128.Create(0x000FFFFFFFFFFFFFul)) | Vector128.Create(0x3FF0000000000000ul)).AsDouble();
    }

    /// <summary>
    /// f and e with x = 2ᵉ(1 + f), 1 + f in [√½, √2), for finite positive x; f is exact (Sterbenz).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> ReduceLog(Vector128<float> x, out Vector128<float> e)
    {
        Vector128<float> m = Significand(x);
        e = ILogB(x);
        Vector128<float> above = Vector128.GreaterThan(m, Vector128.Create(1.41421354f));
        e = Vector128.ConditionalSelect(above, e + Vector128<float>.One, e);
        return Vector128.ConditionalSelect(above, m * Vector128.Create(0.5f), m) - Vector128<float>.One;
    }

    /// <inheritdoc cref="ReduceLog(Vector128{float}, out Vector128{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<double> ReduceLog(Vector128<double> x, out Vector128<double> e)
    {
        Vector128<double> m = Significand(x);
        e = ILogB(x);
        Vector128<double> above = Vector128.GreaterThan(m, Vector128.Create(1.4142135623730951));
        e = Vector128.ConditionalSelect(above, e + Vector128<double>.One, e);
        return Vector128.ConditionalSelect(above, m * Vector128.Create(0.5), m) - Vector128<double>.One;
    }

    /// <summary>2ⁿ for integral n in [-126, 127]: n + 127 written into the exponent field.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> PowerOfTwo(Vector128<float> n) =>
        // 2²³ + 127 + n holds 127 + n in its low significand bits; the shift moves them into the exponent field and
        // pushes the exponent bits of 2²³ out of the lane.
        Vector128.ShiftLeft((n + Vector128.Create(8388608f + 127f)).AsUInt32(), 23).AsSingle();

    /// <summary>2ⁿ for integral n in [-1022, 1023].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<double> PowerOfTwo(Vector128<double> n) =>
        Vector128.ShiftLeft((n + Vector128.Create(4503599627370496.0 + 1023.0)).AsUInt64(), 52).AsDouble();

    /// <summary>|x| with subnormals scaled by 2²⁴ into the normal range, and the exponent added (24 or 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Normalize(Vector128<float> x, out Vector128<float> shift)
    {
        Vector128<float> a = Vector128.Abs(x);
        Vector128<float> subnormal = Vector128.LessThan(a, Vector128.Create(1.17549435E-38f));
        shift = subnormal & Vector128.Create(24f);
        return Vector128.ConditionalSelect(subnormal, a * 16777216f, a);
    }

    /// <summary>|x| with subnormals scaled by 2⁶⁴ into the normal range, and the exponent added (64 or 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<double> Normalize(Vector128<double> x, out Vector128<double> shift)
    {
        Vector128<double> a = Vector128.Abs(x);
        Vector128<double> subnormal = Vector128.LessThan(a, Vector128.Create(2.2250738585072014E-308));
        shift = subnormal & Vector128.Create(64.0);
        return Vector128.ConditionalSelect(subnormal, a * 18446744073709551616.0, a);
    }

    /// <summary>
    /// 1/x within about 2⁻²⁴ relative, not correctly rounded: with AVX-512VL, VRCP14's estimate refined by Newton's
    /// iteration, which does not tie up the divider; elsewhere a division. NaN at ±0 and ±∞ with AVX-512VL; for
    /// corrections that are small next to the result they amend, where the last bit does not matter.
    /// </summary>
    /// <param name="x">The operand.</param>
    /// <returns>The result.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector128<float> Reciprocal(Vector128<float> x)
    {
        if (!Avx512F.VL.IsSupported)
        {
            return Vector128<float>.One / x;
        }

        Vector128<float> r = Avx512F.VL.Reciprocal14(x);
        return Vector128.FusedMultiplyAdd(r, Vector128.FusedMultiplyAdd(-x, r, Vector128<float>.One), r);
    }

    /// <summary>1/x within about 2⁻⁵³ relative, not correctly rounded: VRCP14 and two Newton steps, or a division.</summary>
    /// <param name="x">The operand.</param>
    /// <returns>The result.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector128<double> Reciprocal(Vector128<double> x)
    {
        if (!Avx512F.VL.IsSupported)
        {
            return Vector128<double>.One / x;
        }

        Vector128<double> r = Avx512F.VL.Reciprocal14(x);
        r = Vector128.FusedMultiplyAdd(r, Vector128.FusedMultiplyAdd(-x, r, Vector128<double>.One), r);
        return Vector128.FusedMultiplyAdd(r, Vector128.FusedMultiplyAdd(-x, r, Vector128<double>.One), r);
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
    internal static Vector128<float> LogSpecialCases(Vector128<float> x, Vector128<float> result) =>
        Avx512F.VL.IsSupported ? Avx512F.VL.Fixup(result, x, Vector128.Create(LogFixupTable), 0) : Vector128.ConditionalSelect(
            IsFiniteNonzero(x),
            Vector128.ConditionalSelect(Vector128.LessThan(x, Vector128<float>.Zero), Vector128.Create(float.NaN), result),
            Vector128.ConditionalSelect(Vector128.Equals(x, Vector128<float>.Zero), -Vector128.Create(float.PositiveInfinity), Vector128.ConditionalSelect(Vector128.LessThan(x, Vector128<float>.Zero), Vector128.Create(float.NaN), x)));

    /// <inheritdoc cref="LogSpecialCases(Vector128{float}, Vector128{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector128<double> LogSpecialCases(Vector128<double> x, Vector128<double> result) =>
        Avx512F.VL.IsSupported ? Avx512F.VL.Fixup(result, x, Vector128.Create((long)LogFixupTable), 0) : Vector128.ConditionalSelect(
            IsFiniteNonzero(x),
            Vector128.ConditionalSelect(Vector128.LessThan(x, Vector128<double>.Zero), Vector128.Create(double.NaN), result),
            Vector128.ConditionalSelect(Vector128.Equals(x, Vector128<double>.Zero), -Vector128.Create(double.PositiveInfinity), Vector128.ConditionalSelect(Vector128.LessThan(x, Vector128<double>.Zero), Vector128.Create(double.NaN), x)));
}
