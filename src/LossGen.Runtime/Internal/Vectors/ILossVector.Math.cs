using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LossGen.Internal;

// The math, written once over the primitives for every width and for both float and double, each element type with
// its own polynomial coefficients and constants; float never goes through double. Accuracy, measured by
// tests/LossGen.Tests/Vectors and listed in docs/vector-math.md, is within 4 ulp (float) and 8 ulp (double) of the exact
// value over the whole domain, subnormal results included; special values and NaN propagation are those of the scalar
// Math and LossMath functions of the same name.
//
// Every function but the trivial ones is compiled once per vector type as a method of its own (NoInlining), with all
// of its arithmetic inlined into it through the private *Core helpers. Inlined into a kernel instead, two or three of
// these functions exhaust the JIT's inlining budget, which is set by the size of the kernel, and the rest of the
// kernel's vector operations become calls, several times slower than the call saved.
public partial interface ILossVector<TSelf, T>
{
    /// <summary>eˣ: +∞ above ln(max), 0 below ln(ε/2), subnormal between.</summary>
    /// <param name="x">The operand.</param>
    /// <returns>The result.</returns>
    /// <remarks>eˣ = 2ᵏ·e^r with k = round(x/ln 2), |r| ≤ ln2/2, e^r - 1 a minimax polynomial.</remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    static virtual TSelf Exp(TSelf x) => ExpCore(x);

    /// <summary>eˣ - 1, accurate also near 0; -1 for very negative x, +∞ on overflow, ±0 kept.</summary>
    /// <param name="x">The operand.</param>
    /// <returns>The result.</returns>
    /// <remarks>eˣ - 1 = 2ᵏ·((e^r - 1) + 1 - 2⁻ᵏ) with the reduction of <see cref="Exp"/>: no cancellation for any k.</remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    static virtual TSelf Expm1(TSelf x) => Expm1Core(x);

    /// <summary>The natural logarithm: -∞ at ±0, NaN below 0, +∞ at +∞; subnormal arguments included.</summary>
    /// <param name="x">The operand.</param>
    /// <returns>The result.</returns>
    /// <remarks>log x = e·ln 2 + log(1 + f) with x = 2ᵉ(1 + f), 1 + f in [√½, √2).</remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    static virtual TSelf Log(TSelf x) => LogCore(x);

    /// <summary>log₂ x, exact at powers of two; special values as <see cref="Log"/>.</summary>
    /// <param name="x">The operand.</param>
    /// <returns>The result.</returns>
    [MethodImpl(MethodImplOptions.NoInlining)]
    static virtual TSelf Log2(TSelf x)
    {
        TSelf f = ReduceLog(x, out TSelf e);
        TSelf log = Log1pKernel(f);
        TSelf result = Fma(log, K(1.44269502f, 1.4426950408889634), Fma(log, K(1.92596303e-8f, 2.0355273740931033e-17), e));
        return LogSpecialCases(x, result);
    }

    /// <summary>log₁₀ x; special values as <see cref="Log"/>.</summary>
    /// <param name="x">The operand.</param>
    /// <returns>The result.</returns>
    [MethodImpl(MethodImplOptions.NoInlining)]
    static virtual TSelf Log10(TSelf x)
    {
        TSelf f = ReduceLog(x, out TSelf e);
        TSelf log = Log1pKernel(f);
        TSelf small = Fma(e, K(-1.43209888e-8f, -2.8037281277851704e-18), log * K(-1.010305e-8f, 1.098319650216765e-17));
        TSelf result = Fma(e, K(0.30103001f, 0.3010299956639812), Fma(log, K(0.434294492f, 0.4342944819032518), small));
        return LogSpecialCases(x, result);
    }

    /// <summary>log(1 + x), accurate also near 0 (as <see cref="LossMath.Log1p(double)"/>): -∞ at -1, NaN below, ±0 kept.</summary>
    /// <param name="x">The operand.</param>
    /// <returns>The result.</returns>
    [MethodImpl(MethodImplOptions.NoInlining)]
    static virtual TSelf Log1p(TSelf x) => Log1pCore(x);

