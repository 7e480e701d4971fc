using System;
using System.Runtime.CompilerServices;

namespace LossGen;

/// <summary>
/// Numerically stable scalar functions used by generated losses. Every function propagates NaN,
/// and the <see cref="float"/> overloads compute in <see cref="double"/> and round once, which keeps
/// them within about half a float ulp.
/// </summary>
public static partial class LossMath
{
    // ln 2 split fdlibm-style: Ln2Hi has only 32 significant bits, so |x| - Ln2Hi is exact for 1 ≤ |x| < 2²¹
    // and LogCosh rounds only once where a double ln 2 would make it round twice.
    private const double Ln2Hi = 6.93147180369123816490e-01;
    private const double Ln2Lo = 1.90821492927058770002e-10;

    // Below this |x|, exp(x) - 1 cancels more than a bit, so Expm1 sums its Taylor series instead.
    private const double Expm1SeriesLimit = 0.5;

    // Below this |x|, |x| - ln 2 + log1p(exp(-2|x|)) cancels, so LogCosh uses log1p(cosh x - 1) instead.
    private const double LogCoshSmallLimit = 1.0;

    /// <summary>log(1 + x), accurate also for x near 0 where 1 + x would round away the digits of x.</summary>
    /// <param name="x">The argument; the function is defined for x ≥ -1.</param>
    /// <returns>log(1 + x); -∞ at x = -1, NaN for x &lt; -1 or NaN.</returns>
    public static double Log1p(double x)
    {
        if (!(x > -1))
        {
            return x == -1 ? double.NegativeInfinity : double.NaN;
        }

        if (double.IsPositiveInfinity(x))
        {
            return x;
        }

        double u = 1 + x;
        if (u == 1)
        {
            // |x| ≤ 2⁻⁵³, where log(1 + x) = x - x²/2 + … rounds to x; returning x also keeps the sign of -0.
            return x;
        }

        // u = 1 + x + d with d the rounding error, so log(1 + x) = log(u) - d/u + O(d²); (u - 1) - x recovers d,
        // exactly for |x| < 1 where the correction matters.
        return Math.Log(u) - ((u - 1) - x) / u;
    }

    /// <summary>log(1 + x), accurate also for x near 0.</summary>
    /// <param name="x">The argument; the function is defined for x ≥ -1.</param>
    /// <returns>log(1 + x); -∞ at x = -1, NaN for x &lt; -1 or NaN.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Log1p(float x) => (float)Log1p((double)x);

    /// <summary>exp(x) - 1, accurate also for x near 0 where exp(x) - 1 would cancel.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>exp(x) - 1; -1 for very negative x, +∞ when exp(x) overflows, NaN for NaN.</returns>
    public static double Expm1(double x)
    {
        if (Math.Abs(x) < Expm1SeriesLimit)
        {
            if (x == 0)
            {
                // The series below would turn -0 into +0.
                return x;
            }

            // Taylor series x + x²/2! + … + x¹⁶/16!; for |x| < 0.5 the omitted tail is below 2⁻⁶⁰ relative.
            double p = 1.0 / 2 + x * (1.0 / 6 + x * (1.0 / 24 + x * (1.0 / 120 + x * (1.0 / 720 + x * (1.0 / 5040
                + x * (1.0 / 40320 + x * (1.0 / 362880 + x * (1.0 / 3628800 + x * (1.0 / 39916800
                + x * (1.0 / 479001600 + x * (1.0 / 6227020800 + x * (1.0 / 87178291200
                + x * (1.0 / 1307674368000 + x * (1.0 / 20922789888000))))))))))))));
            return x + x * x * p;
        }

        // For |x| ≥ 0.5, exp(x) - 1 is at least 0.39 in magnitude, so the subtraction costs about one ulp at most.
        return Math.Exp(x) - 1;
    }

    /// <summary>exp(x) - 1, accurate also for x near 0.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>exp(x) - 1; -1 for very negative x, +∞ when exp(x) overflows, NaN for NaN.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Expm1(float x) => (float)Expm1((double)x);

    /// <summary>σ(x) = 1 / (1 + exp(-x)), without overflow for any x.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>σ(x) in [0, 1]; NaN for NaN.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sigmoid(double x)
    {
        if (x >= 0)
        {
            return 1 / (1 + Math.Exp(-x));
        }

        // exp(x)/(1 + exp(x)) keeps full relative precision for very negative x, where 1 - σ(-x) would be 0.
        double e = Math.Exp(x);
        return e / (1 + e);
    }

    /// <summary>σ(x) = 1 / (1 + exp(-x)), without overflow for any x.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>σ(x) in [0, 1]; NaN for NaN.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sigmoid(float x) => (float)Sigmoid((double)x);

