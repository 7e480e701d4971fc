using System.ComponentModel;
using System.Numerics;
using System.Runtime.Intrinsics;

namespace LossGen.Kernels;

/// <summary>
/// The math of one element loss, as LossGen generates it for a <c>[Loss]</c> method: its value, gradient and second
/// derivative for one element and for one vector of elements at each width. The batch API, argument checks, loops and
/// reductions are written once, in <see cref="KernelLoss{T, TKernel}"/>, generic over this struct; the JIT compiles them
/// once per kernel type, with the kernel's methods inlined. Implemented by generated code.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
/// <remarks>
/// The vector methods compute every lane as the scalar ones compute one element, a conditional as a selection of both
/// sides. A vector batch that needs only the loss runs <c>ValueAndGradient</c>, and one that needs only the gradient
/// does too where the processor fuses multiply-adds: inlined into the loop, the half it does not use is dead code the
/// JIT drops. Scalar math calls (<c>Math.Log</c>) and a software fused multiply-add are not dropped, so the scalar code
/// keeps <c>Value</c>, and a gradient alone comes from <c>GradientAndHessian</c> there and on vectors without hardware
/// fusion. The vector types of a type <typeparamref name="T"/> other than float and double are never passed.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IElementKernel<T>
    where T : struct, IFloatingPointIeee754<T>
{
    /// <summary>Whether the loss reads <see cref="Element{TValue}.Target"/>; a penalty has no target.</summary>
    static virtual bool HasTarget => true;

    /// <summary>How many per-element inputs (<c>[PerElement]</c>) the loss reads: <see cref="Element{TValue}.Input0"/> and on, 0 to 3.</summary>
    static virtual int Inputs => 0;

    /// <summary>How many derivatives <c>ValueAndGradient</c> writes: the prediction's, then one per differentiated per-element input.</summary>
    static virtual int Gradients => 1;

    /// <summary>The loss of one element.</summary>
    /// <param name="x">The element.</param>
    /// <returns>ℓ.</returns>
    T Value(in Element<T> x);

    /// <summary>The loss of one element and its derivatives.</summary>
    /// <param name="x">The element.</param>
    /// <param name="gradient">∂ℓ/∂prediction, then ∂ℓ/∂ each differentiated per-element input.</param>
    /// <returns>ℓ.</returns>
    T ValueAndGradient(in Element<T> x, out Gradient<T> gradient);

    /// <summary>The first and second derivatives of one element's loss with respect to its prediction.</summary>
    /// <param name="x">The element.</param>
    /// <param name="secondDerivative">∂²ℓ/∂prediction².</param>
    /// <returns>∂ℓ/∂prediction.</returns>
    T GradientAndHessian(in Element<T> x, out T secondDerivative);

    /// <inheritdoc cref="ValueAndGradient(in Element{T}, out Gradient{T})"/>
    Vector512<T> ValueAndGradient(in Element<Vector512<T>> x, out Gradient<Vector512<T>> gradient);

    /// <inheritdoc cref="GradientAndHessian(in Element{T}, out T)"/>
    Vector512<T> GradientAndHessian(in Element<Vector512<T>> x, out Vector512<T> secondDerivative);

    /// <inheritdoc cref="ValueAndGradient(in Element{T}, out Gradient{T})"/>
    Vector256<T> ValueAndGradient(in Element<Vector256<T>> x, out Gradient<Vector256<T>> gradient);

    /// <inheritdoc cref="GradientAndHessian(in Element{T}, out T)"/>
    Vector256<T> GradientAndHessian(in Element<Vector256<T>> x, out Vector256<T> secondDerivative);

    /// <inheritdoc cref="ValueAndGradient(in Element{T}, out Gradient{T})"/>
    Vector128<T> ValueAndGradient(in Element<Vector128<T>> x, out Gradient<Vector128<T>> gradient);

    /// <inheritdoc cref="GradientAndHessian(in Element{T}, out T)"/>
    Vector128<T> GradientAndHessian(in Element<Vector128<T>> x, out Vector128<T> secondDerivative);
}

/// <summary>The inputs of one element, or of one vector of elements, of an element loss. Not for direct use.</summary>
/// <typeparam name="TValue">The element type, or a vector of it.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public struct Element<TValue>
{
    /// <summary>The prediction.</summary>
    public TValue Prediction;

    /// <summary>The target; unset for a loss without one.</summary>
    public TValue Target;

    /// <summary>The first per-element input, in the order of the method's parameters.</summary>
    public TValue Input0;

    /// <summary>The second per-element input.</summary>
    public TValue Input1;

    /// <summary>The third per-element input.</summary>
    public TValue Input2;
}

/// <summary>The derivatives of one element's loss, or of one vector of them. Not for direct use.</summary>
/// <typeparam name="TValue">The element type, or a vector of it.</typeparam>
/// <param name="prediction">∂ℓ/∂prediction.</param>
/// <param name="input0">∂ℓ/∂ the first differentiated per-element input.</param>
/// <param name="input1">∂ℓ/∂ the second differentiated per-element input.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct Gradient<TValue>(TValue prediction, TValue input0 = default!, TValue input1 = default!)
{
    /// <summary>∂ℓ/∂prediction.</summary>
    public readonly TValue Prediction = prediction;

    /// <summary>∂ℓ/∂ the first differentiated per-element input.</summary>
    public readonly TValue Input0 = input0;

    /// <summary>∂ℓ/∂ the second differentiated per-element input.</summary>
    public readonly TValue Input1 = input1;
}
