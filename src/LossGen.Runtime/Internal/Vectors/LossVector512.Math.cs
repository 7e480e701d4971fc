using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace LossGen.Internal;

// The math of the derivative rule table on 512-bit vectors of float and of double, each element type with its own
// polynomial coefficients and constants; float never goes through double. Accuracy, measured by
// tests/LossGen.Tests/Vectors and listed in docs/vector-math.md, is within 4 ulp (float) and 8 ulp (double) of the exact
// value over the whole domain, subnormal results included; special values and NaN propagation are those of the scalar
// Math and LossMath functions of the same name.
//
// Everything is written in .NET's vector operators and Vector512 methods on the concrete element type, which the JIT
// expands in place, so that the functions a loss uses most are inlined into its kernel (AggressiveInlining) with no call
// and no spill around it, and with few locals: the JIT stops inlining into a method past 512 of them, and every
// argument of a helper that is not a plain local costs one, so generic helpers (a T-dispatching fused multiply-add, a
// constant per element type) would exhaust them within two or three functions. The large and rarely used functions
// (Pow, the trigonometric functions, Cbrt, Sinh, Cosh, Log2, Log10) are calls, compiled once each.
//
// A comparison is written inside each ConditionalSelect that uses it rather than kept in a local: the JIT then selects
// with the comparison's mask register (VBLENDMPS under k) and merges the repeated comparisons, whereas a mask held in a
// vector local is converted to a vector and blended bitwise, which on recent Intel cores delays everything after it
// (Log took 2.3 times as long). Atan, rarely used, keeps its four interval masks in locals for legibility.
//
// The math is written once, at 512 bits, and compiled again at 256 and 128 bits by LossGen's WidthGenerator, which copies
// the file at 512 bits with the width replaced (see WidthTemplateAttribute; the copies are the generated
// LossVector{256,128}.Math.g.cs); the primitives under the math differ by width (LossVector512.cs).
[WidthTemplate(512, 256)]
[WidthTemplate(512, 128)]
public static partial class LossVector512
{
    // ln 2 in three parts. High has few bits so that e·High is exact for every exponent e; High + Mid alone is within
    // 2⁻³⁴ (float) or 2⁻⁸⁶ (double) of ln 2, enough for Exp and Log; Pow's extended logarithm adds Low.
    private const float Ln2HiSingle = 0.693359375f;
    private const float Ln2MidSingle = -2.12194442e-4f;
    private const float Ln2LoSingle = 1.64659497e-12f;
    private const double Ln2HiDouble = 6.93147180369123816490e-01;
    private const double Ln2MidDouble = 1.9082149292705877e-10;
    private const double Ln2LoDouble = 1.1612227229362532e-26;

    /// <summary>Where e^-2|x| no longer matters to sinh x or cosh x: below 2⁻²⁸ (float) or 2⁻⁶³ (double).</summary>
    private const float HyperbolicLimitSingle = 10f;

    /// <inheritdoc cref="HyperbolicLimitSingle"/>
    private const double HyperbolicLimitDouble = 22.0;

    /// <summary>The largest |x| reduced in vector arithmetic, where |x·2/π| keeps the quadrant exact in the working precision.</summary>
    private const float TrigLimitSingle = 1e5f;

    /// <inheritdoc cref="TrigLimitSingle"/>
    private const double TrigLimitDouble = 1e9;

    /// <summary>eˣ: +∞ above ln(max), 0 below ln(ε/2), subnormal between.</summary>
    /// <param name="x">The operand.</param>
    /// <returns>The result.</returns>
    /// <remarks>eˣ = 2ᵏ·e^r with k = round(x/ln 2), |r| ≤ ln2/2, e^r - 1 a minimax polynomial.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Exp(Vector512<float> x) => ExpCore(x);

    /// <inheritdoc cref="Exp(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Exp(Vector512<double> x) => ExpCore(x);

    /// <summary>eˣ - 1, accurate also near 0; -1 for very negative x, +∞ on overflow, ±0 kept.</summary>
    /// <param name="x">The operand.</param>
    /// <returns>The result.</returns>
    /// <remarks>eˣ - 1 = 2ᵏ·((e^r - 1) + 1 - 2⁻ᵏ) with the reduction of <see cref="Exp(Vector512{float})"/>: no cancellation for any k.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Expm1(Vector512<float> x) => Expm1Core(x);

    /// <inheritdoc cref="Expm1(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Expm1(Vector512<double> x) => Expm1Core(x);

    /// <summary>The natural logarithm: -∞ at ±0, NaN below 0, +∞ at +∞; subnormal arguments included.</summary>
    /// <param name="x">The operand.</param>
    /// <returns>The result.</returns>
    /// <remarks>log x = e·ln 2 + log(1 + f) with x = 2ᵉ(1 + f), 1 + f in [√½, √2).</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Log(Vector512<float> x) => LogCore(x);

    /// <inheritdoc cref="Log(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Log(Vector512<double> x) => LogCore(x);

    /// <summary>log₂ x, exact at powers of two; special values as <see cref="Log(Vector512{float})"/>.</summary>
    /// <param name="x">The operand.</param>
    /// <returns>The result.</returns>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Vector512<float> Log2(Vector512<float> x)
    {
        Vector512<float> f = ReduceLog(x, out Vector512<float> e);
        Vector512<float> log = Log1pKernel(f);
        Vector512<float> result = Vector512.FusedMultiplyAdd(log, Vector512.Create(1.44269502f), Vector512.FusedMultiplyAdd(log, Vector512.Create(1.92596303e-8f), e));
        return LogSpecialCases(x, result);
    }

    /// <inheritdoc cref="Log2(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Vector512<double> Log2(Vector512<double> x)
    {
        Vector512<double> f = ReduceLog(x, out Vector512<double> e);
        Vector512<double> log = Log1pKernel(f);
        Vector512<double> result = Vector512.FusedMultiplyAdd(log, Vector512.Create(1.4426950408889634), Vector512.FusedMultiplyAdd(log, Vector512.Create(2.0355273740931033e-17), e));
        return LogSpecialCases(x, result);
    }

    /// <summary>log₁₀ x; special values as <see cref="Log(Vector512{float})"/>.</summary>
    /// <param name="x">The operand.</param>
    /// <returns>The result.</returns>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Vector512<float> Log10(Vector512<float> x)
    {
        Vector512<float> f = ReduceLog(x, out Vector512<float> e);
        Vector512<float> log = Log1pKernel(f);
        Vector512<float> small = Vector512.FusedMultiplyAdd(e, Vector512.Create(-1.43209888e-8f), log * Vector512.Create(-1.010305e-8f));
        Vector512<float> result = Vector512.FusedMultiplyAdd(e, Vector512.Create(0.30103001f), Vector512.FusedMultiplyAdd(log, Vector512.Create(0.434294492f), small));
        return LogSpecialCases(x, result);
    }

    /// <inheritdoc cref="Log10(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Vector512<double> Log10(Vector512<double> x)
    {
        Vector512<double> f = ReduceLog(x, out Vector512<double> e);
        Vector512<double> log = Log1pKernel(f);
        Vector512<double> small = Vector512.FusedMultiplyAdd(e, Vector512.Create(-2.8037281277851704e-18), log * Vector512.Create(1.098319650216765e-17));
        Vector512<double> result = Vector512.FusedMultiplyAdd(e, Vector512.Create(0.3010299956639812), Vector512.FusedMultiplyAdd(log, Vector512.Create(0.4342944819032518), small));
        return LogSpecialCases(x, result);
    }

    /// <summary>log(1 + x), accurate also near 0 (as <see cref="LossMath.Log1p(double)"/>): -∞ at -1, NaN below, ±0 kept.</summary>
    /// <param name="x">The operand.</param>
    /// <returns>The result.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Log1p(Vector512<float> x) => Log1pCore(x);

    /// <inheritdoc cref="Log1p(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Log1p(Vector512<double> x) => Log1pCore(x);

    /// <summary>x^y with <see cref="Math.Pow(double, double)"/>'s special values (x^±0 = 1, 1^y = 1, (-1)^±∞ = 1, NaN for a negative base and non-integral exponent, signed zeros and infinities for odd integral exponents).</summary>
    /// <param name="x">The base.</param>
    /// <param name="y">The exponent.</param>
    /// <returns>The result.</returns>
    /// <remarks>
    /// exp(y·log|x|) loses |y·log x| ulps when log x is rounded to working precision, so log|x| is carried in two parts
    /// and y·log|x| formed exactly; the low part enters the reduced argument of the exponential.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Vector512<float> Pow(Vector512<float> x, Vector512<float> y)
    {
        Vector512<float> magnitude = Vector512.Abs(x);
        Vector512<float> logHigh = LogWithTail(Vector512.ConditionalSelect(IsFiniteNonzero(magnitude), magnitude, Vector512<float>.One), out Vector512<float> logLow);

        // 0 and ∞ have logarithms -∞ and +∞, which the exponential turns into 0 or ∞ by the sign of y.
        logHigh = Vector512.ConditionalSelect(IsFiniteNonzero(magnitude), logHigh, Vector512.ConditionalSelect(Vector512.Equals(magnitude, Vector512<float>.Zero), -Vector512.Create(float.PositiveInfinity), magnitude));
        Vector512<float> high = y * logHigh;
        Vector512<float> low = Vector512.FusedMultiplyAdd(y, logHigh, -high) + y * Vector512.ConditionalSelect(IsFiniteNonzero(magnitude), logLow, Vector512<float>.Zero);

        // Beyond the exponential's range the low part does not matter, and it is NaN where the high part is infinite.
        low = Vector512.ConditionalSelect(Vector512.LessThan(Vector512.Abs(high), Vector512.Create(1e4f)), low, Vector512<float>.Zero);
        Vector512<float> result = ExpWithTail(high, low);

        Vector512<float> half = Vector512.Floor(y * Vector512.Create(0.5f));
        result = Vector512.ConditionalSelect(Vector512.IsNegative(x) & (Vector512.Equals(Vector512.Floor(y), y) & ~Vector512.Equals(half + half, y)), -result, result);
        result = Vector512.ConditionalSelect((Vector512.LessThan(x, Vector512<float>.Zero) & Vector512.GreaterThan(x, -Vector512.Create(float.PositiveInfinity))) & ~Vector512.Equals(Vector512.Floor(y), y), Vector512.Create(float.NaN), result);
        Vector512<float> one = Vector512.Equals(y, Vector512<float>.Zero) | Vector512.Equals(x, Vector512<float>.One)
            | (Vector512.Equals(magnitude, Vector512<float>.One) & Vector512.Equals(Vector512.Abs(y), Vector512.Create(float.PositiveInfinity)));
        return Vector512.ConditionalSelect(one, Vector512<float>.One, result);
    }

