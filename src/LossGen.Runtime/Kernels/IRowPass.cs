using System.ComponentModel;
using System.Numerics;
using System.Runtime.Intrinsics;

namespace LossGen.Kernels;

/// <summary>
/// One reducing pass of a row kernel over its row: the terms one class j adds to the pass's maxima and sums, for one
/// element and for one vector of elements at each width. <see cref="RowPass"/> runs the loop, the width dispatch, the
/// overlapped last vector and the lane reductions once for every pass. Implemented by generated code.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
/// <remarks>
/// The vector methods compute every lane as the scalar one computes one element. A pass fills the first
/// <see cref="Maxima"/> of <see cref="RowTerms{TValue}.Max0"/>, <see cref="RowTerms{TValue}.Max1"/> and the first
/// <see cref="Sums"/> of <see cref="RowTerms{TValue}.Sum0"/> … <see cref="RowTerms{TValue}.Sum3"/>; the rest are ignored.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IRowPass<T>
    where T : struct, IFloatingPointIeee754<T>
{
    /// <summary>
    /// Whether the pass reads the kernel's second row, the target row of a row-target loss or the class weights of a
    /// class-weighted kernel: without it, the <c>y</c> of every call is 0.
    /// </summary>
    static virtual bool ReadsSecondRow => false;

    /// <summary>How many maxima the pass computes, 0 to 2.</summary>
    static virtual int Maxima => 0;

    /// <summary>How many sums the pass computes, 0 to 4.</summary>
    static virtual int Sums => 0;

    /// <summary>
    /// Whether the pass also writes each class's <see cref="RowTerms{TValue}.Sum0"/> term into the row it is given to store
    /// into (the exponentials of a log-sum-exp, which the gradient pass then reads back instead of computing them again).
    /// </summary>
    static virtual bool StoresSum0 => false;

    /// <summary>The terms of one class.</summary>
    /// <param name="x">The prediction's element xⱼ.</param>
    /// <param name="y">The second row's element: the target tⱼ or the class weight wⱼ.</param>
    /// <returns>What it adds to the maxima and the sums.</returns>
    RowTerms<T> Terms(T x, T y);

    /// <inheritdoc cref="Terms(T, T)"/>
    RowTerms<Vector512<T>> Terms(Vector512<T> x, Vector512<T> y);

    /// <inheritdoc cref="Terms(T, T)"/>
    RowTerms<Vector256<T>> Terms(Vector256<T> x, Vector256<T> y);

    /// <inheritdoc cref="Terms(T, T)"/>
    RowTerms<Vector128<T>> Terms(Vector128<T> x, Vector128<T> y);
}

/// <summary>
/// The gradient pass of a row kernel: ∂ℓ/∂xⱼ of one class j, for one element and for one vector of elements at each
/// width, and, for a loss whose reductions read the prediction at the target, the term each class adds to a sum over the
/// row that the kernel adds to the gradient at the target. <see cref="RowPass"/> runs the loop, scales and stores the
/// gradient. Implemented by generated code.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IRowGradientPass<T>
    where T : struct, IFloatingPointIeee754<T>
{
    /// <summary>
    /// Whether the pass reads the kernel's second row, the target row of a row-target loss or the class weights of a
    /// class-weighted kernel: without it, the <c>y</c> of every call is 0.
    /// </summary>
    static virtual bool ReadsSecondRow => false;

    /// <summary>Whether the pass has target terms to sum: whether it implements <see cref="TargetTerm(T, T)"/>.</summary>
    static virtual bool SumsTargetTerm => false;

    /// <summary>The gradient at one class.</summary>
    /// <param name="x">The prediction's element xⱼ.</param>
    /// <param name="y">The second row's element: the target tⱼ or the class weight wⱼ.</param>
    /// <returns>∂ℓ/∂xⱼ, before scaling.</returns>
    T Gradient(T x, T y);

    /// <inheritdoc cref="Gradient(T, T)"/>
    Vector512<T> Gradient(Vector512<T> x, Vector512<T> y);

    /// <inheritdoc cref="Gradient(T, T)"/>
    Vector256<T> Gradient(Vector256<T> x, Vector256<T> y);

    /// <inheritdoc cref="Gradient(T, T)"/>
    Vector128<T> Gradient(Vector128<T> x, Vector128<T> y);

    /// <summary>What one class adds to the sum the kernel adds to the gradient at the target; 0 for a pass without target terms.</summary>
    /// <param name="x">The prediction's element xⱼ.</param>
    /// <param name="y">The second row's element: the target tⱼ or the class weight wⱼ.</param>
    /// <returns>The term, before scaling.</returns>
    T TargetTerm(T x, T y) => T.Zero;

    /// <inheritdoc cref="TargetTerm(T, T)"/>
    Vector512<T> TargetTerm(Vector512<T> x, Vector512<T> y) => Vector512<T>.Zero;

    /// <inheritdoc cref="TargetTerm(T, T)"/>
    Vector256<T> TargetTerm(Vector256<T> x, Vector256<T> y) => Vector256<T>.Zero;

    /// <inheritdoc cref="TargetTerm(T, T)"/>
    Vector128<T> TargetTerm(Vector128<T> x, Vector128<T> y) => Vector128<T>.Zero;
}

/// <summary>
/// What one class adds to a pass's reductions, or, as <see cref="RowPass.Reduce{T, TPass}(TPass, System.ReadOnlySpan{T}, System.ReadOnlySpan{T})"/> returns it, the reductions over the
/// row: up to two maxima and four sums. Not for direct use.
/// </summary>
/// <typeparam name="TValue">The element type, or a vector of it.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public struct RowTerms<TValue>
{
    /// <summary>The first maximum's term.</summary>
    public TValue Max0;

    /// <summary>The second maximum's term.</summary>
    public TValue Max1;

    /// <summary>The first sum's term.</summary>
    public TValue Sum0;

    /// <summary>The second sum's term.</summary>
    public TValue Sum1;

    /// <summary>The third sum's term.</summary>
    public TValue Sum2;

    /// <summary>The fourth sum's term.</summary>
    public TValue Sum3;
}
