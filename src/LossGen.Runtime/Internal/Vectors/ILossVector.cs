using System.ComponentModel;
using System.Numerics;

namespace LossGen.Internal;

/// <summary>
/// A SIMD vector of <typeparamref name="T"/> (float or double) as generated loss kernels see it: arithmetic,
/// comparisons giving lane masks, selection, and the math of the derivative rule table under the same names as
/// <c>T</c>'s and <see cref="LossMath"/>'s (<c>TVector.Exp(x)</c>, <c>TVector.Softplus(x)</c>). A kernel is written
/// once over <typeparamref name="TSelf"/> and runs on <see cref="LossVector128{T}"/>, <see cref="LossVector256{T}"/> or
/// <see cref="LossVector512{T}"/>. Not for direct use.
/// </summary>
/// <remarks>
/// Masks are vectors whose lanes have all bits set (true) or none (false), as the comparisons of
/// <see cref="System.Runtime.Intrinsics.Vector128"/> return. Every function propagates NaN like its scalar
/// counterpart; a lane's result never depends on another lane.
/// </remarks>
/// <typeparam name="TSelf">The vector type.</typeparam>
/// <typeparam name="T">The element type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public partial interface ILossVector<TSelf, T>
    where TSelf : struct, ILossVector<TSelf, T>
    where T : struct, IFloatingPointIeee754<T>
{
    /// <summary>The number of lanes.</summary>
    static abstract int Count { get; }

    /// <summary>Whether this width is hardware accelerated here and <typeparamref name="T"/> is float or double.</summary>
    static abstract bool IsSupported { get; }

    /// <summary>All lanes 0.</summary>
    static abstract TSelf Zero { get; }

    /// <summary>All lanes 1.</summary>
    static abstract TSelf One { get; }

    /// <summary>Lane i holds i.</summary>
    static abstract TSelf Indices { get; }

    /// <summary>All lanes <paramref name="value"/>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The vector.</returns>
    static abstract TSelf Create(T value);

    /// <summary>Loads <see cref="Count"/> elements from <paramref name="source"/> + <paramref name="offset"/>.</summary>
    /// <param name="source">The first element of the memory.</param>
    /// <param name="offset">The index of the first lane's element.</param>
    /// <returns>The vector.</returns>
    static abstract TSelf LoadUnsafe(ref readonly T source, nuint offset);

    /// <summary>Stores <paramref name="value"/> at <paramref name="destination"/> + <paramref name="offset"/>.</summary>
    /// <param name="value">The vector.</param>
    /// <param name="destination">The first element of the memory.</param>
    /// <param name="offset">The index of the first lane's element.</param>
    static abstract void StoreUnsafe(TSelf value, ref T destination, nuint offset);

    /// <summary>Lane <paramref name="index"/> of <paramref name="value"/>.</summary>
    /// <param name="value">The vector.</param>
    /// <param name="index">The lane.</param>
    /// <returns>The element.</returns>
    static abstract T GetElement(TSelf value, int index);

    /// <summary>Lane-wise sum.</summary>
    /// <param name="left">The left operand.</param>
    /// <param name="right">The right operand.</param>
    /// <returns>The result.</returns>
    static abstract TSelf operator +(TSelf left, TSelf right);

    /// <summary>Lane-wise difference.</summary>
    /// <param name="left">The left operand.</param>
    /// <param name="right">The right operand.</param>
    /// <returns>The result.</returns>
    static abstract TSelf operator -(TSelf left, TSelf right);

    /// <summary>Lane-wise product.</summary>
    /// <param name="left">The left operand.</param>
    /// <param name="right">The right operand.</param>
    /// <returns>The result.</returns>
    static abstract TSelf operator *(TSelf left, TSelf right);

    /// <summary>Lane-wise quotient.</summary>
    /// <param name="left">The left operand.</param>
    /// <param name="right">The right operand.</param>
    /// <returns>The result.</returns>
    static abstract TSelf operator /(TSelf left, TSelf right);

    /// <summary>Lane-wise negation.</summary>
    /// <param name="value">The operand.</param>
    /// <returns>The result.</returns>
    static abstract TSelf operator -(TSelf value);

    /// <summary>a·b + c rounded once.</summary>
    /// <param name="a">The first factor.</param>
    /// <param name="b">The second factor.</param>
    /// <param name="c">The addend.</param>
    /// <returns>The result.</returns>
    static abstract TSelf FusedMultiplyAdd(TSelf a, TSelf b, TSelf c);

    /// <summary>Mask of a = b.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <returns>The mask.</returns>
    static abstract TSelf Equal(TSelf a, TSelf b);

    /// <summary>Mask of a ≠ b (true where either is NaN).</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <returns>The mask.</returns>
    static abstract TSelf NotEqual(TSelf a, TSelf b);

    /// <summary>Mask of a &lt; b.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <returns>The mask.</returns>
    static abstract TSelf LessThan(TSelf a, TSelf b);

    /// <summary>Mask of a ≤ b.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <returns>The mask.</returns>
    static abstract TSelf LessThanOrEqual(TSelf a, TSelf b);

    /// <summary>Mask of a &gt; b.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <returns>The mask.</returns>
    static abstract TSelf GreaterThan(TSelf a, TSelf b);

    /// <summary>Mask of a ≥ b.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <returns>The mask.</returns>
    static abstract TSelf GreaterThanOrEqual(TSelf a, TSelf b);

    /// <summary>Mask of NaN lanes.</summary>
    /// <param name="x">The operand.</param>
    /// <returns>The mask.</returns>
    static abstract TSelf IsNaN(TSelf x);

    /// <summary>Both masks.</summary>
    /// <param name="a">A mask.</param>
    /// <param name="b">A mask.</param>
    /// <returns>The mask.</returns>
    static abstract TSelf And(TSelf a, TSelf b);

    /// <summary>Either mask.</summary>
    /// <param name="a">A mask.</param>
    /// <param name="b">A mask.</param>
    /// <returns>The mask.</returns>
    static abstract TSelf Or(TSelf a, TSelf b);

    /// <summary>The complement of a mask.</summary>
    /// <param name="a">A mask.</param>
    /// <returns>The mask.</returns>
    static abstract TSelf Not(TSelf a);

    /// <summary>Lane-wise <paramref name="mask"/> ? <paramref name="whenTrue"/> : <paramref name="whenFalse"/>.</summary>
    /// <param name="mask">A mask.</param>
    /// <param name="whenTrue">The lanes where the mask is set.</param>
    /// <param name="whenFalse">The lanes where it is not.</param>
    /// <returns>The selection.</returns>
    static abstract TSelf Select(TSelf mask, TSelf whenTrue, TSelf whenFalse);

    /// <summary>|x|.</summary>
    /// <param name="x">The operand.</param>
    /// <returns>The result.</returns>
    static abstract TSelf Abs(TSelf x);

    /// <summary>The larger of a and b as <see cref="System.Math.Max(double, double)"/>: NaN if either is NaN, +0 over -0.</summary>
    /// <param name="a">An operand.</param>
    /// <param name="b">An operand.</param>
    /// <returns>The result.</returns>
    static abstract TSelf Max(TSelf a, TSelf b);

    /// <summary>The smaller of a and b as <see cref="System.Math.Min(double, double)"/>: NaN if either is NaN, -0 under +0.</summary>
    /// <param name="a">An operand.</param>
    /// <param name="b">An operand.</param>
    /// <returns>The result.</returns>
    static abstract TSelf Min(TSelf a, TSelf b);

    /// <summary>√x, correctly rounded.</summary>
    /// <param name="x">The operand.</param>
    /// <returns>The result.</returns>
    static abstract TSelf Sqrt(TSelf x);

    /// <summary>x rounded to the nearest integer, ties to even.</summary>
    /// <param name="x">The operand.</param>
    /// <returns>The result.</returns>
    static abstract TSelf Round(TSelf x);

    /// <summary>x·2ⁿ for integral n within the exponent range, exact where the result is normal.</summary>
    /// <param name="x">The operand.</param>
    /// <param name="n">The integral power of two.</param>
    /// <returns>The result.</returns>
    static abstract TSelf ScaleB(TSelf x, TSelf n);

    /// <summary>x rounded toward -∞.</summary>
    /// <param name="x">The operand.</param>
    /// <returns>The result.</returns>
    static abstract TSelf Floor(TSelf x);

    /// <summary>|<paramref name="value"/>| with the sign bit of <paramref name="sign"/>.</summary>
    /// <param name="value">The magnitude.</param>
    /// <param name="sign">The lanes whose sign bit is taken.</param>
    /// <returns>The result.</returns>
    static abstract TSelf CopySign(TSelf value, TSelf sign);

    /// <summary>Mask of the lanes whose sign bit is set: negative numbers, -0, -∞ and NaNs with the sign bit.</summary>
    /// <param name="x">The operand.</param>
    /// <returns>The mask.</returns>
    static abstract TSelf IsNegative(TSelf x);

    /// <summary>Whether any lane of <paramref name="mask"/> is set.</summary>
    /// <param name="mask">A mask.</param>
    /// <returns><see langword="true"/> if a lane is set.</returns>
    static abstract bool AnyTrue(TSelf mask);

    /// <summary>
    /// The exponent ⌊log₂|x|⌋ of finite nonzero x as an integral <typeparamref name="T"/>, subnormals included;
    /// unspecified for 0, ±∞ and NaN.
    /// </summary>
    /// <param name="x">The operand.</param>
    /// <returns>The exponent.</returns>
    static abstract TSelf ILogB(TSelf x);

    /// <summary>
    /// The significand |x|·2^-<see cref="ILogB(TSelf)"/>, in [1, 2), of finite nonzero x, subnormals included;
    /// unspecified for 0, ±∞ and NaN.
    /// </summary>
    /// <param name="x">The operand.</param>
    /// <returns>The significand.</returns>
    static abstract TSelf Significand(TSelf x);
}