    /// <summary>x^y with <see cref="Math.Pow(double, double)"/>'s special values (x^±0 = 1, 1^y = 1, (-1)^±∞ = 1, NaN for a negative base and non-integral exponent, signed zeros and infinities for odd integral exponents).</summary>
    /// <param name="x">The base.</param>
    /// <param name="y">The exponent.</param>
    /// <returns>The result.</returns>
    /// <remarks>
    /// exp(y·log|x|) loses |y·log x| ulps when log x is rounded to working precision, so log|x| is carried in two parts
    /// and y·log|x| formed exactly; the low part enters the reduced argument of the exponential.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    static virtual TSelf Pow(TSelf x, TSelf y)
    {
        TSelf magnitude = TSelf.Abs(x);
        TSelf regular = IsFiniteNonzero(magnitude);
        TSelf logHigh = LogWithTail(TSelf.Select(regular, magnitude, TSelf.One), out TSelf logLow);

        // 0 and ∞ have logarithms -∞ and +∞, which the exponential turns into 0 or ∞ by the sign of y.
        logHigh = TSelf.Select(regular, logHigh, TSelf.Select(TSelf.Equal(magnitude, TSelf.Zero), -Infinity, magnitude));
        TSelf high = y * logHigh;
        TSelf low = Fma(y, logHigh, -high) + y * TSelf.Select(regular, logLow, TSelf.Zero);

        // Beyond the exponential's range the low part does not matter, and it is NaN where the high part is infinite.
        low = TSelf.Select(TSelf.LessThan(TSelf.Abs(high), K(1e4)), low, TSelf.Zero);
        TSelf result = ExpWithTail(high, low);

        TSelf integral = TSelf.Equal(TSelf.Floor(y), y);
        TSelf half = TSelf.Floor(y * K(0.5));
        TSelf odd = TSelf.And(integral, TSelf.NotEqual(half + half, y));
        result = TSelf.Select(TSelf.And(TSelf.IsNegative(x), odd), -result, result);
        TSelf negativeFinite = TSelf.And(TSelf.LessThan(x, TSelf.Zero), TSelf.GreaterThan(x, -Infinity));
        result = TSelf.Select(TSelf.And(negativeFinite, TSelf.Not(integral)), TSelf.Create(T.NaN), result);
        TSelf one = TSelf.Or(
            TSelf.Or(TSelf.Equal(y, TSelf.Zero), TSelf.Equal(x, TSelf.One)),
            TSelf.And(TSelf.Equal(magnitude, TSelf.One), TSelf.Equal(TSelf.Abs(y), Infinity)));
        return TSelf.Select(one, TSelf.One, result);
    }

    /// <summary>∛x, odd: ±0, ±∞ and NaN returned as they are; subnormal arguments included.</summary>
    /// <param name="x">The operand.</param>
    /// <returns>The result.</returns>
    /// <remarks>x = 2^(3q + i)·m: ∛x = 2^q·∛(2ⁱm), a polynomial guess refined by Newton's iteration.</remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    static virtual TSelf Cbrt(TSelf x)
    {
        TSelf magnitude = TSelf.Abs(x);
        TSelf e = TSelf.ILogB(magnitude);
        TSelf m = TSelf.Significand(magnitude);
        TSelf q = TSelf.Floor((e + K(0.5)) * K(1.0 / 3));
        TSelf i = e - K(3) * q;
        TSelf first = TSelf.Equal(i, TSelf.Zero);
        TSelf second = TSelf.Equal(i, TSelf.One);
        TSelf v = m * TSelf.Select(first, TSelf.One, TSelf.Select(second, K(2), K(4)));
        TSelf guess = Fma(Fma(Fma(Fma(K(-0.01060389670029072), m, K(0.08609134750760279)), m, K(-0.3006115601307248)), m, K(0.7181539396495297)), m, K(0.5069793773356551));
        TSelf y = guess * TSelf.Select(first, TSelf.One, TSelf.Select(second, K(1.2599210498948732), K(1.5874010519681996)));

        // Each Newton step y ← y - (y³ - v)/3y² squares the relative error: the guess's 2⁻¹⁶ becomes 2⁻³² (float's last
        // step) or 2⁻⁶⁴ after two (double's).
        if (!IsSingle)
        {
            y -= (y * y * y - v) / (K(3) * y * y);
        }

        // The last step forms y³ - v almost exactly, so the correction is accurate to the last bit.
        TSelf square = y * y;
        TSelf residual = Fma(square, y, -v) + Fma(y, y, -square) * y;
        y -= residual / (K(3) * square);
        TSelf result = TSelf.CopySign(TSelf.ScaleB(y, q), x);
        return TSelf.Select(IsFiniteNonzero(magnitude), result, x);
    }

    /// <summary>sign(x): -1, 0 or 1 as x, ±0 kept, NaN for NaN (as <see cref="LossMath.Sign(double)"/>).</summary>
    /// <param name="x">The operand.</param>
    /// <returns>The result.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static virtual TSelf Sign(TSelf x) =>
        TSelf.Select(
            TSelf.GreaterThan(x, TSelf.Zero),
            TSelf.One,
            TSelf.Select(TSelf.LessThan(x, TSelf.Zero), -TSelf.One, x));

    /// <summary>min(max(x, lo), hi), lane-wise: never throws, NaN if any operand is NaN, hi where lo &gt; hi.</summary>
    /// <param name="x">The operand.</param>
    /// <param name="lo">The lower bound.</param>
    /// <param name="hi">The upper bound.</param>
    /// <returns>The result.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static virtual TSelf Clamp(TSelf x, TSelf lo, TSelf hi) => TSelf.Min(TSelf.Max(x, lo), hi);

    /// <summary>tanh x: ±1 at ±∞, ±0 kept.</summary>
    /// <param name="x">The operand.</param>
    /// <returns>The result.</returns>
    /// <remarks>
    /// With t = e^(-2|x|) - 1: -t/(t + 2) for |x| &lt; 0.625, where it does not cancel, and (1 - e^(-2|x|))/(1 + e^(-2|x|))
    /// above, where t's error would be doubled; both from one reduction.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    static virtual TSelf Tanh(TSelf x)
    {
        TSelf expm1 = Expm1Parts(K(-2) * TSelf.Abs(x), out TSelf k);
        TSelf t = TSelf.ScaleB(expm1 + (TSelf.One - TSelf.ScaleB(TSelf.One, -k)), k);
        TSelf exp = TSelf.ScaleB(expm1 + TSelf.One, k);
        TSelf small = TSelf.LessThan(TSelf.Abs(x), K(0.625));
        TSelf result = TSelf.Select(small, -t, TSelf.One - exp) / TSelf.Select(small, t + K(2), TSelf.One + exp);
        return TSelf.CopySign(result, x);
    }

