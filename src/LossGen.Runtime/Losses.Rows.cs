using System;
using System.Numerics;

namespace LossGen;

// The row-wise losses: each sample is a row of logits (or log-probabilities) over the classes, its target a class index
// or a row. Their nested {Name}Loss<T> types take a batch of rows × classes values in one span.
public static partial class Losses
{
    /// <summary>
    /// Softmax cross-entropy with a class-index target, PyTorch's <c>cross_entropy</c>: −log softmax(x)[y], with per-class
    /// weights w and label smoothing ε as PyTorch applies them,
    /// (1 − ε)·w[y]·(lse − x[y]) + ε/C·Σⱼ wⱼ·(lse − xⱼ), where lse = log Σⱼ exp xⱼ is computed with the maximum subtracted.
    /// The smoothing term is summed relative to the target's logit, (lse − x[y])·Σⱼ wⱼ − Σⱼ wⱼ·(xⱼ − x[y]): both parts are
    /// of the size of the logits' spread, not of the logits, so large close logits lose nothing (lse·Σw − Σw·x would
    /// lose every digit), at the cost of one pass less than summing against the maximum.
    /// Its gradient is softmax minus the smoothed one-hot target: finite for every finite logit.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="logits">The logits x of one sample, one per class.</param>
    /// <param name="target">The target class y.</param>
    /// <param name="weight">The per-class weights w: the generated type's <c>ClassWeights</c>, all 1 by default.</param>
    /// <param name="labelSmoothing">The label smoothing ε, in [0, 1]; 0 by default.</param>
    /// <returns>The loss of one row.</returns>
    [Loss]
    public static partial T SoftmaxCrossEntropy<T>(ReadOnlySpan<T> logits, int target, [ClassWeights] ReadOnlySpan<T> weight, [Range(0, 1), Default(0.0)] T labelSmoothing)
        where T : IFloatingPointIeee754<T>
    {
        var logSumExp = LossMath.LogSumExp(logits);
        var logitAtTarget = logits[target];
        var hard = (T.One - labelSmoothing) * weight[target] * (logSumExp - logitAtTarget);

        // Without smoothing the smoothing term is left out, not multiplied by 0: for finite logits spread wider than the
        // type's range it overflows and 0 · ∞ would make the loss NaN where it is finite.
        return labelSmoothing > T.Zero
            ? hard + labelSmoothing / T.CreateChecked(logits.Length) * ((logSumExp - logitAtTarget) * LossMath.Sum(weight) - LossMath.Sum(weight, logits, (w, x) => w * (x - logitAtTarget)))
            : hard;
    }

    /// <summary>
    /// Softmax cross-entropy with a probability row as target, PyTorch's <c>cross_entropy</c> with soft targets:
    /// −Σⱼ tⱼ·log softmax(x)ⱼ = lse·Σⱼ tⱼ − Σⱼ tⱼ·xⱼ, lse computed with the maximum subtracted.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="logits">The logits x of one sample, one per class.</param>
    /// <param name="target">The target probabilities t, one per class.</param>
    /// <returns>The loss of one row.</returns>
    [Loss]
    public static partial T SoftTargetCrossEntropy<T>(ReadOnlySpan<T> logits, ReadOnlySpan<T> target)
        where T : IFloatingPointIeee754<T> => LossMath.LogSumExp(logits) * LossMath.Sum(target) - LossMath.Dot(target, logits);

    /// <summary>
    /// Kullback–Leibler divergence Σⱼ tⱼ·(log tⱼ − xⱼ) of a target distribution t from log-probabilities x, PyTorch's
    /// <c>kl_div</c>; 0·log 0 = 0, so a target of 0 adds nothing. The mean of a batch divides by the rows: PyTorch's
    /// <c>batchmean</c>, the divergence's true mean.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="input">The log-probabilities x of one sample, one per class.</param>
    /// <param name="target">The target probabilities t, one per class.</param>
    /// <returns>The loss of one row.</returns>
    [Loss]
    public static partial T KLDivergence<T>(ReadOnlySpan<T> input, ReadOnlySpan<T> target)
        where T : IFloatingPointIeee754<T> => LossMath.Sum(input, target, static (x, t) => LossMath.Xlogy(t, t) - t * x);

    /// <summary>
    /// Multi-class hinge loss, PyTorch's <c>multi_margin_loss</c> (p = 1, margin 1): Σ_{j ≠ y} max(0, 1 − x[y] + xⱼ) / C.
    /// The sum over every j includes max(0, 1) = 1 at j = y, which is taken off.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="logits">The scores x of one sample, one per class.</param>
    /// <param name="target">The target class y.</param>
    /// <returns>The loss of one row.</returns>
    [Loss]
    public static partial T MultiClassHinge<T>(ReadOnlySpan<T> logits, int target)
        where T : IFloatingPointIeee754<T>
    {
        var margin = T.One - logits[target];
        return (LossMath.Sum(logits, x => T.Max(T.Zero, margin + x)) - T.One) / T.CreateChecked(logits.Length);
    }

    /// <summary>
    /// Categorical focal loss −α·(1 − p_y)^γ·log p_y with p = softmax(x), the multi-class focal loss of Lin et al.:
    /// log p_y = x[y] − lse and 1 − p_y = −expm1(log p_y), so neither cancels when p_y is near 1. Finite, with a finite
    /// gradient, for every finite logit and every γ ≥ 0.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="logits">The logits x of one sample, one per class.</param>
    /// <param name="target">The target class y.</param>
    /// <param name="alpha">The weight α, 0.25 by default.</param>
    /// <param name="gamma">The focusing exponent γ, 0 or more (γ = 0 is α times the cross-entropy); 2 by default.</param>
    /// <returns>The loss of one row.</returns>
    [Loss]
    public static partial T CategoricalFocal<T>(
        ReadOnlySpan<T> logits, int target,
        [Range(0, double.PositiveInfinity), Default(0.25)] T alpha,
        [Range(0, double.PositiveInfinity), Default(2.0)] T gamma)
        where T : IFloatingPointIeee754<T>
    {
        var logProbability = logits[target] - LossMath.LogSumExp(logits);

        // Where p_y rounds to 1 (log p_y = 0) the loss is 0 and so is its gradient, softmax being the one-hot target;
        // the derivative of (1 - p_y)^γ there would be ∞ · 0 for γ < 1.
        return logProbability < T.Zero ? -alpha * T.Pow(-LossMath.Expm1(logProbability), gamma) * logProbability : T.Zero;
    }
}
