using System.Numerics;
using System.Runtime.CompilerServices;

namespace LossGen;

/// <summary>
/// The generic-math forms of <see cref="LossMath"/>'s functions, for losses written over <c>T</c>. Each computes in
/// <see cref="double"/> and rounds once to <c>T</c>; for <see cref="float"/> and <see cref="double"/>
/// the conversions compile away and the result is the non-generic overload's, bit for bit.
/// </summary>
public static partial class LossMath
{
    /// <summary>log(1 + x), accurate also for x near 0.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="x">The argument; the function is defined for x ≥ -1.</param>
    /// <returns>log(1 + x); -∞ at x = -1, NaN for x &lt; -1 or NaN.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Log1p<T>(T x)
        where T : IFloatingPointIeee754<T> => T.CreateTruncating(Log1p(double.CreateTruncating(x)));

    /// <summary>exp(x) - 1, accurate also for x near 0.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="x">The argument.</param>
    /// <returns>exp(x) - 1; -1 for very negative x, +∞ when exp(x) overflows, NaN for NaN.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Expm1<T>(T x)
        where T : IFloatingPointIeee754<T> => T.CreateTruncating(Expm1(double.CreateTruncating(x)));

    /// <summary>σ(x) = 1 / (1 + exp(-x)), without overflow for any x.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="x">The argument.</param>
    /// <returns>σ(x) in [0, 1]; NaN for NaN.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sigmoid<T>(T x)
        where T : IFloatingPointIeee754<T> => T.CreateTruncating(Sigmoid(double.CreateTruncating(x)));

    /// <summary>softplus(x) = log(1 + exp(x)), computed as max(x, 0) + log1p(exp(-|x|)).</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="x">The argument.</param>
    /// <returns>softplus(x), finite for every finite x; NaN for NaN.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Softplus<T>(T x)
        where T : IFloatingPointIeee754<T> => T.CreateTruncating(Softplus(double.CreateTruncating(x)));

    /// <summary>log σ(x) = -softplus(-x) = -log(1 + exp(-x)).</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="x">The argument.</param>
    /// <returns>log σ(x) ≤ 0, finite for every finite x; NaN for NaN.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T LogSigmoid<T>(T x)
        where T : IFloatingPointIeee754<T> => T.CreateTruncating(LogSigmoid(double.CreateTruncating(x)));

    /// <summary>log(cosh x), without overflow for any finite x.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="x">The argument.</param>
    /// <returns>log(cosh x) ≥ 0, finite for every finite x; NaN for NaN.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T LogCosh<T>(T x)
        where T : IFloatingPointIeee754<T> => T.CreateTruncating(LogCosh(double.CreateTruncating(x)));

    /// <summary>x·log(y), with 0·log(y) = 0 for every y but NaN (so 0·log 0 = 0), like PyTorch's <c>xlogy</c>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="x">The factor.</param>
    /// <param name="y">The argument of the logarithm.</param>
    /// <returns>x·log(y); 0 when x = 0 and y is not NaN; NaN when either argument is NaN.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Xlogy<T>(T x, T y)
        where T : IFloatingPointIeee754<T> => T.CreateTruncating(Xlogy(double.CreateTruncating(x), double.CreateTruncating(y)));

    /// <summary>sign(x): −1, 0 or 1 as <paramref name="x"/>; NaN for NaN (where <c>T.Sign</c> returns an int and throws).</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="x">The argument.</param>
    /// <returns>The sign of <paramref name="x"/>, in <typeparamref name="T"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sign<T>(T x)
        where T : IFloatingPointIeee754<T> => x > T.Zero ? T.One : x < T.Zero ? T.NegativeOne : x;
}