    /// <summary>softplus(x) = log(1 + exp(x)), computed as max(x, 0) + log1p(exp(-|x|)).</summary>
    /// <param name="x">The argument.</param>
    /// <returns>softplus(x), finite for every finite x: x for large x, ≈ exp(x) for very negative x; NaN for NaN.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Softplus(double x) => Math.Max(x, 0) + Log1p(Math.Exp(-Math.Abs(x)));

    /// <summary>softplus(x) = log(1 + exp(x)), computed as max(x, 0) + log1p(exp(-|x|)).</summary>
    /// <param name="x">The argument.</param>
    /// <returns>softplus(x), finite for every finite x; NaN for NaN.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Softplus(float x) => (float)Softplus((double)x);

    /// <summary>log σ(x) = -softplus(-x) = -log(1 + exp(-x)).</summary>
    /// <param name="x">The argument.</param>
    /// <returns>log σ(x) ≤ 0, finite for every finite x: x for very negative x; NaN for NaN.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double LogSigmoid(double x) => -Softplus(-x);

    /// <summary>log σ(x) = -softplus(-x) = -log(1 + exp(-x)).</summary>
    /// <param name="x">The argument.</param>
    /// <returns>log σ(x) ≤ 0, finite for every finite x; NaN for NaN.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float LogSigmoid(float x) => (float)LogSigmoid((double)x);

    /// <summary>
    /// log(cosh x), computed as log1p(cosh x - 1) with cosh x - 1 from its series for |x| &lt; 1, and as |x| - ln 2 + log1p(exp(-2|x|)) otherwise,
    /// so that cosh x itself, which overflows near |x| = 710, is never formed.
    /// </summary>
    /// <param name="x">The argument.</param>
    /// <returns>log(cosh x) ≥ 0, finite for every finite x: ≈ x²/2 near 0, ≈ |x| - ln 2 for large |x|; NaN for NaN.</returns>
    public static double LogCosh(double x)
    {
        double a = Math.Abs(x);
        if (a < LogCoshSmallLimit)
        {
            // cosh a - 1 = a²/2! + a⁴/4! + … has only positive terms, so it is summed without cancellation; the
            // omitted tail is below 2⁻⁶⁰ relative for a < 1. The fused multiply-add recovers the rounding error
            // of a², which would otherwise dominate since a²/2 is most of the sum.
            double a2 = a * a;
            double a2Error = Math.FusedMultiplyAdd(a, a, -a2);
            double q = 1.0 / 24 + a2 * (1.0 / 720 + a2 * (1.0 / 40320 + a2 * (1.0 / 3628800 + a2 * (1.0 / 479001600
                + a2 * (1.0 / 87178291200 + a2 * (1.0 / 20922789888000 + a2 * (1.0 / 6402373705728000
                + a2 * (1.0 / 2432902008176640000))))))));
            return Log1p(0.5 * a2 + (0.5 * a2Error + a2 * a2 * q));
        }

        return (a - Ln2Hi) + (Log1p(Math.Exp(-2 * a)) - Ln2Lo);
    }

    /// <summary>log(cosh x), without overflow for any finite x.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>log(cosh x) ≥ 0, finite for every finite x; NaN for NaN.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float LogCosh(float x) => (float)LogCosh((double)x);

    /// <summary>x·log(y), with 0·log(y) = 0 for every y but NaN (so 0·log 0 = 0), like PyTorch's <c>xlogy</c>.</summary>
    /// <param name="x">The factor.</param>
    /// <param name="y">The argument of the logarithm.</param>
    /// <returns>x·log(y); 0 when x = 0 and y is not NaN; NaN when either argument is NaN.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Xlogy(double x, double y)
    {
        if (double.IsNaN(y))
        {
            return y;
        }

        return x == 0 ? 0 : x * Math.Log(y);
    }

    /// <summary>x·log(y), with 0·log(y) = 0 for every y but NaN (so 0·log 0 = 0), like PyTorch's <c>xlogy</c>.</summary>
    /// <param name="x">The factor.</param>
    /// <param name="y">The argument of the logarithm.</param>
    /// <returns>x·log(y); 0 when x = 0 and y is not NaN; NaN when either argument is NaN.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Xlogy(float x, float y) => (float)Xlogy((double)x, (double)y);

    /// <summary>sign(x): −1, 0 or 1 as <paramref name="x"/>; NaN for NaN (where <see cref="Math.Sign(double)"/> throws).</summary>
    /// <param name="x">The argument.</param>
    /// <returns>The sign of <paramref name="x"/>, in the type of <paramref name="x"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sign(double x) => x > 0 ? 1 : x < 0 ? -1 : x;

    /// <summary>sign(x): −1, 0 or 1 as <paramref name="x"/>; NaN for NaN (where <see cref="MathF.Sign(float)"/> throws).</summary>
    /// <param name="x">The argument.</param>
    /// <returns>The sign of <paramref name="x"/>, in the type of <paramref name="x"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sign(float x) => x > 0 ? 1 : x < 0 ? -1 : x;
}