    /// <inheritdoc cref="Pow(Vector512{float}, Vector512{float})"/>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Vector512<double> Pow(Vector512<double> x, Vector512<double> y)
    {
        Vector512<double> magnitude = Vector512.Abs(x);
        Vector512<double> logHigh = LogWithTail(Vector512.ConditionalSelect(IsFiniteNonzero(magnitude), magnitude, Vector512<double>.One), out Vector512<double> logLow);

        // 0 and ∞ have logarithms -∞ and +∞, which the exponential turns into 0 or ∞ by the sign of y.
        logHigh = Vector512.ConditionalSelect(IsFiniteNonzero(magnitude), logHigh, Vector512.ConditionalSelect(Vector512.Equals(magnitude, Vector512<double>.Zero), -Vector512.Create(double.PositiveInfinity), magnitude));
        Vector512<double> high = y * logHigh;
        Vector512<double> low = Vector512.FusedMultiplyAdd(y, logHigh, -high) + y * Vector512.ConditionalSelect(IsFiniteNonzero(magnitude), logLow, Vector512<double>.Zero);

        // Beyond the exponential's range the low part does not matter, and it is NaN where the high part is infinite.
        low = Vector512.ConditionalSelect(Vector512.LessThan(Vector512.Abs(high), Vector512.Create(1e4)), low, Vector512<double>.Zero);
        Vector512<double> result = ExpWithTail(high, low);

        Vector512<double> half = Vector512.Floor(y * Vector512.Create(0.5));
        result = Vector512.ConditionalSelect(Vector512.IsNegative(x) & (Vector512.Equals(Vector512.Floor(y), y) & ~Vector512.Equals(half + half, y)), -result, result);
        result = Vector512.ConditionalSelect((Vector512.LessThan(x, Vector512<double>.Zero) & Vector512.GreaterThan(x, -Vector512.Create(double.PositiveInfinity))) & ~Vector512.Equals(Vector512.Floor(y), y), Vector512.Create(double.NaN), result);
        Vector512<double> one = Vector512.Equals(y, Vector512<double>.Zero) | Vector512.Equals(x, Vector512<double>.One)
            | (Vector512.Equals(magnitude, Vector512<double>.One) & Vector512.Equals(Vector512.Abs(y), Vector512.Create(double.PositiveInfinity)));
        return Vector512.ConditionalSelect(one, Vector512<double>.One, result);
    }

