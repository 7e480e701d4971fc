using System;
using System.Numerics;
using LossGen.Kernels;

namespace LossGen;

/// <summary>
/// A loss ℓ(prediction, target) of one element with its batch methods over spans: the base of every type LossGen
/// generates for a <see cref="LossAttribute"/> method of shape (prediction, target). The generated type holds the
/// loss's constructor, hyperparameters, formulas and kernel; everything here is the same for every loss.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
/// <typeparam name="TKernel">The loss's generated kernel, with its hyperparameters.</typeparam>
/// <param name="kernel">The kernel.</param>
/// <param name="formula">The loss of one element, in readable math.</param>
/// <param name="derivativeFormula">∂ℓ/∂prediction, in readable math.</param>
/// <param name="secondDerivativeFormula">∂²ℓ/∂prediction², in readable math.</param>
/// <param name="labels">The targets the loss expects.</param>
public abstract class ElementLoss<T, TKernel>(TKernel kernel, string formula, string derivativeFormula, string secondDerivativeFormula, LossLabels labels)
    : KernelLoss<T, TKernel>(kernel), ITwiceDifferentiableLoss<T>
    where T : struct, IFloatingPointIeee754<T>
    where TKernel : struct, IElementKernel<T>
{
    string ILoss<T>.Formula => formula;

    string ILoss<T>.DerivativeFormula => derivativeFormula;

    LossLabels ILoss<T>.Labels => labels;

    string ITwiceDifferentiableLoss<T>.SecondDerivativeFormula => secondDerivativeFormula;

    /// <summary>ℓ(prediction, target) of one element.</summary>
    /// <param name="prediction">The prediction.</param>
    /// <param name="target">The target.</param>
    /// <returns>The loss.</returns>
    public T Value(T prediction, T target) => ValueOf(new Element<T> { Prediction = prediction, Target = target });

    /// <summary>∂ℓ/∂prediction of one element.</summary>
    /// <param name="prediction">The prediction.</param>
    /// <param name="target">The target.</param>
    /// <returns>The derivative with respect to the prediction.</returns>
    public T Derivative(T prediction, T target) => GradientOf(new Element<T> { Prediction = prediction, Target = target }).Prediction;

    /// <summary>∂²ℓ/∂prediction² of one element.</summary>
    /// <param name="prediction">The prediction.</param>
    /// <param name="target">The target.</param>
    /// <returns>The second derivative with respect to the prediction.</returns>
    public T SecondDerivative(T prediction, T target) => SecondDerivativeOf(new Element<T> { Prediction = prediction, Target = target });

    /// <summary>Writes ℓᵢ for every element.</summary>
    /// <param name="prediction">The predictions.</param>
    /// <param name="target">The targets, one per prediction.</param>
    /// <param name="destination">Receives one loss per element; may be the memory of an input.</param>
    /// <exception cref="ArgumentException">The spans differ in length, an output is too short, or an output partly overlaps an input.</exception>
    public void Values(ReadOnlySpan<T> prediction, ReadOnlySpan<T> target, Span<T> destination) =>
        RunValues(new(prediction.Length) { In0 = prediction, In1 = target, Out0 = destination }, weighted: false, default);

    /// <summary>The reduced loss of a batch.</summary>
    /// <param name="prediction">The predictions.</param>
    /// <param name="target">The targets, one per prediction.</param>
    /// <param name="reduction">How the per-element losses are combined.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public T Value(ReadOnlySpan<T> prediction, ReadOnlySpan<T> target, Reduction reduction = Reduction.Mean) =>
        RunValue(new(prediction.Length) { In0 = prediction, In1 = target }, weighted: false, reduction, default);

    /// <summary>Writes the gradient of the reduced loss with respect to each prediction.</summary>
    /// <param name="prediction">The predictions.</param>
    /// <param name="target">The targets, one per prediction.</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂prediction per element; may be the memory of an input.</param>
    /// <param name="reduction">How the per-element losses are combined.</param>
    /// <exception cref="ArgumentException">The spans differ in length, an output is too short, or an output partly overlaps an input.</exception>
    public void Gradient(ReadOnlySpan<T> prediction, ReadOnlySpan<T> target, Span<T> gradient, Reduction reduction = Reduction.Mean) =>
        RunGradient(new(prediction.Length) { In0 = prediction, In1 = target, Out0 = gradient }, weighted: false, value: false, reduction, default);

    /// <summary>The reduced loss and its gradient, in one pass.</summary>
    /// <param name="prediction">The predictions.</param>
    /// <param name="target">The targets, one per prediction.</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂prediction per element; may be the memory of an input.</param>
    /// <param name="reduction">How the per-element losses are combined.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">The spans differ in length, an output is too short, or an output partly overlaps an input.</exception>
    public T ValueAndGradient(ReadOnlySpan<T> prediction, ReadOnlySpan<T> target, Span<T> gradient, Reduction reduction = Reduction.Mean) =>
        RunGradient(new(prediction.Length) { In0 = prediction, In1 = target, Out0 = gradient }, weighted: false, value: true, reduction, default);

    /// <summary>
    /// Writes the gradient of the reduced loss and the diagonal of its Hessian with respect to each prediction, in one
    /// pass: element i's loss depends on prediction i alone, so the Hessian is diagonal.
    /// </summary>
    /// <param name="prediction">The predictions.</param>
    /// <param name="target">The targets, one per prediction.</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂prediction per element; may be the memory of an input.</param>
    /// <param name="hessian">Receives ∂²(reduced loss)/∂prediction² per element; may be the memory of an input, not of <paramref name="gradient"/>.</param>
    /// <param name="reduction">How the per-element losses are combined.</param>
    /// <exception cref="ArgumentException">The spans differ in length, an output is too short, or an output partly overlaps an input.</exception>
    public void GradientAndHessian(ReadOnlySpan<T> prediction, ReadOnlySpan<T> target, Span<T> gradient, Span<T> hessian, Reduction reduction = Reduction.Mean) =>
        RunGradientAndHessian(new(prediction.Length) { In0 = prediction, In1 = target, Out0 = gradient, Out3 = hessian }, weighted: false, reduction, default);

    /// <summary>Writes wᵢℓᵢ for every element.</summary>
    /// <param name="prediction">The predictions.</param>
    /// <param name="target">The targets, one per prediction.</param>
    /// <param name="weight">The weights, one per prediction.</param>
    /// <param name="destination">Receives one loss per element; may be the memory of an input.</param>
    /// <exception cref="ArgumentException">The spans differ in length, an output is too short, or an output partly overlaps an input.</exception>
    public void Values(ReadOnlySpan<T> prediction, ReadOnlySpan<T> target, ReadOnlySpan<T> weight, Span<T> destination) =>
        RunValues(new(prediction.Length) { In0 = prediction, In1 = target, In2 = weight, Out0 = destination }, weighted: true, default);

    /// <summary>The reduced weighted loss of a batch.</summary>
    /// <param name="prediction">The predictions.</param>
    /// <param name="target">The targets, one per prediction.</param>
    /// <param name="weight">The weights, one per prediction.</param>
    /// <param name="reduction">How the weighted per-element losses are combined.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public T Value(ReadOnlySpan<T> prediction, ReadOnlySpan<T> target, ReadOnlySpan<T> weight, Reduction reduction = Reduction.Mean) =>
        RunValue(new(prediction.Length) { In0 = prediction, In1 = target, In2 = weight }, weighted: true, reduction, default);

    /// <summary>Writes the gradient of the reduced weighted loss with respect to each prediction.</summary>
    /// <param name="prediction">The predictions.</param>
    /// <param name="target">The targets, one per prediction.</param>
    /// <param name="weight">The weights, one per prediction.</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂prediction per element; may be the memory of an input.</param>
    /// <param name="reduction">How the weighted per-element losses are combined.</param>
    /// <exception cref="ArgumentException">The spans differ in length, an output is too short, or an output partly overlaps an input.</exception>
    public void Gradient(ReadOnlySpan<T> prediction, ReadOnlySpan<T> target, ReadOnlySpan<T> weight, Span<T> gradient, Reduction reduction = Reduction.Mean) =>
        RunGradient(new(prediction.Length) { In0 = prediction, In1 = target, In2 = weight, Out0 = gradient }, weighted: true, value: false, reduction, default);

    /// <summary>The reduced weighted loss and its gradient, in one pass.</summary>
    /// <param name="prediction">The predictions.</param>
    /// <param name="target">The targets, one per prediction.</param>
    /// <param name="weight">The weights, one per prediction.</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂prediction per element; may be the memory of an input.</param>
    /// <param name="reduction">How the weighted per-element losses are combined.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">The spans differ in length, an output is too short, or an output partly overlaps an input.</exception>
    public T ValueAndGradient(ReadOnlySpan<T> prediction, ReadOnlySpan<T> target, ReadOnlySpan<T> weight, Span<T> gradient, Reduction reduction = Reduction.Mean) =>
        RunGradient(new(prediction.Length) { In0 = prediction, In1 = target, In2 = weight, Out0 = gradient }, weighted: true, value: true, reduction, default);

    /// <summary>The weighted counterpart of <see cref="GradientAndHessian(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, Span{T}, Reduction)"/>.</summary>
    /// <param name="prediction">The predictions.</param>
    /// <param name="target">The targets, one per prediction.</param>
    /// <param name="weight">The weights, one per prediction.</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂prediction per element; may be the memory of an input.</param>
    /// <param name="hessian">Receives ∂²(reduced loss)/∂prediction² per element; may be the memory of an input, not of <paramref name="gradient"/>.</param>
    /// <param name="reduction">How the weighted per-element losses are combined.</param>
    /// <exception cref="ArgumentException">The spans differ in length, an output is too short, or an output partly overlaps an input.</exception>
    public void GradientAndHessian(ReadOnlySpan<T> prediction, ReadOnlySpan<T> target, ReadOnlySpan<T> weight, Span<T> gradient, Span<T> hessian, Reduction reduction = Reduction.Mean) =>
        RunGradientAndHessian(new(prediction.Length) { In0 = prediction, In1 = target, In2 = weight, Out0 = gradient, Out3 = hessian }, weighted: true, reduction, default);
}