    /// <summary>sinh x: ±∞ on overflow, ±0 kept.</summary>
    /// <param name="x">The operand.</param>
    /// <returns>The result.</returns>
    /// <remarks>(t + t/(t + 1))/2 with t = e^|x| - 1 while e^-|x| matters, e^(|x| - ln 2) above, which overflows only with sinh.</remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    static virtual TSelf Sinh(TSelf x)
    {
        TSelf magnitude = TSelf.Abs(x);
        TSelf t = Expm1Core(magnitude);
        TSelf small = K(0.5) * (t + t / (t + TSelf.One));
        TSelf large = ExpWithTail(magnitude - K(Ln2HiSingle, Ln2HiDouble), -K(Ln2MidSingle, Ln2MidDouble));
        return TSelf.CopySign(TSelf.Select(TSelf.LessThan(magnitude, HyperbolicLimit), small, large), x);
    }

    /// <summary>cosh x: +∞ on overflow and at ±∞.</summary>
    /// <param name="x">The operand.</param>
    /// <returns>The result.</returns>
    /// <remarks>(eᵃ + e⁻ᵃ)/2 with a = |x| while e⁻ᵃ matters, e^(a - ln 2) above; one exponential either way.</remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    static virtual TSelf Cosh(TSelf x)
    {
        TSelf magnitude = TSelf.Abs(x);
        TSelf small = TSelf.LessThan(magnitude, HyperbolicLimit);
        TSelf high = TSelf.Select(small, magnitude, magnitude - K(Ln2HiSingle, Ln2HiDouble));
        TSelf exp = ExpWithTail(high, TSelf.Select(small, TSelf.Zero, -K(Ln2MidSingle, Ln2MidDouble)));
        return TSelf.Select(small, Fma(K(0.5), exp, K(0.5) / exp), exp);
    }

    /// <summary>sin x: NaN at ±∞, ±0 kept.</summary>
    /// <param name="x">The operand, in radians.</param>
    /// <returns>The result.</returns>
    /// <remarks>
    /// Reduced by multiples of π/2 in vector arithmetic for |x| ≤ 10⁵ (float) or 10⁹ (double); the rare lanes beyond
    /// are computed by the scalar <see cref="Math.Sin(double)"/>, so the accuracy holds for every x.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    static virtual TSelf Sin(TSelf x) => SinOrCos(x, cosine: false);

    /// <summary>cos x: NaN at ±∞.</summary>
    /// <param name="x">The operand, in radians.</param>
    /// <returns>The result.</returns>
    /// <remarks>Reduced as <see cref="Sin"/>; lanes beyond its limit use <see cref="Math.Cos(double)"/>.</remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    static virtual TSelf Cos(TSelf x) => SinOrCos(x, cosine: true);

    /// <summary>tan x: NaN at ±∞, ±0 kept.</summary>
    /// <param name="x">The operand, in radians.</param>
    /// <returns>The result.</returns>
    /// <remarks>sin r / cos r, or -cos r / sin r in odd quadrants; reduced as <see cref="Sin"/>, lanes beyond its limit use <see cref="Math.Tan(double)"/>.</remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    static virtual TSelf Tan(TSelf x)
    {
        TSelf high = ReduceHalfPi(x, out TSelf quadrant, out TSelf low);
        TSelf sin = SinKernel(high, low);
        TSelf cos = CosKernel(high, low);
        TSelf odd = IsOdd(quadrant);
        TSelf result = TSelf.Select(odd, -cos, sin) / TSelf.Select(odd, sin, cos);
        result = BeyondReductionLimit(result, x, Math.Tan);
        return TSelf.Select(TSelf.Equal(x, TSelf.Zero), x, result);
    }