    /// <summary>∛x, odd: ±0, ±∞ and NaN returned as they are; subnormal arguments included.</summary>
    /// <param name="x">The operand.</param>
    /// <returns>The result.</returns>
    /// <remarks>x = 2^(3q + i)·m: ∛x = 2^q·∛(2ⁱm), a polynomial guess refined by Newton's iteration.</remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Vector512<float> Cbrt(Vector512<float> x)
    {
        Vector512<float> magnitude = Vector512.Abs(x);
        Vector512<float> e = ILogB(magnitude);
        Vector512<float> m = Significand(magnitude);
        Vector512<float> q = Vector512.Floor((e + Vector512.Create(0.5f)) * Vector512.Create((float)(1.0 / 3)));
        Vector512<float> i = e - Vector512.Create(3f) * q;
        Vector512<float> v = m * Vector512.ConditionalSelect(Vector512.Equals(i, Vector512<float>.Zero), Vector512<float>.One, Vector512.ConditionalSelect(Vector512.Equals(i, Vector512<float>.One), Vector512.Create(2f), Vector512.Create(4f)));
        Vector512<float> guess = Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.Create(-0.01060389670029072f), m, Vector512.Create(0.08609134750760279f)), m, Vector512.Create(-0.3006115601307248f)), m, Vector512.Create(0.7181539396495297f)), m, Vector512.Create(0.5069793773356551f));
        Vector512<float> y = guess * Vector512.ConditionalSelect(Vector512.Equals(i, Vector512<float>.Zero), Vector512<float>.One, Vector512.ConditionalSelect(Vector512.Equals(i, Vector512<float>.One), Vector512.Create(1.2599210498948732f), Vector512.Create(1.5874010519681996f)));

        // Each Newton step y ← y - (y³ - v)/3y² squares the relative error: the guess's 2⁻¹⁶ becomes 2⁻³² (float's last
        // step) or 2⁻⁶⁴ after two (double's).

        // The last step forms y³ - v almost exactly, so the correction is accurate to the last bit.
        Vector512<float> square = y * y;
        Vector512<float> residual = Vector512.FusedMultiplyAdd(square, y, -v) + Vector512.FusedMultiplyAdd(y, y, -square) * y;
        y -= residual / (Vector512.Create(3f) * square);
        Vector512<float> result = Vector512.CopySign(ScaleB(y, q), x);
        return Vector512.ConditionalSelect(IsFiniteNonzero(magnitude), result, x);
    }

    /// <inheritdoc cref="Cbrt(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Vector512<double> Cbrt(Vector512<double> x)
    {
        Vector512<double> magnitude = Vector512.Abs(x);
        Vector512<double> e = ILogB(magnitude);
        Vector512<double> m = Significand(magnitude);
        Vector512<double> q = Vector512.Floor((e + Vector512.Create(0.5)) * Vector512.Create(1.0 / 3));
        Vector512<double> i = e - Vector512.Create(3.0) * q;
        Vector512<double> v = m * Vector512.ConditionalSelect(Vector512.Equals(i, Vector512<double>.Zero), Vector512<double>.One, Vector512.ConditionalSelect(Vector512.Equals(i, Vector512<double>.One), Vector512.Create(2.0), Vector512.Create(4.0)));
        Vector512<double> guess = Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.Create(-0.01060389670029072), m, Vector512.Create(0.08609134750760279)), m, Vector512.Create(-0.3006115601307248)), m, Vector512.Create(0.7181539396495297)), m, Vector512.Create(0.5069793773356551));
        Vector512<double> y = guess * Vector512.ConditionalSelect(Vector512.Equals(i, Vector512<double>.Zero), Vector512<double>.One, Vector512.ConditionalSelect(Vector512.Equals(i, Vector512<double>.One), Vector512.Create(1.2599210498948732), Vector512.Create(1.5874010519681996)));

        // Each Newton step y ← y - (y³ - v)/3y² squares the relative error: the guess's 2⁻¹⁶ becomes 2⁻³² (float's last
        // step) or 2⁻⁶⁴ after two (double's).
        y -= (y * y * y - v) / (Vector512.Create(3.0) * y * y);

        // The last step forms y³ - v almost exactly, so the correction is accurate to the last bit.
        Vector512<double> square = y * y;
        Vector512<double> residual = Vector512.FusedMultiplyAdd(square, y, -v) + Vector512.FusedMultiplyAdd(y, y, -square) * y;
        y -= residual / (Vector512.Create(3.0) * square);
        Vector512<double> result = Vector512.CopySign(ScaleB(y, q), x);
        return Vector512.ConditionalSelect(IsFiniteNonzero(magnitude), result, x);
    }

    /// <summary>sign(x): -1, 0 or 1 as x, ±0 kept, NaN for NaN (as <see cref="LossMath.Sign(double)"/>).</summary>
    /// <param name="x">The operand.</param>
    /// <returns>The result.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Sign(Vector512<float> x) =>
        Vector512.ConditionalSelect(
            Vector512.GreaterThan(x, Vector512<float>.Zero),
            Vector512<float>.One,
            Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512<float>.Zero), -Vector512<float>.One, x));

    /// <inheritdoc cref="Sign(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Sign(Vector512<double> x) =>
        Vector512.ConditionalSelect(
            Vector512.GreaterThan(x, Vector512<double>.Zero),
            Vector512<double>.One,
            Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512<double>.Zero), -Vector512<double>.One, x));

    /// <summary>min(max(x, lo), hi), lane-wise: never throws, NaN if any operand is NaN, hi where lo &gt; hi.</summary>
    /// <param name="x">The operand.</param>
    /// <param name="lo">The lower bound.</param>
    /// <param name="hi">The upper bound.</param>
    /// <returns>The result.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Clamp(Vector512<float> x, Vector512<float> lo, Vector512<float> hi) => Vector512.Min(Vector512.Max(x, lo), hi);

    /// <inheritdoc cref="Clamp(Vector512{float}, Vector512{float}, Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Clamp(Vector512<double> x, Vector512<double> lo, Vector512<double> hi) => Vector512.Min(Vector512.Max(x, lo), hi);

    /// <summary>tanh x: ±1 at ±∞, ±0 kept.</summary>
    /// <param name="x">The operand.</param>
    /// <returns>The result.</returns>
    /// <remarks>
    /// With t = e^(-2|x|) - 1: -t/(t + 2) for |x| &lt; 0.625, where it does not cancel, and (1 - e^(-2|x|))/(1 + e^(-2|x|))
    /// above, where t's error would be doubled; both from one reduction, the exponential's (t is infinite, and unused,
    /// where 2ᵏ's inverse overflows).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Tanh(Vector512<float> x)
    {
        Vector512<float> expm1 = ExpParts(Vector512.Create(-2f) * Vector512.Abs(x), out Vector512<float> k);
        Vector512<float> t = ScaleB(expm1 + (Vector512<float>.One - ScaleB(Vector512<float>.One, -k)), k);
        Vector512<float> exp = ScaleB(expm1 + Vector512<float>.One, k);
        Vector512<float> result = Vector512.ConditionalSelect(Vector512.LessThan(Vector512.Abs(x), Vector512.Create(0.625f)), -t, Vector512<float>.One - exp) / Vector512.ConditionalSelect(Vector512.LessThan(Vector512.Abs(x), Vector512.Create(0.625f)), t + Vector512.Create(2f), Vector512<float>.One + exp);
        return Vector512.CopySign(result, x);
    }

    /// <inheritdoc cref="Tanh(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Tanh(Vector512<double> x)
    {
        Vector512<double> expm1 = ExpParts(Vector512.Create(-2.0) * Vector512.Abs(x), out Vector512<double> k);
        Vector512<double> t = ScaleB(expm1 + (Vector512<double>.One - ScaleB(Vector512<double>.One, -k)), k);
        Vector512<double> exp = ScaleB(expm1 + Vector512<double>.One, k);
        Vector512<double> result = Vector512.ConditionalSelect(Vector512.LessThan(Vector512.Abs(x), Vector512.Create(0.625)), -t, Vector512<double>.One - exp) / Vector512.ConditionalSelect(Vector512.LessThan(Vector512.Abs(x), Vector512.Create(0.625)), t + Vector512.Create(2.0), Vector512<double>.One + exp);
        return Vector512.CopySign(result, x);
    }

    /// <summary>sinh x: ±∞ on overflow, ±0 kept.</summary>
    /// <param name="x">The operand.</param>
    /// <returns>The result.</returns>
    /// <remarks>(t + t/(t + 1))/2 with t = e^|x| - 1 while e^-|x| matters, e^(|x| - ln 2) above, which overflows only with sinh.</remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Vector512<float> Sinh(Vector512<float> x)
    {
        Vector512<float> magnitude = Vector512.Abs(x);
        Vector512<float> t = Expm1Core(magnitude);
        Vector512<float> small = Vector512.Create(0.5f) * (t + t / (t + Vector512<float>.One));
        Vector512<float> large = ExpWithTail(magnitude - Vector512.Create(Ln2HiSingle), -Vector512.Create(Ln2MidSingle));
        return Vector512.CopySign(Vector512.ConditionalSelect(Vector512.LessThan(magnitude, Vector512.Create(HyperbolicLimitSingle)), small, large), x);
    }

    /// <inheritdoc cref="Sinh(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Vector512<double> Sinh(Vector512<double> x)
    {
        Vector512<double> magnitude = Vector512.Abs(x);
        Vector512<double> t = Expm1Core(magnitude);
        Vector512<double> small = Vector512.Create(0.5) * (t + t / (t + Vector512<double>.One));
        Vector512<double> large = ExpWithTail(magnitude - Vector512.Create(Ln2HiDouble), -Vector512.Create(Ln2MidDouble));
        return Vector512.CopySign(Vector512.ConditionalSelect(Vector512.LessThan(magnitude, Vector512.Create(HyperbolicLimitDouble)), small, large), x);
    }

    /// <summary>cosh x: +∞ on overflow and at ±∞.</summary>
    /// <param name="x">The operand.</param>
    /// <returns>The result.</returns>
    /// <remarks>(eᵃ + e⁻ᵃ)/2 with a = |x| while e⁻ᵃ matters, e^(a - ln 2) above; one exponential either way.</remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Vector512<float> Cosh(Vector512<float> x)
    {
        Vector512<float> magnitude = Vector512.Abs(x);
        Vector512<float> high = Vector512.ConditionalSelect(Vector512.LessThan(magnitude, Vector512.Create(HyperbolicLimitSingle)), magnitude, magnitude - Vector512.Create(Ln2HiSingle));
        Vector512<float> exp = ExpWithTail(high, Vector512.ConditionalSelect(Vector512.LessThan(magnitude, Vector512.Create(HyperbolicLimitSingle)), Vector512<float>.Zero, -Vector512.Create(Ln2MidSingle)));
        return Vector512.ConditionalSelect(Vector512.LessThan(magnitude, Vector512.Create(HyperbolicLimitSingle)), Vector512.MultiplyAddEstimate(Vector512.Create(0.5f), exp, Vector512.Create(0.5f) / exp), exp);
    }

    /// <inheritdoc cref="Cosh(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Vector512<double> Cosh(Vector512<double> x)
    {
        Vector512<double> magnitude = Vector512.Abs(x);
        Vector512<double> high = Vector512.ConditionalSelect(Vector512.LessThan(magnitude, Vector512.Create(HyperbolicLimitDouble)), magnitude, magnitude - Vector512.Create(Ln2HiDouble));
        Vector512<double> exp = ExpWithTail(high, Vector512.ConditionalSelect(Vector512.LessThan(magnitude, Vector512.Create(HyperbolicLimitDouble)), Vector512<double>.Zero, -Vector512.Create(Ln2MidDouble)));
        return Vector512.ConditionalSelect(Vector512.LessThan(magnitude, Vector512.Create(HyperbolicLimitDouble)), Vector512.MultiplyAddEstimate(Vector512.Create(0.5), exp, Vector512.Create(0.5) / exp), exp);
    }

    /// <summary>sin x: NaN at ±∞, ±0 kept.</summary>
    /// <param name="x">The operand, in radians.</param>
    /// <returns>The result.</returns>
    /// <remarks>
    /// Reduced by multiples of π/2 in vector arithmetic for |x| ≤ 10⁵ (float) or 10⁹ (double); the rare lanes beyond
    /// are computed by the scalar <see cref="Math.Sin(double)"/>, so the accuracy holds for every x.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Vector512<float> Sin(Vector512<float> x) => SinOrCos(x, cosine: false);

    /// <inheritdoc cref="Sin(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Vector512<double> Sin(Vector512<double> x) => SinOrCos(x, cosine: false);

    /// <summary>cos x: NaN at ±∞.</summary>
    /// <param name="x">The operand, in radians.</param>
    /// <returns>The result.</returns>
    /// <remarks>Reduced as <see cref="Sin(Vector512{float})"/>; lanes beyond its limit use <see cref="Math.Cos(double)"/>.</remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Vector512<float> Cos(Vector512<float> x) => SinOrCos(x, cosine: true);

    /// <inheritdoc cref="Cos(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Vector512<double> Cos(Vector512<double> x) => SinOrCos(x, cosine: true);

    /// <summary>tan x: NaN at ±∞, ±0 kept.</summary>
    /// <param name="x">The operand, in radians.</param>
    /// <returns>The result.</returns>
    /// <remarks>sin r / cos r, or -cos r / sin r in odd quadrants; reduced as <see cref="Sin(Vector512{float})"/>, lanes beyond its limit use <see cref="Math.Tan(double)"/>.</remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Vector512<float> Tan(Vector512<float> x)
    {
        Vector512<float> high = ReduceHalfPi(x, out Vector512<float> quadrant, out Vector512<float> low);
        Vector512<float> sin = SinKernel(high, low);
        Vector512<float> cos = CosKernel(high, low);
        Vector512<float> result = Vector512.ConditionalSelect(IsOdd(quadrant), -cos, sin) / Vector512.ConditionalSelect(IsOdd(quadrant), sin, cos);
        result = BeyondReductionLimit(result, x, Math.Tan);
        return Vector512.ConditionalSelect(Vector512.Equals(x, Vector512<float>.Zero), x, result);
    }

    /// <inheritdoc cref="Tan(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Vector512<double> Tan(Vector512<double> x)
    {
        Vector512<double> high = ReduceHalfPi(x, out Vector512<double> quadrant, out Vector512<double> low);
        Vector512<double> sin = SinKernel(high, low);
        Vector512<double> cos = CosKernel(high, low);
        Vector512<double> result = Vector512.ConditionalSelect(IsOdd(quadrant), -cos, sin) / Vector512.ConditionalSelect(IsOdd(quadrant), sin, cos);
        result = BeyondReductionLimit(result, x, Math.Tan);
        return Vector512.ConditionalSelect(Vector512.Equals(x, Vector512<double>.Zero), x, result);
    }

    /// <summary>atan x in [-π/2, π/2]: ±π/2 at ±∞, ±0 kept.</summary>
    /// <param name="x">The operand.</param>
    /// <returns>The result, in radians.</returns>
    /// <remarks>fdlibm's reduction atan a = atan c + atan((a - c)/(1 + ac)) for c in {0, ½, 1, 3/2, ∞}, then a polynomial.</remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Vector512<float> Atan(Vector512<float> x)
    {
        Vector512<float> a = Vector512.Abs(x);
        Vector512<float> below7 = Vector512.LessThan(a, Vector512.Create((float)(7.0 / 16)));
        Vector512<float> below11 = Vector512.LessThan(a, Vector512.Create((float)(11.0 / 16)));
        Vector512<float> below19 = Vector512.LessThan(a, Vector512.Create((float)(19.0 / 16)));
        Vector512<float> below39 = Vector512.LessThan(a, Vector512.Create((float)(39.0 / 16)));
        Vector512<float> numerator = Vector512.ConditionalSelect(below7, a, Vector512.ConditionalSelect(below11, Vector512.MultiplyAddEstimate(Vector512.Create(2f), a, -Vector512<float>.One), Vector512.ConditionalSelect(below19, a - Vector512<float>.One, Vector512.ConditionalSelect(below39, a - Vector512.Create(1.5f), -Vector512<float>.One))));
        Vector512<float> denominator = Vector512.ConditionalSelect(below7, Vector512<float>.One, Vector512.ConditionalSelect(below11, Vector512.Create(2f) + a, Vector512.ConditionalSelect(below19, a + Vector512<float>.One, Vector512.ConditionalSelect(below39, Vector512.FusedMultiplyAdd(Vector512.Create(1.5f), a, Vector512<float>.One), a))));
        Vector512<float> high = Vector512.ConditionalSelect(below7, Vector512<float>.Zero, Vector512.ConditionalSelect(below11, Vector512.Create(0.463647604f), Vector512.ConditionalSelect(below19, Vector512.Create(0.785398185f), Vector512.ConditionalSelect(below39, Vector512.Create(0.982793748f), Vector512.Create(1.57079637f)))));
        Vector512<float> low = Vector512.ConditionalSelect(below7, Vector512<float>.Zero, Vector512.ConditionalSelect(below11, Vector512.Create(5.01215869e-9f), Vector512.ConditionalSelect(below19, Vector512.Create(-2.18556941e-8f), Vector512.ConditionalSelect(below39, Vector512.Create(-2.51314241e-8f), Vector512.Create(-4.37113883e-8f)))));
        Vector512<float> t = numerator / denominator;
        Vector512<float> z = t * t;
        Vector512<float> p = Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.Create(-0.04826714844f), z, Vector512.Create(0.08534248918f)), z, Vector512.Create(-0.1105858535f)), z, Vector512.Create(0.1428342462f)), z, Vector512.Create(-0.1999996305f)), z, Vector512.Create(0.3333333433f));

        Vector512<float> result = high - (Vector512.FusedMultiplyAdd(t, z * p, -low) - t);
        return Vector512.CopySign(result, x);
    }

    /// <inheritdoc cref="Atan(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Vector512<double> Atan(Vector512<double> x)
    {
        Vector512<double> a = Vector512.Abs(x);
        Vector512<double> below7 = Vector512.LessThan(a, Vector512.Create(7.0 / 16));
        Vector512<double> below11 = Vector512.LessThan(a, Vector512.Create(11.0 / 16));
        Vector512<double> below19 = Vector512.LessThan(a, Vector512.Create(19.0 / 16));
        Vector512<double> below39 = Vector512.LessThan(a, Vector512.Create(39.0 / 16));
        Vector512<double> numerator = Vector512.ConditionalSelect(below7, a, Vector512.ConditionalSelect(below11, Vector512.MultiplyAddEstimate(Vector512.Create(2.0), a, -Vector512<double>.One), Vector512.ConditionalSelect(below19, a - Vector512<double>.One, Vector512.ConditionalSelect(below39, a - Vector512.Create(1.5), -Vector512<double>.One))));
        Vector512<double> denominator = Vector512.ConditionalSelect(below7, Vector512<double>.One, Vector512.ConditionalSelect(below11, Vector512.Create(2.0) + a, Vector512.ConditionalSelect(below19, a + Vector512<double>.One, Vector512.ConditionalSelect(below39, Vector512.FusedMultiplyAdd(Vector512.Create(1.5), a, Vector512<double>.One), a))));
        Vector512<double> high = Vector512.ConditionalSelect(below7, Vector512<double>.Zero, Vector512.ConditionalSelect(below11, Vector512.Create(0.4636476090008061), Vector512.ConditionalSelect(below19, Vector512.Create(0.7853981633974483), Vector512.ConditionalSelect(below39, Vector512.Create(0.982793723247329), Vector512.Create(1.5707963267948966)))));
        Vector512<double> low = Vector512.ConditionalSelect(below7, Vector512<double>.Zero, Vector512.ConditionalSelect(below11, Vector512.Create(2.2698777452961687e-17), Vector512.ConditionalSelect(below19, Vector512.Create(3.061616997868383e-17), Vector512.ConditionalSelect(below39, Vector512.Create(1.3903311031230998e-17), Vector512.Create(6.123233995736766e-17)))));
        Vector512<double> t = numerator / denominator;
        Vector512<double> z = t * t;
        Vector512<double> p = Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.Create(0.01756690547470792), z, Vector512.Create(-0.03784409200845121)), z, Vector512.Create(0.05034712630861387)), z, Vector512.Create(-0.05847898640421227)), z, Vector512.Create(0.06663263052774014)), z, Vector512.Create(-0.07692089357704478)), z, Vector512.Create(0.09090900299060171)), z, Vector512.Create(-0.11111110903625682)), z, Vector512.Create(0.14285714283194786)), z, Vector512.Create(-0.19999999999988038)), z, Vector512.Create(0.33333333333333326));

        Vector512<double> result = high - (Vector512.FusedMultiplyAdd(t, z * p, -low) - t);
        return Vector512.CopySign(result, x);
    }

    /// <summary>σ(x) = 1/(1 + e⁻ˣ) in [0, 1], without overflow (as <see cref="LossMath.Sigmoid(double)"/>).</summary>
    /// <param name="x">The operand.</param>
    /// <returns>The result.</returns>
    /// <remarks>1/(1 + e^-|x|) for x ≥ 0 and e^-|x|/(1 + e^-|x|) below, which keeps full relative precision.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Sigmoid(Vector512<float> x)
    {
        Vector512<float> exp = ExpCore(-Vector512.Abs(x));
        return Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(x, Vector512<float>.Zero), Vector512<float>.One, exp) / (Vector512<float>.One + exp);
    }

    /// <inheritdoc cref="Sigmoid(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Sigmoid(Vector512<double> x)
    {
        Vector512<double> exp = ExpCore(-Vector512.Abs(x));
        return Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(x, Vector512<double>.Zero), Vector512<double>.One, exp) / (Vector512<double>.One + exp);
    }

    /// <summary>softplus(x) = log(1 + eˣ) = max(x, 0) + log1p(e^-|x|), finite for finite x (as <see cref="LossMath.Softplus(double)"/>).</summary>
    /// <param name="x">The operand.</param>
    /// <returns>The result.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Softplus(Vector512<float> x) => Vector512.Max(x, Vector512<float>.Zero) + Log1pOfSmallNonnegative(ExpCore(-Vector512.Abs(x)));

    /// <inheritdoc cref="Softplus(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Softplus(Vector512<double> x) => Vector512.Max(x, Vector512<double>.Zero) + Log1pOfSmallNonnegative(ExpCore(-Vector512.Abs(x)));

    /// <summary>log σ(x) = -softplus(-x) ≤ 0 (as <see cref="LossMath.LogSigmoid(double)"/>).</summary>
    /// <param name="x">The operand.</param>
    /// <returns>The result.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> LogSigmoid(Vector512<float> x) => -Softplus(-x);

    /// <inheritdoc cref="LogSigmoid(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> LogSigmoid(Vector512<double> x) => -Softplus(-x);

    /// <summary>log(cosh x) ≥ 0, finite for finite x (as <see cref="LossMath.LogCosh(double)"/>).</summary>
    /// <param name="x">The operand.</param>
    /// <returns>The result.</returns>
    /// <remarks>
    /// log1p(cosh x - 1) with cosh x - 1 summed from its series for |x| &lt; 1, |x| - ln 2 + log1p(e^-2|x|) above; one
    /// logarithm on the selected argument, which is in [0, 1].
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> LogCosh(Vector512<float> x)
    {
        Vector512<float> a = Vector512.Abs(x);

        // cosh a - 1 = a²/2! + a⁴/4! + … has only positive terms; the exact rounding error of a² is added back, since
        // it would otherwise dominate: a²/2 is most of the sum.
        Vector512<float> a2 = a * a;
        Vector512<float> a2Error = ProductError(a, a, a2);
        Vector512<float> q = Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.Create((float)(1.0 / 479001600)), a2, Vector512.Create((float)(1.0 / 3628800))), a2, Vector512.Create((float)(1.0 / 40320))), a2, Vector512.Create((float)(1.0 / 720))), a2, Vector512.Create((float)(1.0 / 24)));

        Vector512<float> coshM1 = Vector512.MultiplyAddEstimate(Vector512.Create(0.5f), a2, Vector512.MultiplyAddEstimate(Vector512.Create(0.5f), a2Error, a2 * a2 * q));
        Vector512<float> log1p = Log1pOfSmallNonnegative(Vector512.ConditionalSelect(Vector512.LessThan(a, Vector512<float>.One), coshM1, ExpCore(Vector512.Create(-2f) * a)));

        // ln 2 in two parts: a - Ln2Hi is exact for 1 ≤ a < 2¹⁴ (float) or 2²¹ (double), so the sum rounds once.
        Vector512<float> large = (a - Vector512.Create(Ln2HiSingle)) + (log1p - Vector512.Create(Ln2MidSingle));
        return Vector512.ConditionalSelect(Vector512.LessThan(a, Vector512<float>.One), log1p, large);
    }

    /// <inheritdoc cref="LogCosh(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> LogCosh(Vector512<double> x)
    {
        Vector512<double> a = Vector512.Abs(x);

        // cosh a - 1 = a²/2! + a⁴/4! + … has only positive terms; the exact rounding error of a² is added back, since
        // it would otherwise dominate: a²/2 is most of the sum.
        Vector512<double> a2 = a * a;
        Vector512<double> a2Error = ProductError(a, a, a2);
        Vector512<double> q = Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.Create(1.0 / 2432902008176640000), a2, Vector512.Create(1.0 / 6402373705728000)), a2, Vector512.Create(1.0 / 20922789888000)), a2, Vector512.Create(1.0 / 87178291200)), a2, Vector512.Create(1.0 / 479001600)), a2, Vector512.Create(1.0 / 3628800)), a2, Vector512.Create(1.0 / 40320)), a2, Vector512.Create(1.0 / 720)), a2, Vector512.Create(1.0 / 24));

        Vector512<double> coshM1 = Vector512.MultiplyAddEstimate(Vector512.Create(0.5), a2, Vector512.MultiplyAddEstimate(Vector512.Create(0.5), a2Error, a2 * a2 * q));
        Vector512<double> log1p = Log1pOfSmallNonnegative(Vector512.ConditionalSelect(Vector512.LessThan(a, Vector512<double>.One), coshM1, ExpCore(Vector512.Create(-2.0) * a)));

        // ln 2 in two parts: a - Ln2Hi is exact for 1 ≤ a < 2¹⁴ (float) or 2²¹ (double), so the sum rounds once.
        Vector512<double> large = (a - Vector512.Create(Ln2HiDouble)) + (log1p - Vector512.Create(Ln2MidDouble));
        return Vector512.ConditionalSelect(Vector512.LessThan(a, Vector512<double>.One), log1p, large);
    }

    /// <summary>x·log y with 0·log y = 0 for every y but NaN, NaN if either is NaN (as <see cref="LossMath.Xlogy(double, double)"/>).</summary>
    /// <param name="x">The factor.</param>
    /// <param name="y">The argument of the logarithm.</param>
    /// <returns>The result.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Xlogy(Vector512<float> x, Vector512<float> y) =>
        Vector512.ConditionalSelect(Vector512.IsNaN(y), y, Vector512.ConditionalSelect(Vector512.Equals(x, Vector512<float>.Zero), Vector512<float>.Zero, x * LogCore(y)));

    /// <inheritdoc cref="Xlogy(Vector512{float}, Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Xlogy(Vector512<double> x, Vector512<double> y) =>
        Vector512.ConditionalSelect(Vector512.IsNaN(y), y, Vector512.ConditionalSelect(Vector512.Equals(x, Vector512<double>.Zero), Vector512<double>.Zero, x * LogCore(y)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> IsFiniteNonzero(Vector512<float> magnitude) =>
        Vector512.GreaterThan(magnitude, Vector512<float>.Zero) & Vector512.LessThan(magnitude, Vector512.Create(float.PositiveInfinity));

    /// <inheritdoc cref="IsFiniteNonzero(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> IsFiniteNonzero(Vector512<double> magnitude) =>
        Vector512.GreaterThan(magnitude, Vector512<double>.Zero) & Vector512.LessThan(magnitude, Vector512.Create(double.PositiveInfinity));

    /// <summary>Mask of the odd lanes of integral <paramref name="n"/> (and of NaN lanes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> IsOdd(Vector512<float> n)
    {
        Vector512<float> half = Vector512.Floor(n * Vector512.Create(0.5f));
        return ~Vector512.Equals(half + half, n);
    }

    /// <inheritdoc cref="IsOdd(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> IsOdd(Vector512<double> n)
    {
        Vector512<double> half = Vector512.Floor(n * Vector512.Create(0.5));
        return ~Vector512.Equals(half + half, n);
    }

    /// <summary><see cref="Exp(Vector512{float})"/>, for inlining into the functions built on it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> ExpCore(Vector512<float> x)
    {
        Vector512<float> expm1 = ExpParts(x, out Vector512<float> k);
        return ScaleB(Vector512<float>.One + expm1, k);
    }

    /// <summary>e^r - 1 and k of eˣ = 2ᵏ·e^r, the reduction of <see cref="Exp(Vector512{float})"/> (Tanh's too).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> ExpParts(Vector512<float> x, out Vector512<float> k)
    {
        Vector512<float> clamped = ClampExponent(x);
        k = Vector512.Round(clamped * Vector512.Create(1.44269502f));
        return Expm1Kernel(ReduceLn2(clamped, k));
    }

    /// <inheritdoc cref="ExpCore(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> ExpCore(Vector512<double> x)
    {
        Vector512<double> expm1 = ExpParts(x, out Vector512<double> k);
        return ScaleB(Vector512<double>.One + expm1, k);
    }

    /// <inheritdoc cref="ExpParts(Vector512{float}, out Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> ExpParts(Vector512<double> x, out Vector512<double> k)
    {
        Vector512<double> clamped = ClampExponent(x);
        k = Vector512.Round(clamped * Vector512.Create(1.4426950408889634));
        return Expm1Kernel(ReduceLn2(clamped, k));
    }

    /// <summary><see cref="Expm1(Vector512{float})"/>, for inlining.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Expm1Core(Vector512<float> x)
    {
        Vector512<float> expm1 = Expm1Parts(x, out Vector512<float> k);
        Vector512<float> result = ScaleB(expm1 + (Vector512<float>.One - ScaleB(Vector512<float>.One, -k)), k);

        // The sum above turns -0 into +0.
        return Vector512.ConditionalSelect(Vector512.Equals(x, Vector512<float>.Zero), x, result);
    }

    /// <inheritdoc cref="Expm1Core(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Expm1Core(Vector512<double> x)
    {
        Vector512<double> expm1 = Expm1Parts(x, out Vector512<double> k);
        Vector512<double> result = ScaleB(expm1 + (Vector512<double>.One - ScaleB(Vector512<double>.One, -k)), k);

        // The sum above turns -0 into +0.
        return Vector512.ConditionalSelect(Vector512.Equals(x, Vector512<double>.Zero), x, result);
    }

    /// <summary><see cref="Log(Vector512{float})"/>, for inlining.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> LogCore(Vector512<float> x) => LogSpecialCases(x, LogOfPositive(x));

    /// <summary>log x for finite positive x; unspecified elsewhere.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> LogOfPositive(Vector512<float> x)
    {
        Vector512<float> f = ReduceLog(x, out Vector512<float> e);
        return Vector512.MultiplyAddEstimate(e, Vector512.Create(Ln2HiSingle), Vector512.MultiplyAddEstimate(e, Vector512.Create(Ln2MidSingle), Log1pKernel(f)));
    }

    /// <inheritdoc cref="LogCore(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> LogCore(Vector512<double> x) => LogSpecialCases(x, LogOfPositive(x));

    /// <inheritdoc cref="LogOfPositive(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> LogOfPositive(Vector512<double> x)
    {
        Vector512<double> f = ReduceLog(x, out Vector512<double> e);
        return Vector512.MultiplyAddEstimate(e, Vector512.Create(Ln2HiDouble), Vector512.MultiplyAddEstimate(e, Vector512.Create(Ln2MidDouble), Log1pKernel(f)));
    }

    /// <summary><see cref="Log1p(Vector512{float})"/>, for inlining.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Log1pCore(Vector512<float> x)
    {
        Vector512<float> u = Vector512<float>.One + x;

        // u = 1 + x + d with d the rounding error, so log(1 + x) = log u - d/u + O(d²); (u - 1) - x recovers d, exactly
        // for |x| < 1 where the correction matters. Where u is 0, negative, infinite or NaN the special values replace
        // the sum, NaN correction included.
        Vector512<float> correction = ((u - Vector512<float>.One) - x) * Reciprocal(u);
        Vector512<float> result = LogSpecialCases(u, LogOfPositive(u) - correction);

        // Where 1 + x rounds to 1, log(1 + x) rounds to x; this also keeps -0.
        return Vector512.ConditionalSelect(Vector512.Equals(u, Vector512<float>.One), x, result);
    }

    /// <inheritdoc cref="Log1pCore(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Log1pCore(Vector512<double> x)
    {
        Vector512<double> u = Vector512<double>.One + x;

        // u = 1 + x + d with d the rounding error, so log(1 + x) = log u - d/u + O(d²); (u - 1) - x recovers d, exactly
        // for |x| < 1 where the correction matters. Where u is 0, negative, infinite or NaN the special values replace
        // the sum, NaN correction included.
        Vector512<double> correction = ((u - Vector512<double>.One) - x) * Reciprocal(u);
        Vector512<double> result = LogSpecialCases(u, LogOfPositive(u) - correction);

        // Where 1 + x rounds to 1, log(1 + x) rounds to x; this also keeps -0.
        return Vector512.ConditionalSelect(Vector512.Equals(u, Vector512<double>.One), x, result);
    }

    /// <summary>
    /// log(1 + x) for x in [0, 1] or NaN, without <see cref="Log1p(Vector512{float})"/>'s special cases: 1 + x is finite
    /// and positive, a NaN x makes the correction NaN, and where 1 + x rounds to 1 the correction alone gives x.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Log1pOfSmallNonnegative(Vector512<float> x)
    {
        Vector512<float> u = Vector512<float>.One + x;
        return LogOfPositive(u) - ((u - Vector512<float>.One) - x) * Reciprocal(u);
    }

    /// <inheritdoc cref="Log1pOfSmallNonnegative(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Log1pOfSmallNonnegative(Vector512<double> x)
    {
        Vector512<double> u = Vector512<double>.One + x;
        return LogOfPositive(u) - ((u - Vector512<double>.One) - x) * Reciprocal(u);
    }

    /// <summary>
    /// x clamped to [lo, hi], NaN kept, by two comparisons and selections: shorter than Max and Min, whose IEEE
    /// semantics for NaN and -0 cost three instructions each on AVX-512 and sit on the critical path of every exponential.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> ClampKeepingNaN(Vector512<float> x, Vector512<float> lo, Vector512<float> hi) =>
        Vector512.ConditionalSelect(Vector512.LessThan(x, lo), lo, Vector512.ConditionalSelect(Vector512.GreaterThan(x, hi), hi, x));

    /// <inheritdoc cref="ClampKeepingNaN(Vector512{float}, Vector512{float}, Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> ClampKeepingNaN(Vector512<double> x, Vector512<double> lo, Vector512<double> hi) =>
        Vector512.ConditionalSelect(Vector512.LessThan(x, lo), lo, Vector512.ConditionalSelect(Vector512.GreaterThan(x, hi), hi, x));

    /// <summary>
    /// x clamped to where eˣ is neither certainly +∞ nor certainly 0, keeping k and 2ᵏ finite; NaN passes through.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> ClampExponent(Vector512<float> x) => ClampKeepingNaN(x, Vector512.Create(-104f), Vector512.Create(89f));

    /// <inheritdoc cref="ClampExponent(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> ClampExponent(Vector512<double> x) => ClampKeepingNaN(x, Vector512.Create(-746.0), Vector512.Create(710.0));

    /// <summary>
    /// The rounding error a·b − p of the product p = a·b, exactly: one fused multiply-add where the hardware has it,
    /// else Dekker's product of the operands split in halves (Veltkamp), exact for |a|, |b| below 2¹¹⁴ (float) or 2⁹⁹⁵
    /// (double), instead of .NET's software fused multiply-add, which is a call per lane.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> ProductError(Vector512<float> a, Vector512<float> b, Vector512<float> p)
    {
        if (Hardware.FusedMultiplyAdd)
        {
            return Vector512.FusedMultiplyAdd(a, b, -p);
        }

        Vector512<float> aSplit = a * Vector512.Create(4097f);
        Vector512<float> aHigh = aSplit - (aSplit - a);
        Vector512<float> bSplit = b * Vector512.Create(4097f);
        Vector512<float> bHigh = bSplit - (bSplit - b);
        return (((aHigh * bHigh - p) + aHigh * (b - bHigh)) + (a - aHigh) * bHigh) + (a - aHigh) * (b - bHigh);
    }

    /// <inheritdoc cref="ProductError(Vector512{float}, Vector512{float}, Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> ProductError(Vector512<double> a, Vector512<double> b, Vector512<double> p)
    {
        if (Hardware.FusedMultiplyAdd)
        {
            return Vector512.FusedMultiplyAdd(a, b, -p);
        }

        Vector512<double> aSplit = a * Vector512.Create(134217729.0);
        Vector512<double> aHigh = aSplit - (aSplit - a);
        Vector512<double> bSplit = b * Vector512.Create(134217729.0);
        Vector512<double> bHigh = bSplit - (bSplit - b);
        return (((aHigh * bHigh - p) + aHigh * (b - bHigh)) + (a - aHigh) * bHigh) + (a - aHigh) * (b - bHigh);
    }

    /// <summary>
    /// x - k·ln 2 for integral k = round(x/ln 2): the first product is exact, so the first step is exact fused or not;
    /// the second product's rounding (where the hardware does not fuse it) is far below the last bit of the result.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> ReduceLn2(Vector512<float> x, Vector512<float> k) =>
        Vector512.MultiplyAddEstimate(-k, Vector512.Create(Ln2MidSingle), Vector512.MultiplyAddEstimate(-k, Vector512.Create(Ln2HiSingle), x));

    /// <inheritdoc cref="ReduceLn2(Vector512{float}, Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> ReduceLn2(Vector512<double> x, Vector512<double> k) =>
        Vector512.MultiplyAddEstimate(-k, Vector512.Create(Ln2MidDouble), Vector512.MultiplyAddEstimate(-k, Vector512.Create(Ln2HiDouble), x));

    /// <summary>e^r - 1 = r + r²P(r) for |r| ≤ 0.347, P minimax for the relative error (2⁻²⁶ float, 2⁻⁵⁷ double).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Expm1Kernel(Vector512<float> r)
    {
        Vector512<float> p = Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.Create(1.985784038e-4f), r, Vector512.Create(1.393370796e-3f)), r, Vector512.Create(8.333360776e-3f)), r, Vector512.Create(4.166646302e-2f)), r, Vector512.Create(0.1666666716f)), r, Vector512.Create(0.5f));

        return Vector512.MultiplyAddEstimate(r * r, p, r);
    }

    /// <inheritdoc cref="Expm1Kernel(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Expm1Kernel(Vector512<double> r)
    {
        Vector512<double> p = Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.Create(2.0889404387739776e-09), r, Vector512.Create(2.5105304306343583e-08)), r, Vector512.Create(2.7557349770813363e-07)), r, Vector512.Create(2.755725520018977e-06)), r, Vector512.Create(2.4801587245327936e-05)), r, Vector512.Create(0.00019841269874968373)), r, Vector512.Create(0.0013888888888918245)), r, Vector512.Create(0.008333333333326096)), r, Vector512.Create(0.041666666666666616)), r, Vector512.Create(0.1666666666666667)), r, Vector512.Create(0.5));

        return Vector512.MultiplyAddEstimate(r * r, p, r);
    }

    /// <summary>
    /// e^r - 1 for the reduction x = k·ln 2 + r, x clamped further below than for <see cref="Exp(Vector512{float})"/> so that 2⁻ᵏ stays
    /// finite: eˣ - 1 rounds to -1 well before.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Expm1Parts(Vector512<float> x, out Vector512<float> k)
    {
        Vector512<float> clamped = ClampKeepingNaN(x, Vector512.Create(-30f), Vector512.Create(89f));
        k = Vector512.Round(clamped * Vector512.Create(1.44269502f));
        return Expm1Kernel(ReduceLn2(clamped, k));
    }

    /// <inheritdoc cref="Expm1Parts(Vector512{float}, out Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Expm1Parts(Vector512<double> x, out Vector512<double> k)
    {
        Vector512<double> clamped = ClampKeepingNaN(x, Vector512.Create(-60.0), Vector512.Create(710.0));
        k = Vector512.Round(clamped * Vector512.Create(1.4426950408889634));
        return Expm1Kernel(ReduceLn2(clamped, k));
    }

    /// <summary>e^(high + low) for |low| far below 1: low joins the reduced argument.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> ExpWithTail(Vector512<float> high, Vector512<float> low)
    {
        Vector512<float> clamped = ClampExponent(high);
        Vector512<float> k = Vector512.Round(clamped * Vector512.Create(1.44269502f));
        return ScaleB(Vector512<float>.One + Expm1Kernel(ReduceLn2(clamped, k) + low), k);
    }

    /// <inheritdoc cref="ExpWithTail(Vector512{float}, Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> ExpWithTail(Vector512<double> high, Vector512<double> low)
    {
        Vector512<double> clamped = ClampExponent(high);
        Vector512<double> k = Vector512.Round(clamped * Vector512.Create(1.4426950408889634));
        return ScaleB(Vector512<double>.One + Expm1Kernel(ReduceLn2(clamped, k) + low), k);
    }

    /// <summary>
    /// log(1 + f) for f in [√½ - 1, √2 - 1]. Float: f - f²/2 + f³P(f), no division; double: fdlibm's
    /// 2s + s·R(s²) with s = f/(2 + f), arranged so the rounding errors stay far below f's last bit.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Log1pKernel(Vector512<float> f)
    {
        Vector512<float> z = f * f;
        Vector512<float> p = Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.Create(0.07037681341f), f, Vector512.Create(-0.1151460782f)), f, Vector512.Create(0.1167699844f)), f, Vector512.Create(-0.1242014095f)), f, Vector512.Create(0.1424932331f)), f, Vector512.Create(-0.1666805744f)), f, Vector512.Create(0.2000071406f)), f, Vector512.Create(-0.2499999404f)), f, Vector512.Create(0.3333333135f));
        return Vector512.MultiplyAddEstimate(z, Vector512.MultiplyAddEstimate(f, p, Vector512.Create(-0.5f)), f);
    }

    /// <inheritdoc cref="Log1pKernel(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Log1pKernel(Vector512<double> f)
    {
        Vector512<double> s = f / (Vector512.Create(2.0) + f);
        Vector512<double> z = s * s;
        Vector512<double> r = z * Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.Create(0.14616875727366235), z, Vector512.Create(0.1533168400243779)), z, Vector512.Create(0.18182890369327984)), z, Vector512.Create(0.22222211115826268)), z, Vector512.Create(0.28571428626106177)), z, Vector512.Create(0.3999999999989918)), z, Vector512.Create(0.666666666666667));
        Vector512<double> halfSquare = Vector512.Create(0.5) * f * f;
        return f - (halfSquare - s * (halfSquare + r));
    }

    /// <summary>
    /// log x for finite positive x as high + <paramref name="low"/>, to about twice the working precision (relative
    /// error below 2⁻⁶⁵ double, 2⁻³⁶ float): every rounding that matters is captured by an error-free transformation.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> LogWithTail(Vector512<float> x, out Vector512<float> low)
    {
        Vector512<float> f = ReduceLog(x, out Vector512<float> e);

        // s = f/(2 + f) in two parts: 2 + f exactly as dh + dl, then one correction of the quotient.
        Vector512<float> two = Vector512.Create(2f);
        Vector512<float> dh = two + f;
        Vector512<float> dl = f - (dh - two);
        Vector512<float> sh = f / dh;
        Vector512<float> sl = (Vector512.FusedMultiplyAdd(-sh, dh, f) - sh * dl) / dh;

        // log(1 + f) = 2s·A(z), z = s² ≤ 0.0295, A(z) = 1 + z/3 + z²/5 + z³/7 + …: 1/5 onward in working precision
        // (their error is scaled by z²), the rest in two parts.
        Vector512<float> zh = sh * sh;
        Vector512<float> zl = Vector512.FusedMultiplyAdd(sh, sh, -zh) + two * sh * sl;
        Vector512<float> tail = Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.Create(1f / 13), zh, Vector512.Create(1f / 11)), zh, Vector512.Create(1f / 9)), zh, Vector512.Create(1f / 7));

        Vector512<float> b = Vector512.MultiplyAddEstimate(zh, tail, Vector512.Create(0.2f));
        Vector512<float> ph = zh * b;
        Vector512<float> pl = Vector512.FusedMultiplyAdd(zh, b, -ph) + zl * b;
        Vector512<float> third = Vector512.Create(0.333333343f);
        Vector512<float> ch = third + ph;
        Vector512<float> cl = ((third - ch) + ph) + (Vector512.Create(-9.93410776e-9f) + pl);
        Vector512<float> qh = zh * ch;
        Vector512<float> ql = Vector512.FusedMultiplyAdd(zh, ch, -qh) + (zh * cl + zl * ch);
        Vector512<float> ah = Vector512<float>.One + qh;
        Vector512<float> al = ((Vector512<float>.One - ah) + qh) + ql;
        Vector512<float> lh = sh * ah;
        Vector512<float> ll = Vector512.FusedMultiplyAdd(sh, ah, -lh) + (sh * al + sl * ah);

        // + e·ln 2: e·Ln2Hi is exact, e·Ln2Mid split exactly, e·Ln2Lo small enough to round.
        Vector512<float> e0 = e * Vector512.Create(Ln2HiSingle);
        Vector512<float> mid = Vector512.Create(Ln2MidSingle);
        Vector512<float> e1 = e * mid;
        Vector512<float> e1Error = Vector512.FusedMultiplyAdd(e, mid, -e1);
        Vector512<float> s1 = e0 + (lh + lh);
        Vector512<float> s1Error = TwoSumError(e0, lh + lh, s1);
        Vector512<float> s2 = s1 + e1;
        Vector512<float> s2Error = TwoSumError(s1, e1, s2);
        Vector512<float> rest = ((s1Error + s2Error) + Vector512.FusedMultiplyAdd(e, Vector512.Create(Ln2LoSingle), e1Error)) + (ll + ll);
        Vector512<float> high = s2 + rest;
        low = rest - (high - s2);
        return high;
    }

    /// <inheritdoc cref="LogWithTail(Vector512{float}, out Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> LogWithTail(Vector512<double> x, out Vector512<double> low)
    {
        Vector512<double> f = ReduceLog(x, out Vector512<double> e);

        // s = f/(2 + f) in two parts: 2 + f exactly as dh + dl, then one correction of the quotient.
        Vector512<double> two = Vector512.Create(2.0);
        Vector512<double> dh = two + f;
        Vector512<double> dl = f - (dh - two);
        Vector512<double> sh = f / dh;
        Vector512<double> sl = (Vector512.FusedMultiplyAdd(-sh, dh, f) - sh * dl) / dh;

        // log(1 + f) = 2s·A(z), z = s² ≤ 0.0295, A(z) = 1 + z/3 + z²/5 + z³/7 + …: 1/5 onward in working precision
        // (their error is scaled by z²), the rest in two parts.
        Vector512<double> zh = sh * sh;
        Vector512<double> zl = Vector512.FusedMultiplyAdd(sh, sh, -zh) + two * sh * sl;
        Vector512<double> tail = Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.Create(1.0 / 25), zh, Vector512.Create(1.0 / 23)), zh, Vector512.Create(1.0 / 21)), zh, Vector512.Create(1.0 / 19)), zh, Vector512.Create(1.0 / 17)), zh, Vector512.Create(1.0 / 15)), zh, Vector512.Create(1.0 / 13)), zh, Vector512.Create(1.0 / 11)), zh, Vector512.Create(1.0 / 9)), zh, Vector512.Create(1.0 / 7));

        Vector512<double> b = Vector512.MultiplyAddEstimate(zh, tail, Vector512.Create(0.2));
        Vector512<double> ph = zh * b;
        Vector512<double> pl = Vector512.FusedMultiplyAdd(zh, b, -ph) + zl * b;
        Vector512<double> third = Vector512.Create(0.3333333333333333);
        Vector512<double> ch = third + ph;
        Vector512<double> cl = ((third - ch) + ph) + (Vector512.Create(1.850371707708594e-17) + pl);
        Vector512<double> qh = zh * ch;
        Vector512<double> ql = Vector512.FusedMultiplyAdd(zh, ch, -qh) + (zh * cl + zl * ch);
        Vector512<double> ah = Vector512<double>.One + qh;
        Vector512<double> al = ((Vector512<double>.One - ah) + qh) + ql;
        Vector512<double> lh = sh * ah;
        Vector512<double> ll = Vector512.FusedMultiplyAdd(sh, ah, -lh) + (sh * al + sl * ah);

        // + e·ln 2: e·Ln2Hi is exact, e·Ln2Mid split exactly, e·Ln2Lo small enough to round.
        Vector512<double> e0 = e * Vector512.Create(Ln2HiDouble);
        Vector512<double> mid = Vector512.Create(Ln2MidDouble);
        Vector512<double> e1 = e * mid;
        Vector512<double> e1Error = Vector512.FusedMultiplyAdd(e, mid, -e1);
        Vector512<double> s1 = e0 + (lh + lh);
        Vector512<double> s1Error = TwoSumError(e0, lh + lh, s1);
        Vector512<double> s2 = s1 + e1;
        Vector512<double> s2Error = TwoSumError(s1, e1, s2);
        Vector512<double> rest = ((s1Error + s2Error) + Vector512.FusedMultiplyAdd(e, Vector512.Create(Ln2LoDouble), e1Error)) + (ll + ll);
        Vector512<double> high = s2 + rest;
        low = rest - (high - s2);
        return high;
    }

    /// <summary>The rounding error of s = a + b (Knuth's TwoSum), exact for any magnitudes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> TwoSumError(Vector512<float> a, Vector512<float> b, Vector512<float> s)
    {
        Vector512<float> bVirtual = s - a;
        return (a - (s - bVirtual)) + (b - bVirtual);
    }

    /// <inheritdoc cref="TwoSumError(Vector512{float}, Vector512{float}, Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> TwoSumError(Vector512<double> a, Vector512<double> b, Vector512<double> s)
    {
        Vector512<double> bVirtual = s - a;
        return (a - (s - bVirtual)) + (b - bVirtual);
    }

    /// <summary>
    /// x - q·π/2 as high + <paramref name="low"/> with q = round(x·2/π), for |x| up to <see cref="TrigLimitSingle"/>. π/2 is
    /// split in four parts; q times the first is exact under the fused multiply-add, the next two products are split
    /// exactly and every sum is error-free, so the remainder keeps full relative precision even where x is so close
    /// to a multiple of π/2 that most of its digits cancel.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> ReduceHalfPi(Vector512<float> x, out Vector512<float> q, out Vector512<float> low)
    {
        q = Vector512.Round(Vector512.FusedMultiplyAdd(x, Vector512.Create(0.636619747f), x * Vector512.Create(2.5682553e-8f)));
        Vector512<float> c2 = Vector512.Create(-4.37113883e-8f);
        Vector512<float> c3 = Vector512.Create(-1.71512451e-15f);
        Vector512<float> r1 = Vector512.FusedMultiplyAdd(-q, Vector512.Create(1.57079637f), x);
        Vector512<float> p2 = q * c2;
        Vector512<float> p2Error = Vector512.FusedMultiplyAdd(q, c2, -p2);
        Vector512<float> p3 = q * c3;
        Vector512<float> p3Error = Vector512.FusedMultiplyAdd(q, c3, -p3);
        Vector512<float> s = r1 - p2;
        Vector512<float> e1 = TwoSumError(r1, -p2, s);
        Vector512<float> t = s - p2Error;
        Vector512<float> e2 = TwoSumError(s, -p2Error, t);
        Vector512<float> u = t - p3;
        Vector512<float> e3 = TwoSumError(t, -p3, u);
        Vector512<float> tail = ((e1 + e2) + e3) - Vector512.FusedMultiplyAdd(q, Vector512.Create(1.0562999e-23f), p3Error);
        Vector512<float> high = u + tail;
        low = tail - (high - u);
        return high;
    }

    /// <inheritdoc cref="ReduceHalfPi(Vector512{float}, out Vector512{float}, out Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> ReduceHalfPi(Vector512<double> x, out Vector512<double> q, out Vector512<double> low)
    {
        q = Vector512.Round(Vector512.FusedMultiplyAdd(x, Vector512.Create(0.6366197723675814), x * Vector512.Create(-3.935735335036497e-17)));
        Vector512<double> c2 = Vector512.Create(6.123233995736766e-17);
        Vector512<double> c3 = Vector512.Create(-1.4973849048591698e-33);
        Vector512<double> r1 = Vector512.FusedMultiplyAdd(-q, Vector512.Create(1.5707963267948966), x);
        Vector512<double> p2 = q * c2;
        Vector512<double> p2Error = Vector512.FusedMultiplyAdd(q, c2, -p2);
        Vector512<double> p3 = q * c3;
        Vector512<double> p3Error = Vector512.FusedMultiplyAdd(q, c3, -p3);
        Vector512<double> s = r1 - p2;
        Vector512<double> e1 = TwoSumError(r1, -p2, s);
        Vector512<double> t = s - p2Error;
        Vector512<double> e2 = TwoSumError(s, -p2Error, t);
        Vector512<double> u = t - p3;
        Vector512<double> e3 = TwoSumError(t, -p3, u);
        Vector512<double> tail = ((e1 + e2) + e3) - Vector512.FusedMultiplyAdd(q, Vector512.Create(5.562271104316826e-50), p3Error);
        Vector512<double> high = u + tail;
        low = tail - (high - u);
        return high;
    }

    /// <summary>
    /// sin(h + l) for |h| ≤ 0.79 and l below half an ulp of h: h + h³S(h²) + l·(1 - h²/2), S minimax (2⁻²⁵ float,
    /// 2⁻⁵² double relative; the term is below a tenth of the result).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> SinKernel(Vector512<float> high, Vector512<float> low)
    {
        Vector512<float> z = high * high;
        Vector512<float> s = Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.Create(2.724454816e-6f), z, Vector512.Create(-1.984004339e-4f)), z, Vector512.Create(8.333331905e-3f)), z, Vector512.Create(-0.1666666716f));

        return high + Vector512.FusedMultiplyAdd(z * high, s, Vector512.FusedMultiplyAdd(Vector512.Create(-0.5f) * z, low, low));
    }

    /// <inheritdoc cref="SinKernel(Vector512{float}, Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> SinKernel(Vector512<double> high, Vector512<double> low)
    {
        Vector512<double> z = high * high;
        Vector512<double> s = Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.Create(1.5917925543845045e-10), z, Vector512.Create(-2.50511287563224e-08)), z, Vector512.Create(2.755731608616685e-06)), z, Vector512.Create(-0.00019841269836723096)), z, Vector512.Create(0.008333333333330922)), z, Vector512.Create(-0.16666666666666666));

        return high + Vector512.FusedMultiplyAdd(z * high, s, Vector512.FusedMultiplyAdd(Vector512.Create(-0.5) * z, low, low));
    }

    /// <summary>
    /// cos(h + l) for |h| ≤ 0.79: 1 - h²/2 + h⁴C(h²) - h·l, with the rounding error of 1 - h²/2 carried separately
    /// (fdlibm's __kernel_cos), C minimax.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> CosKernel(Vector512<float> high, Vector512<float> low)
    {
        Vector512<float> z = high * high;
        Vector512<float> c = Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.Create(-2.729663038e-7f), z, Vector512.Create(2.480056537e-5f)), z, Vector512.Create(-1.388888806e-3f)), z, Vector512.Create(0.04166666791f));

        Vector512<float> halfZ = Vector512.Create(0.5f) * z;
        Vector512<float> w = Vector512<float>.One - halfZ;
        return w + (((Vector512<float>.One - w) - halfZ) + Vector512.FusedMultiplyAdd(z * z, c, -(high * low)));
    }

    /// <inheritdoc cref="CosKernel(Vector512{float}, Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> CosKernel(Vector512<double> high, Vector512<double> low)
    {
        Vector512<double> z = high * high;
        Vector512<double> c = Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.Create(-1.1382541817994564e-11), z, Vector512.Create(2.087614490533894e-09)), z, Vector512.Create(-2.7557317264556605e-07)), z, Vector512.Create(2.4801587298750287e-05)), z, Vector512.Create(-0.0013888888888887387)), z, Vector512.Create(0.041666666666666664));

        Vector512<double> halfZ = Vector512.Create(0.5) * z;
        Vector512<double> w = Vector512<double>.One - halfZ;
        return w + (((Vector512<double>.One - w) - halfZ) + Vector512.FusedMultiplyAdd(z * z, c, -(high * low)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> SinOrCos(Vector512<float> x, bool cosine)
    {
        Vector512<float> high = ReduceHalfPi(x, out Vector512<float> quadrant, out Vector512<float> low);

        // cos x = sin(x + π/2): one quadrant further.
        if (cosine)
        {
            quadrant += Vector512<float>.One;
        }

        Vector512<float> result = Vector512.ConditionalSelect(IsOdd(quadrant), CosKernel(high, low), SinKernel(high, low));
        result = Vector512.ConditionalSelect(IsOdd(Vector512.Floor(quadrant * Vector512.Create(0.5f))), -result, result);
        if (cosine)
        {
            return BeyondReductionLimit(result, x, Math.Cos);
        }

        result = BeyondReductionLimit(result, x, Math.Sin);

        // The reduction turns -0 into +0.
        return Vector512.ConditionalSelect(Vector512.Equals(x, Vector512<float>.Zero), x, result);
    }

    /// <inheritdoc cref="SinOrCos(Vector512{float}, bool)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> SinOrCos(Vector512<double> x, bool cosine)
    {
        Vector512<double> high = ReduceHalfPi(x, out Vector512<double> quadrant, out Vector512<double> low);

        // cos x = sin(x + π/2): one quadrant further.
        if (cosine)
        {
            quadrant += Vector512<double>.One;
        }

        Vector512<double> result = Vector512.ConditionalSelect(IsOdd(quadrant), CosKernel(high, low), SinKernel(high, low));
        result = Vector512.ConditionalSelect(IsOdd(Vector512.Floor(quadrant * Vector512.Create(0.5))), -result, result);
        if (cosine)
        {
            return BeyondReductionLimit(result, x, Math.Cos);
        }

        result = BeyondReductionLimit(result, x, Math.Sin);

        // The reduction turns -0 into +0.
        return Vector512.ConditionalSelect(Vector512.Equals(x, Vector512<double>.Zero), x, result);
    }

    /// <summary><paramref name="result"/> with the finite lanes beyond <see cref="TrigLimitSingle"/> recomputed by <paramref name="scalar"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> BeyondReductionLimit(Vector512<float> result, Vector512<float> x, Func<double, double> scalar)
    {
        Vector512<float> magnitude = Vector512.Abs(x);
        Vector512<float> beyond = Vector512.GreaterThan(magnitude, Vector512.Create(TrigLimitSingle)) & Vector512.LessThan(magnitude, Vector512.Create(float.PositiveInfinity));
        return beyond.ExtractMostSignificantBits() != 0 ? PerLane(result, x, beyond, scalar) : result;
    }

    /// <inheritdoc cref="BeyondReductionLimit(Vector512{float}, Vector512{float}, Func{double, double})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> BeyondReductionLimit(Vector512<double> result, Vector512<double> x, Func<double, double> scalar)
    {
        Vector512<double> magnitude = Vector512.Abs(x);
        Vector512<double> beyond = Vector512.GreaterThan(magnitude, Vector512.Create(TrigLimitDouble)) & Vector512.LessThan(magnitude, Vector512.Create(double.PositiveInfinity));
        return beyond.ExtractMostSignificantBits() != 0 ? PerLane(result, x, beyond, scalar) : result;
    }

    /// <summary>The lanes of <paramref name="mask"/> computed one by one by <paramref name="scalar"/> in double, the others from <paramref name="result"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector512<float> PerLane(Vector512<float> result, Vector512<float> x, Vector512<float> mask, Func<double, double> scalar)
    {
        // 64 bytes hold the widest vector.
        Span<float> lanes = MemoryMarshal.Cast<byte, float>(stackalloc byte[64])[..Vector512<float>.Count];
        ref float first = ref MemoryMarshal.GetReference(lanes);
        result.StoreUnsafe(ref first);
        for (int i = 0; i < lanes.Length; i++)
        {
            // A set mask lane has all bits set, which reads as a NaN.
            if (float.IsNaN(mask.GetElement(i)))
            {
                lanes[i] = (float)scalar(x.GetElement(i));
            }
        }

        return Vector512.LoadUnsafe(ref first);
    }

    /// <inheritdoc cref="PerLane(Vector512{float}, Vector512{float}, Vector512{float}, Func{double, double})"/>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector512<double> PerLane(Vector512<double> result, Vector512<double> x, Vector512<double> mask, Func<double, double> scalar)
    {
        // 64 bytes hold the widest vector.
        Span<double> lanes = MemoryMarshal.Cast<byte, double>(stackalloc byte[64])[..Vector512<double>.Count];
        ref double first = ref MemoryMarshal.GetReference(lanes);
        result.StoreUnsafe(ref first);
        for (int i = 0; i < lanes.Length; i++)
        {
            // A set mask lane has all bits set, which reads as a NaN.
            if (double.IsNaN(mask.GetElement(i)))
            {
                lanes[i] = scalar(x.GetElement(i));
            }
        }

        return Vector512.LoadUnsafe(ref first);
    }
}
