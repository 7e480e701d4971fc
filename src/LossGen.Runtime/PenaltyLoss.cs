using System;
using System.Numerics;
using LossGen.Kernels;

namespace LossGen;

/// <summary>
/// A penalty ℓ(prediction) of one element, without a target, with its batch methods over spans: the base of every type
/// LossGen generates for a <see cref="LossAttribute"/> method of one input. Its reductions default to the sum.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
/// <typeparam name="TKernel">The loss's generated kernel, with its hyperparameters.</typeparam>
/// <param name="kernel">The kernel.</param>
public abstract class PenaltyLoss<T, TKernel>(TKernel kernel)
    : KernelLoss<T, TKernel>(kernel)
    where T : struct, IFloatingPointIeee754<T>
    where TKernel : struct, IElementKernel<T>
{
    /// <summary>ℓ(prediction) of one element.</summary>
    /// <param name="prediction">The prediction.</param>
    /// <returns>The loss.</returns>
    public T Value(T prediction) => ValueOf(new Element<T> { Prediction = prediction });

    /// <summary>∂ℓ/∂prediction of one element.</summary>
    /// <param name="prediction">The prediction.</param>
    /// <returns>The derivative with respect to the prediction.</returns>
    public T Derivative(T prediction) => GradientOf(new Element<T> { Prediction = prediction }).Prediction;

    /// <summary>∂²ℓ/∂prediction² of one element.</summary>
    /// <param name="prediction">The prediction.</param>
    /// <returns>The second derivative with respect to the prediction.</returns>
    public T SecondDerivative(T prediction) => SecondDerivativeOf(new Element<T> { Prediction = prediction });

    /// <summary>Writes ℓᵢ for every element.</summary>
    /// <param name="prediction">The predictions.</param>
    /// <param name="destination">Receives one loss per element; may be the memory of an input.</param>
    /// <exception cref="ArgumentException">The spans differ in length, an output is too short, or an output partly overlaps an input.</exception>
    public void Values(ReadOnlySpan<T> prediction, Span<T> destination) =>
        RunValues(new(prediction.Length) { In0 = prediction, Out0 = destination }, weighted: false, default);

    /// <summary>The reduced loss of a batch.</summary>
    /// <param name="prediction">The predictions.</param>
    /// <param name="reduction">How the per-element losses are combined.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public T Value(ReadOnlySpan<T> prediction, Reduction reduction = Reduction.Sum) =>
        RunValue(new(prediction.Length) { In0 = prediction }, weighted: false, reduction, default);

    /// <summary>Writes the gradient of the reduced loss with respect to each prediction.</summary>
    /// <param name="prediction">The predictions.</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂prediction per element; may be the memory of an input.</param>
    /// <param name="reduction">How the per-element losses are combined.</param>
    /// <exception cref="ArgumentException">The spans differ in length, an output is too short, or an output partly overlaps an input.</exception>
    public void Gradient(ReadOnlySpan<T> prediction, Span<T> gradient, Reduction reduction = Reduction.Sum) =>
        RunGradient(new(prediction.Length) { In0 = prediction, Out0 = gradient }, weighted: false, value: false, reduction, default);

    /// <summary>The reduced loss and its gradient, in one pass.</summary>
    /// <param name="prediction">The predictions.</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂prediction per element; may be the memory of an input.</param>
    /// <param name="reduction">How the per-element losses are combined.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">The spans differ in length, an output is too short, or an output partly overlaps an input.</exception>
    public T ValueAndGradient(ReadOnlySpan<T> prediction, Span<T> gradient, Reduction reduction = Reduction.Sum) =>
        RunGradient(new(prediction.Length) { In0 = prediction, Out0 = gradient }, weighted: false, value: true, reduction, default);

    /// <summary>
    /// Writes the gradient of the reduced loss and the diagonal of its Hessian with respect to each prediction, in one
    /// pass: element i's loss depends on prediction i alone, so the Hessian is diagonal.
    /// </summary>
    /// <param name="prediction">The predictions.</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂prediction per element; may be the memory of an input.</param>
    /// <param name="hessian">Receives ∂²(reduced loss)/∂prediction² per element; may be the memory of an input, not of <paramref name="gradient"/>.</param>
    /// <param name="reduction">How the per-element losses are combined.</param>
    /// <exception cref="ArgumentException">The spans differ in length, an output is too short, or an output partly overlaps an input.</exception>
    public void GradientAndHessian(ReadOnlySpan<T> prediction, Span<T> gradient, Span<T> hessian, Reduction reduction = Reduction.Sum) =>
        RunGradientAndHessian(new(prediction.Length) { In0 = prediction, Out0 = gradient, Out3 = hessian }, weighted: false, reduction, default);

    /// <summary>Writes wᵢℓᵢ for every element.</summary>
    /// <param name="prediction">The predictions.</param>
    /// <param name="weight">The weights, one per prediction.</param>
    /// <param name="destination">Receives one loss per element; may be the memory of an input.</param>
    /// <exception cref="ArgumentException">The spans differ in length, an output is too short, or an output partly overlaps an input.</exception>
    public void Values(ReadOnlySpan<T> prediction, ReadOnlySpan<T> weight, Span<T> destination) =>
        RunValues(new(prediction.Length) { In0 = prediction, In2 = weight, Out0 = destination }, weighted: true, default);

    /// <summary>The reduced weighted loss of a batch.</summary>
    /// <param name="prediction">The predictions.</param>
    /// <param name="weight">The weights, one per prediction.</param>
    /// <param name="reduction">How the weighted per-element losses are combined.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public T Value(ReadOnlySpan<T> prediction, ReadOnlySpan<T> weight, Reduction reduction = Reduction.Sum) =>
        RunValue(new(prediction.Length) { In0 = prediction, In2 = weight }, weighted: true, reduction, default);

    /// <summary>Writes the gradient of the reduced weighted loss with respect to each prediction.</summary>
    /// <param name="prediction">The predictions.</param>
    /// <param name="weight">The weights, one per prediction.</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂prediction per element; may be the memory of an input.</param>
    /// <param name="reduction">How the weighted per-element losses are combined.</param>
    /// <exception cref="ArgumentException">The spans differ in length, an output is too short, or an output partly overlaps an input.</exception>
    public void Gradient(ReadOnlySpan<T> prediction, ReadOnlySpan<T> weight, Span<T> gradient, Reduction reduction = Reduction.Sum) =>
        RunGradient(new(prediction.Length) { In0 = prediction, In2 = weight, Out0 = gradient }, weighted: true, value: false, reduction, default);

    /// <summary>The reduced weighted loss and its gradient, in one pass.</summary>
    /// <param name="prediction">The predictions.</param>
    /// <param name="weight">The weights, one per prediction.</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂prediction per element; may be the memory of an input.</param>
    /// <param name="reduction">How the weighted per-element losses are combined.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">The spans differ in length, an output is too short, or an output partly overlaps an input.</exception>
    public T ValueAndGradient(ReadOnlySpan<T> prediction, ReadOnlySpan<T> weight, Span<T> gradient, Reduction reduction = Reduction.Sum) =>
        RunGradient(new(prediction.Length) { In0 = prediction, In2 = weight, Out0 = gradient }, weighted: true, value: true, reduction, default);

    /// <summary>The weighted counterpart of <see cref="GradientAndHessian(ReadOnlySpan{T}, Span{T}, Span{T}, Reduction)"/>.</summary>
    /// <param name="prediction">The predictions.</param>
    /// <param name="weight">The weights, one per prediction.</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂prediction per element; may be the memory of an input.</param>
    /// <param name="hessian">Receives ∂²(reduced loss)/∂prediction² per element; may be the memory of an input, not of <paramref name="gradient"/>.</param>
    /// <param name="reduction">How the weighted per-element losses are combined.</param>
    /// <exception cref="ArgumentException">The spans differ in length, an output is too short, or an output partly overlaps an input.</exception>
    public void GradientAndHessian(ReadOnlySpan<T> prediction, ReadOnlySpan<T> weight, Span<T> gradient, Span<T> hessian, Reduction reduction = Reduction.Sum) =>
        RunGradientAndHessian(new(prediction.Length) { In0 = prediction, In2 = weight, Out0 = gradient, Out3 = hessian }, weighted: true, reduction, default);
}