    /// <summary>atan x in [-π/2, π/2]: ±π/2 at ±∞, ±0 kept.</summary>
    /// <param name="x">The operand.</param>
    /// <returns>The result, in radians.</returns>
    /// <remarks>fdlibm's reduction atan a = atan c + atan((a - c)/(1 + ac)) for c in {0, ½, 1, 3/2, ∞}, then a polynomial.</remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    static virtual TSelf Atan(TSelf x)
    {
        TSelf a = TSelf.Abs(x);
        TSelf below7 = TSelf.LessThan(a, K(7.0 / 16));
        TSelf below11 = TSelf.LessThan(a, K(11.0 / 16));
        TSelf below19 = TSelf.LessThan(a, K(19.0 / 16));
        TSelf below39 = TSelf.LessThan(a, K(39.0 / 16));
        TSelf numerator = TSelf.Select(below7, a, TSelf.Select(below11, Fma(K(2), a, -TSelf.One), TSelf.Select(below19, a - TSelf.One, TSelf.Select(below39, a - K(1.5), -TSelf.One))));
        TSelf denominator = TSelf.Select(below7, TSelf.One, TSelf.Select(below11, K(2) + a, TSelf.Select(below19, a + TSelf.One, TSelf.Select(below39, Fma(K(1.5), a, TSelf.One), a))));
        TSelf high = TSelf.Select(below7, TSelf.Zero, TSelf.Select(below11, K(0.463647604f, 0.4636476090008061), TSelf.Select(below19, K(0.785398185f, 0.7853981633974483), TSelf.Select(below39, K(0.982793748f, 0.982793723247329), K(1.57079637f, 1.5707963267948966)))));
        TSelf low = TSelf.Select(below7, TSelf.Zero, TSelf.Select(below11, K(5.01215869e-9f, 2.2698777452961687e-17), TSelf.Select(below19, K(-2.18556941e-8f, 3.061616997868383e-17), TSelf.Select(below39, K(-2.51314241e-8f, 1.3903311031230998e-17), K(-4.37113883e-8f, 6.123233995736766e-17)))));
        TSelf t = numerator / denominator;
        TSelf z = t * t;
        TSelf p;
        if (IsSingle)
        {
            p = Fma(Fma(Fma(Fma(Fma(K(-0.04826714844f), z, K(0.08534248918f)), z, K(-0.1105858535f)), z, K(0.1428342462f)), z, K(-0.1999996305f)), z, K(0.3333333433f));
        }
        else
        {
            p = Fma(Fma(Fma(Fma(Fma(Fma(Fma(Fma(Fma(Fma(K(0.01756690547470792), z, K(-0.03784409200845121)), z, K(0.05034712630861387)), z, K(-0.05847898640421227)), z, K(0.06663263052774014)), z, K(-0.07692089357704478)), z, K(0.09090900299060171)), z, K(-0.11111110903625682)), z, K(0.14285714283194786)), z, K(-0.19999999999988038)), z, K(0.33333333333333326));
        }

        TSelf result = high - (Fma(t, z * p, -low) - t);
        return TSelf.CopySign(result, x);
    }

    /// <summary>σ(x) = 1/(1 + e⁻ˣ) in [0, 1], without overflow (as <see cref="LossMath.Sigmoid(double)"/>).</summary>
    /// <param name="x">The operand.</param>
    /// <returns>The result.</returns>
    /// <remarks>1/(1 + e^-|x|) for x ≥ 0 and e^-|x|/(1 + e^-|x|) below, which keeps full relative precision.</remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    static virtual TSelf Sigmoid(TSelf x)
    {
        TSelf exp = ExpCore(-TSelf.Abs(x));
        return TSelf.Select(TSelf.GreaterThanOrEqual(x, TSelf.Zero), TSelf.One, exp) / (TSelf.One + exp);
    }

    /// <summary>softplus(x) = log(1 + eˣ) = max(x, 0) + log1p(e^-|x|), finite for finite x (as <see cref="LossMath.Softplus(double)"/>).</summary>
    /// <param name="x">The operand.</param>
    /// <returns>The result.</returns>
    [MethodImpl(MethodImplOptions.NoInlining)]
    static virtual TSelf Softplus(TSelf x) => TSelf.Max(x, TSelf.Zero) + Log1pCore(ExpCore(-TSelf.Abs(x)));

    /// <summary>log σ(x) = -softplus(-x) ≤ 0 (as <see cref="LossMath.LogSigmoid(double)"/>).</summary>
    /// <param name="x">The operand.</param>
    /// <returns>The result.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static virtual TSelf LogSigmoid(TSelf x) => -TSelf.Softplus(-x);

    /// <summary>log(cosh x) ≥ 0, finite for finite x (as <see cref="LossMath.LogCosh(double)"/>).</summary>
    /// <param name="x">The operand.</param>
    /// <returns>The result.</returns>
    /// <remarks>
    /// log1p(cosh x - 1) with cosh x - 1 summed from its series for |x| &lt; 1, |x| - ln 2 + log1p(e^-2|x|) above; one
    /// <see cref="Log1p"/> on the selected argument.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    static virtual TSelf LogCosh(TSelf x)
    {
        TSelf a = TSelf.Abs(x);
        TSelf small = TSelf.LessThan(a, TSelf.One);

        // cosh a - 1 = a²/2! + a⁴/4! + … has only positive terms; the fused multiply-add recovers the rounding error of
        // a², which would otherwise dominate since a²/2 is most of the sum.
        TSelf a2 = a * a;
        TSelf a2Error = Fma(a, a, -a2);
        TSelf q;
        if (IsSingle)
        {
            q = Fma(Fma(Fma(Fma(K(1.0 / 479001600), a2, K(1.0 / 3628800)), a2, K(1.0 / 40320)), a2, K(1.0 / 720)), a2, K(1.0 / 24));
        }
        else
        {
            q = Fma(Fma(Fma(Fma(Fma(Fma(Fma(Fma(K(1.0 / 2432902008176640000), a2, K(1.0 / 6402373705728000)), a2, K(1.0 / 20922789888000)), a2, K(1.0 / 87178291200)), a2, K(1.0 / 479001600)), a2, K(1.0 / 3628800)), a2, K(1.0 / 40320)), a2, K(1.0 / 720)), a2, K(1.0 / 24));
        }

        TSelf coshM1 = Fma(K(0.5), a2, Fma(K(0.5), a2Error, a2 * a2 * q));
        TSelf log1p = Log1pCore(TSelf.Select(small, coshM1, ExpCore(K(-2) * a)));

        // ln 2 in two parts: a - Ln2Hi is exact for 1 ≤ a < 2¹⁴ (float) or 2²¹ (double), so the sum rounds once.
        TSelf large = (a - K(Ln2HiSingle, Ln2HiDouble)) + (log1p - K(Ln2MidSingle, Ln2MidDouble));
        return TSelf.Select(small, log1p, large);
    }

