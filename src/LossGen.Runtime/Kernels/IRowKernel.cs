using System;
using System.ComponentModel;
using System.Numerics;

namespace LossGen.Kernels;

/// <summary>
/// The math of one row of a row-wise loss with a class-index target, as LossGen generates it for a <c>[Loss]</c> method
/// taking <c>(ReadOnlySpan&lt;T&gt; logits, int target, …)</c>: the loss of a row, and the loss with its gradient. The batch
/// API, argument checks, ignored rows, reductions and the loop over rows are written once, in
/// <see cref="ClassIndexRowLoss{T, TKernel}"/>, generic over this struct; the JIT compiles them once per kernel type, with
/// the kernel's methods inlined. Implemented by generated code.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
/// <remarks>
/// The loss calls the kernel with a row of at least one value, a target in [0, classes) (never an ignored row) and, with
/// class weights, one finite, non-negative weight per class.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IClassIndexRowKernel<T>
    where T : struct, IFloatingPointIeee754<T>
{
    /// <summary>Whether the loss takes per-class weights (<c>[ClassWeights]</c>) and implements the weighted methods.</summary>
    static virtual bool HasClassWeights => false;

    /// <summary>The loss of one row, without class weights (all 1).</summary>
    /// <param name="logits">The row: one value per class.</param>
    /// <param name="target">The target class.</param>
    /// <returns>ℓ.</returns>
    T Value(ReadOnlySpan<T> logits, int target);

    /// <summary>The loss of one row and its gradient, without class weights (all 1).</summary>
    /// <param name="logits">The row: one value per class.</param>
    /// <param name="target">The target class.</param>
    /// <param name="gradient">Receives <paramref name="scale"/> · ∂ℓ/∂logitsⱼ for each class j; as long as the row.</param>
    /// <param name="scale">What the gradient is multiplied by.</param>
    /// <returns>ℓ.</returns>
    T ValueAndGradient(ReadOnlySpan<T> logits, int target, Span<T> gradient, T scale);

    /// <summary>The loss of one row with per-class weights; only called when <see cref="HasClassWeights"/> is true.</summary>
    /// <param name="logits">The row: one value per class.</param>
    /// <param name="target">The target class.</param>
    /// <param name="classWeights">One weight per class.</param>
    /// <returns>ℓ.</returns>
    /// <exception cref="NotSupportedException">The loss takes no class weights.</exception>
    T Value(ReadOnlySpan<T> logits, int target, ReadOnlySpan<T> classWeights) =>
        throw new NotSupportedException("The loss takes no class weights.");

    /// <summary>The loss of one row with per-class weights and its gradient; only called when <see cref="HasClassWeights"/> is true.</summary>
    /// <param name="logits">The row: one value per class.</param>
    /// <param name="target">The target class.</param>
    /// <param name="classWeights">One weight per class.</param>
    /// <param name="gradient">Receives <paramref name="scale"/> · ∂ℓ/∂logitsⱼ for each class j; as long as the row.</param>
    /// <param name="scale">What the gradient is multiplied by.</param>
    /// <returns>ℓ.</returns>
    /// <exception cref="NotSupportedException">The loss takes no class weights.</exception>
    T ValueAndGradient(ReadOnlySpan<T> logits, int target, ReadOnlySpan<T> classWeights, Span<T> gradient, T scale) =>
        throw new NotSupportedException("The loss takes no class weights.");
}

/// <summary>
/// The math of one row of a row-wise loss whose target is a row too, as LossGen generates it for a <c>[Loss]</c> method
/// taking <c>(ReadOnlySpan&lt;T&gt; logits, ReadOnlySpan&lt;T&gt; target, …)</c>: the loss of a row, and the loss with its
/// gradient. The batch API, argument checks, reductions and the loop over rows are written once, in
/// <see cref="RowTargetLoss{T, TKernel}"/>, generic over this struct. Implemented by generated code.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
/// <remarks>The loss calls the kernel with a row of at least one value and a target row of the same length.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IRowTargetKernel<T>
    where T : struct, IFloatingPointIeee754<T>
{
    /// <summary>The loss of one row.</summary>
    /// <param name="logits">The row: one value per class.</param>
    /// <param name="target">The target row, as long as the row.</param>
    /// <returns>ℓ.</returns>
    T Value(ReadOnlySpan<T> logits, ReadOnlySpan<T> target);

    /// <summary>The loss of one row and its gradient.</summary>
    /// <param name="logits">The row: one value per class.</param>
    /// <param name="target">The target row, as long as the row.</param>
    /// <param name="gradient">Receives <paramref name="scale"/> · ∂ℓ/∂logitsⱼ for each class j; as long as the row.</param>
    /// <param name="scale">What the gradient is multiplied by.</param>
    /// <returns>ℓ.</returns>
    T ValueAndGradient(ReadOnlySpan<T> logits, ReadOnlySpan<T> target, Span<T> gradient, T scale);
}