    /// <summary>x·log y with 0·log y = 0 for every y but NaN, NaN if either is NaN (as <see cref="LossMath.Xlogy(double, double)"/>).</summary>
    /// <param name="x">The factor.</param>
    /// <param name="y">The argument of the logarithm.</param>
    /// <returns>The result.</returns>
    [MethodImpl(MethodImplOptions.NoInlining)]
    static virtual TSelf Xlogy(TSelf x, TSelf y) =>
        TSelf.Select(TSelf.IsNaN(y), y, TSelf.Select(TSelf.Equal(x, TSelf.Zero), TSelf.Zero, x * LogCore(y)));

    // ln 2 in three parts. High has few bits so that e·High is exact for every exponent e; High + Mid alone is within
    // 2⁻³⁴ (float) or 2⁻⁸⁶ (double) of ln 2, enough for Exp and Log; Pow's extended logarithm adds Low.
    private const float Ln2HiSingle = 0.693359375f;
    private const float Ln2MidSingle = -2.12194442e-4f;
    private const float Ln2LoSingle = 1.64659497e-12f;
    private const double Ln2HiDouble = 6.93147180369123816490e-01;
    private const double Ln2MidDouble = 1.9082149292705877e-10;
    private const double Ln2LoDouble = 1.1612227229362532e-26;

    private static bool IsSingle
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => typeof(T) == typeof(float);
    }

    private static TSelf Infinity
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => TSelf.Create(T.PositiveInfinity);
    }

    /// <summary>Where e^-2|x| no longer matters to sinh x or cosh x: below 2⁻²⁸ (float) or 2⁻⁶³ (double).</summary>
    private static TSelf HyperbolicLimit
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => K(10f, 22.0);
    }

    // The constants are bit casts rather than T.CreateTruncating, whose large generic body would eat the JIT's
    // inlining budget a hundred times over and leave the arithmetic around it as calls.

    /// <summary>The constant, rounded to <typeparamref name="T"/> (float literals convert to double exactly).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TSelf K(double value) =>
        TSelf.Create(IsSingle ? Unsafe.BitCast<float, T>((float)value) : Unsafe.BitCast<double, T>(value));

    /// <summary>The float or the double constant, by <typeparamref name="T"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TSelf K(float single, double @double) =>
        TSelf.Create(IsSingle ? Unsafe.BitCast<float, T>(single) : Unsafe.BitCast<double, T>(@double));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TSelf Fma(TSelf a, TSelf b, TSelf c) => TSelf.FusedMultiplyAdd(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TSelf IsFiniteNonzero(TSelf magnitude) =>
        TSelf.And(TSelf.GreaterThan(magnitude, TSelf.Zero), TSelf.LessThan(magnitude, Infinity));

    /// <summary>Mask of the odd lanes of integral <paramref name="n"/> (and of NaN lanes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TSelf IsOdd(TSelf n)
    {
        TSelf half = TSelf.Floor(n * K(0.5));
        return TSelf.NotEqual(half + half, n);
    }

    /// <summary><see cref="Exp"/>, for inlining into the functions built on it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TSelf ExpCore(TSelf x)
    {
        TSelf clamped = ClampExponent(x);
        TSelf k = TSelf.Round(clamped * K(1.44269502f, 1.4426950408889634));
        return TSelf.ScaleB(TSelf.One + Expm1Kernel(ReduceLn2(clamped, k)), k);
    }

    /// <summary><see cref="Expm1"/>, for inlining.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TSelf Expm1Core(TSelf x)
    {
        TSelf expm1 = Expm1Parts(x, out TSelf k);
        TSelf result = TSelf.ScaleB(expm1 + (TSelf.One - TSelf.ScaleB(TSelf.One, -k)), k);

        // The sum above turns -0 into +0.
        return TSelf.Select(TSelf.Equal(x, TSelf.Zero), x, result);
    }

    /// <summary><see cref="Log"/>, for inlining.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TSelf LogCore(TSelf x)
    {
        TSelf f = ReduceLog(x, out TSelf e);
        TSelf result = Fma(e, K(Ln2HiSingle, Ln2HiDouble), Fma(e, K(Ln2MidSingle, Ln2MidDouble), Log1pKernel(f)));
        return LogSpecialCases(x, result);
    }

    /// <summary><see cref="Log1p"/>, for inlining.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TSelf Log1pCore(TSelf x)
    {
        TSelf u = TSelf.One + x;

        // u = 1 + x + d with d the rounding error, so log(1 + x) = log u - d/u + O(d²); (u - 1) - x recovers d, exactly
        // for |x| < 1 where the correction matters. The quotient is NaN only at x = -1 and ±∞, which need none.
        TSelf correction = ((u - TSelf.One) - x) / u;
        TSelf result = LogCore(u) - TSelf.Select(TSelf.IsNaN(correction), TSelf.Zero, correction);

        // Where 1 + x rounds to 1, log(1 + x) rounds to x; this also keeps -0.
        return TSelf.Select(TSelf.Equal(u, TSelf.One), x, result);
    }

    /// <summary>
    /// x clamped to [lo, hi], NaN kept, by two comparisons and selections: shorter than Max and Min, whose IEEE
    /// semantics for NaN and -0 cost three instructions each on AVX-512 and sit on the critical path of every exponential.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TSelf ClampKeepingNaN(TSelf x, TSelf lo, TSelf hi) =>
        TSelf.Select(TSelf.LessThan(x, lo), lo, TSelf.Select(TSelf.GreaterThan(x, hi), hi, x));

    /// <summary>
    /// x clamped to where eˣ is neither certainly +∞ nor certainly 0, keeping k and 2ᵏ finite; NaN passes through.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TSelf ClampExponent(TSelf x) => ClampKeepingNaN(x, K(-104f, -746.0), K(89f, 710.0));

    /// <summary>x - k·ln 2 for integral k = round(x/ln 2): the first product is exact, so only the second rounds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TSelf ReduceLn2(TSelf x, TSelf k) =>
        Fma(-k, K(Ln2MidSingle, Ln2MidDouble), Fma(-k, K(Ln2HiSingle, Ln2HiDouble), x));

    /// <summary>e^r - 1 = r + r²P(r) for |r| ≤ 0.347, P minimax for the relative error (2⁻²⁶ float, 2⁻⁵⁷ double).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TSelf Expm1Kernel(TSelf r)
    {
        TSelf p;
        if (IsSingle)
        {
            p = Fma(Fma(Fma(Fma(Fma(K(1.985784038e-4f), r, K(1.393370796e-3f)), r, K(8.333360776e-3f)), r, K(4.166646302e-2f)), r, K(0.1666666716f)), r, K(0.5f));
        }
        else
        {
            p = Fma(Fma(Fma(Fma(Fma(Fma(Fma(Fma(Fma(Fma(K(2.0889404387739776e-09), r, K(2.5105304306343583e-08)), r, K(2.7557349770813363e-07)), r, K(2.755725520018977e-06)), r, K(2.4801587245327936e-05)), r, K(0.00019841269874968373)), r, K(0.0013888888888918245)), r, K(0.008333333333326096)), r, K(0.041666666666666616)), r, K(0.1666666666666667)), r, K(0.5));
        }

        return Fma(r * r, p, r);
    }

    /// <summary>
    /// e^r - 1 for the reduction x = k·ln 2 + r, x clamped further below than for <see cref="Exp"/> so that 2⁻ᵏ stays
    /// finite: eˣ - 1 rounds to -1 well before.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TSelf Expm1Parts(TSelf x, out TSelf k)
    {
        TSelf clamped = ClampKeepingNaN(x, K(-30f, -60.0), K(89f, 710.0));
        k = TSelf.Round(clamped * K(1.44269502f, 1.4426950408889634));
        return Expm1Kernel(ReduceLn2(clamped, k));
    }

    /// <summary>e^(high + low) for |low| far below 1: low joins the reduced argument.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TSelf ExpWithTail(TSelf high, TSelf low)
    {
        TSelf clamped = ClampExponent(high);
        TSelf k = TSelf.Round(clamped * K(1.44269502f, 1.4426950408889634));
        return TSelf.ScaleB(TSelf.One + Expm1Kernel(ReduceLn2(clamped, k) + low), k);
    }

    /// <summary>
    /// f and e with x = 2ᵉ(1 + f), 1 + f in [√½, √2), for finite positive x; f is exact (Sterbenz).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TSelf ReduceLog(TSelf x, out TSelf e)
    {
        TSelf m = TSelf.Significand(x);
        e = TSelf.ILogB(x);
        TSelf above = TSelf.GreaterThan(m, K(1.41421354f, 1.4142135623730951));
        e = TSelf.Select(above, e + TSelf.One, e);
        return TSelf.Select(above, m * K(0.5), m) - TSelf.One;
    }

    /// <summary>
    /// log(1 + f) for f in [√½ - 1, √2 - 1]. Float: f - f²/2 + f³P(f), no division; double: fdlibm's
    /// 2s + s·R(s²) with s = f/(2 + f), arranged so the rounding errors stay far below f's last bit.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TSelf Log1pKernel(TSelf f)
    {
        TSelf z;
        if (IsSingle)
        {
            z = f * f;
            TSelf p = Fma(Fma(Fma(Fma(Fma(Fma(Fma(Fma(K(0.07037681341f), f, K(-0.1151460782f)), f, K(0.1167699844f)), f, K(-0.1242014095f)), f, K(0.1424932331f)), f, K(-0.1666805744f)), f, K(0.2000071406f)), f, K(-0.2499999404f)), f, K(0.3333333135f));
            return Fma(z, Fma(f, p, K(-0.5f)), f);
        }

        TSelf s = f / (K(2) + f);
        z = s * s;
        TSelf r = z * Fma(Fma(Fma(Fma(Fma(Fma(K(0.14616875727366235), z, K(0.1533168400243779)), z, K(0.18182890369327984)), z, K(0.22222211115826268)), z, K(0.28571428626106177)), z, K(0.3999999999989918)), z, K(0.666666666666667));
        TSelf halfSquare = K(0.5) * f * f;
        return f - (halfSquare - s * (halfSquare + r));
    }

    /// <summary>The logarithm's values at 0 (-∞), below 0 (NaN), +∞ and NaN, <paramref name="result"/> elsewhere.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TSelf LogSpecialCases(TSelf x, TSelf result) =>
        TSelf.Select(
            IsFiniteNonzero(x),
            TSelf.Select(TSelf.LessThan(x, TSelf.Zero), TSelf.Create(T.NaN), result),
            TSelf.Select(TSelf.Equal(x, TSelf.Zero), -Infinity, TSelf.Select(TSelf.LessThan(x, TSelf.Zero), TSelf.Create(T.NaN), x)));

    /// <summary>
    /// log x for finite positive x as high + <paramref name="low"/>, to about twice the working precision (relative
    /// error below 2⁻⁶⁵ double, 2⁻³⁶ float): every rounding that matters is captured by an error-free transformation.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TSelf LogWithTail(TSelf x, out TSelf low)
    {
        TSelf f = ReduceLog(x, out TSelf e);

        // s = f/(2 + f) in two parts: 2 + f exactly as dh + dl, then one correction of the quotient.
        TSelf two = K(2);
        TSelf dh = two + f;
        TSelf dl = f - (dh - two);
        TSelf sh = f / dh;
        TSelf sl = (Fma(-sh, dh, f) - sh * dl) / dh;

        // log(1 + f) = 2s·A(z), z = s² ≤ 0.0295, A(z) = 1 + z/3 + z²/5 + z³/7 + …: 1/5 onward in working precision
        // (their error is scaled by z²), the rest in two parts.
        TSelf zh = sh * sh;
        TSelf zl = Fma(sh, sh, -zh) + two * sh * sl;
        TSelf tail;
        if (IsSingle)
        {
            tail = Fma(Fma(Fma(K(1f / 13), zh, K(1f / 11)), zh, K(1f / 9)), zh, K(1f / 7));
        }
        else
        {
            tail = Fma(Fma(Fma(Fma(Fma(Fma(Fma(Fma(Fma(K(1.0 / 25), zh, K(1.0 / 23)), zh, K(1.0 / 21)), zh, K(1.0 / 19)), zh, K(1.0 / 17)), zh, K(1.0 / 15)), zh, K(1.0 / 13)), zh, K(1.0 / 11)), zh, K(1.0 / 9)), zh, K(1.0 / 7));
        }

        TSelf b = Fma(zh, tail, K(0.2));
        TSelf ph = zh * b;
        TSelf pl = Fma(zh, b, -ph) + zl * b;
        TSelf third = K(0.333333343f, 0.3333333333333333);
        TSelf ch = third + ph;
        TSelf cl = ((third - ch) + ph) + (K(-9.93410776e-9f, 1.850371707708594e-17) + pl);
        TSelf qh = zh * ch;
        TSelf ql = Fma(zh, ch, -qh) + (zh * cl + zl * ch);
        TSelf ah = TSelf.One + qh;
        TSelf al = ((TSelf.One - ah) + qh) + ql;
        TSelf lh = sh * ah;
        TSelf ll = Fma(sh, ah, -lh) + (sh * al + sl * ah);

        // + e·ln 2: e·Ln2Hi is exact, e·Ln2Mid split exactly, e·Ln2Lo small enough to round.
        TSelf e0 = e * K(Ln2HiSingle, Ln2HiDouble);
        TSelf mid = K(Ln2MidSingle, Ln2MidDouble);
        TSelf e1 = e * mid;
        TSelf e1Error = Fma(e, mid, -e1);
        TSelf s1 = e0 + (lh + lh);
        TSelf s1Error = TwoSumError(e0, lh + lh, s1);
        TSelf s2 = s1 + e1;
        TSelf s2Error = TwoSumError(s1, e1, s2);
        TSelf rest = ((s1Error + s2Error) + Fma(e, K(Ln2LoSingle, Ln2LoDouble), e1Error)) + (ll + ll);
        TSelf high = s2 + rest;
        low = rest - (high - s2);
        return high;
    }

    /// <summary>The rounding error of s = a + b (Knuth's TwoSum), exact for any magnitudes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TSelf TwoSumError(TSelf a, TSelf b, TSelf s)
    {
        TSelf bVirtual = s - a;
        return (a - (s - bVirtual)) + (b - bVirtual);
    }

    /// <summary>
    /// x - q·π/2 as high + <paramref name="low"/> with q = round(x·2/π), for |x| up to <see cref="TrigLimit"/>. π/2 is
    /// split in four parts; q times the first is exact under the fused multiply-add, the next two products are split
    /// exactly and every sum is error-free, so the remainder keeps full relative precision even where x is so close
    /// to a multiple of π/2 that most of its digits cancel.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TSelf ReduceHalfPi(TSelf x, out TSelf q, out TSelf low)
    {
        q = TSelf.Round(Fma(x, K(0.636619747f, 0.6366197723675814), x * K(2.5682553e-8f, -3.935735335036497e-17)));
        TSelf c2 = K(-4.37113883e-8f, 6.123233995736766e-17);
        TSelf c3 = K(-1.71512451e-15f, -1.4973849048591698e-33);
        TSelf r1 = Fma(-q, K(1.57079637f, 1.5707963267948966), x);
        TSelf p2 = q * c2;
        TSelf p2Error = Fma(q, c2, -p2);
        TSelf p3 = q * c3;
        TSelf p3Error = Fma(q, c3, -p3);
        TSelf s = r1 - p2;
        TSelf e1 = TwoSumError(r1, -p2, s);
        TSelf t = s - p2Error;
        TSelf e2 = TwoSumError(s, -p2Error, t);
        TSelf u = t - p3;
        TSelf e3 = TwoSumError(t, -p3, u);
        TSelf tail = ((e1 + e2) + e3) - Fma(q, K(1.0562999e-23f, 5.562271104316826e-50), p3Error);
        TSelf high = u + tail;
        low = tail - (high - u);
        return high;
    }

    /// <summary>The largest |x| reduced in vector arithmetic, where |x·2/π| keeps the quadrant exact in the working precision.</summary>
    private static TSelf TrigLimit
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => K(1e5f, 1e9);
    }

    /// <summary>
    /// sin(h + l) for |h| ≤ 0.79 and l below half an ulp of h: h + h³S(h²) + l·(1 - h²/2), S minimax (2⁻²⁵ float,
    /// 2⁻⁵² double relative; the term is below a tenth of the result).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TSelf SinKernel(TSelf high, TSelf low)
    {
        TSelf z = high * high;
        TSelf s;
        if (IsSingle)
        {
            s = Fma(Fma(Fma(K(2.724454816e-6f), z, K(-1.984004339e-4f)), z, K(8.333331905e-3f)), z, K(-0.1666666716f));
        }
        else
        {
            s = Fma(Fma(Fma(Fma(Fma(K(1.5917925543845045e-10), z, K(-2.50511287563224e-08)), z, K(2.755731608616685e-06)), z, K(-0.00019841269836723096)), z, K(0.008333333333330922)), z, K(-0.16666666666666666));
        }

        return high + Fma(z * high, s, Fma(K(-0.5) * z, low, low));
    }

    /// <summary>
    /// cos(h + l) for |h| ≤ 0.79: 1 - h²/2 + h⁴C(h²) - h·l, with the rounding error of 1 - h²/2 carried separately
    /// (fdlibm's __kernel_cos), C minimax.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TSelf CosKernel(TSelf high, TSelf low)
    {
        TSelf z = high * high;
        TSelf c;
        if (IsSingle)
        {
            c = Fma(Fma(Fma(K(-2.729663038e-7f), z, K(2.480056537e-5f)), z, K(-1.388888806e-3f)), z, K(0.04166666791f));
        }
        else
        {
            c = Fma(Fma(Fma(Fma(Fma(K(-1.1382541817994564e-11), z, K(2.087614490533894e-09)), z, K(-2.7557317264556605e-07)), z, K(2.4801587298750287e-05)), z, K(-0.0013888888888887387)), z, K(0.041666666666666664));
        }

        TSelf halfZ = K(0.5) * z;
        TSelf w = TSelf.One - halfZ;
        return w + (((TSelf.One - w) - halfZ) + Fma(z * z, c, -(high * low)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TSelf SinOrCos(TSelf x, bool cosine)
    {
        TSelf high = ReduceHalfPi(x, out TSelf quadrant, out TSelf low);

        // cos x = sin(x + π/2): one quadrant further.
        if (cosine)
        {
            quadrant += TSelf.One;
        }

        TSelf result = TSelf.Select(IsOdd(quadrant), CosKernel(high, low), SinKernel(high, low));
        result = TSelf.Select(IsOdd(TSelf.Floor(quadrant * K(0.5))), -result, result);
        if (cosine)
        {
            return BeyondReductionLimit(result, x, Math.Cos);
        }

        result = BeyondReductionLimit(result, x, Math.Sin);

        // The reduction turns -0 into +0.
        return TSelf.Select(TSelf.Equal(x, TSelf.Zero), x, result);
    }

    /// <summary><paramref name="result"/> with the finite lanes beyond <see cref="TrigLimit"/> recomputed by <paramref name="scalar"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TSelf BeyondReductionLimit(TSelf result, TSelf x, Func<double, double> scalar)
    {
        TSelf magnitude = TSelf.Abs(x);
        TSelf beyond = TSelf.And(TSelf.GreaterThan(magnitude, TrigLimit), TSelf.LessThan(magnitude, Infinity));
        return TSelf.AnyTrue(beyond) ? PerLane(result, x, beyond, scalar) : result;
    }

    /// <summary>The lanes of <paramref name="mask"/> computed one by one by <paramref name="scalar"/> in double, the others from <paramref name="result"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static TSelf PerLane(TSelf result, TSelf x, TSelf mask, Func<double, double> scalar)
    {
        // 64 bytes hold the widest vector; T is float or double, so the reinterpretation is sound.
        Span<T> lanes = MemoryMarshal.Cast<byte, T>(stackalloc byte[64])[..TSelf.Count];
        ref T first = ref MemoryMarshal.GetReference(lanes);
        TSelf.StoreUnsafe(result, ref first, 0);
        for (int i = 0; i < lanes.Length; i++)
        {
            // A set mask lane has all bits set, which reads as a NaN.
            if (T.IsNaN(TSelf.GetElement(mask, i)))
            {
                lanes[i] = T.CreateTruncating(scalar(double.CreateTruncating(TSelf.GetElement(x, i))));
            }
        }

        return TSelf.LoadUnsafe(in first, 0);
    }
}
