using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using LossGen.Internal;
using LossGen.Kernels;

namespace LossGen;

/// <summary>
/// A row-wise loss whose target is a row too, over batches of rows, as LossGen generates it: the public API, the argument
/// checks, reductions and the loop over rows, written once for every such loss and specialized by the JIT for each
/// generated kernel. A generated <c>{Name}Loss</c> type derives from it with its constructor, hyperparameters, formula and
/// <typeparamref name="TKernel"/>.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
/// <typeparam name="TKernel">The loss's generated kernel: the math of one row.</typeparam>
/// <remarks>
/// A batch is <c>rows × classes</c> values in one span, row-major: row n is logits[n·classes .. (n + 1)·classes); each
/// row's target is the row of <c>target</c> of the same shape. Instances are immutable and thread-safe. Every argument
/// check runs before anything is written, so a call that throws leaves its outputs as they were.
/// </remarks>
public abstract class RowTargetLoss<T, TKernel> : IRowTargetLoss<T>, IRowBatch<T, T>
    where T : struct, IFloatingPointIeee754<T>
    where TKernel : struct, IRowTargetKernel<T>
{
    private readonly TKernel _kernel;
    private readonly string _formula;
    private readonly int _maxDegreeOfParallelism = 1;

    /// <summary>Creates the loss from its kernel.</summary>
    /// <param name="kernel">The kernel, with the hyperparameters.</param>
    /// <param name="formula">The loss of one row, in readable math.</param>
    protected RowTargetLoss(TKernel kernel, string formula)
    {
        _kernel = kernel;
        _formula = formula;
    }

    string IRowTargetLoss<T>.Formula => _formula;

    /// <summary>
    /// How many threads one batch call may use: 1 (the default) runs on the caller's thread, -1 on as many as there are
    /// processors. Rows run in chunks whose bounds depend on the batch's shape alone, so the result is bit for bit the
    /// same whatever the degree.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is 0 or less than -1.</exception>
    public int MaxDegreeOfParallelism
    {
        get => _maxDegreeOfParallelism;
        init => _maxDegreeOfParallelism = LossGuard.DegreeOfParallelism(value, nameof(MaxDegreeOfParallelism));
    }

    /// <summary>The loss of one row.</summary>
    /// <param name="logits">The row: one value per class.</param>
    /// <param name="target">The target row, as long as <paramref name="logits"/>.</param>
    /// <returns>ℓ.</returns>
    /// <exception cref="ArgumentException">The row is empty, the spans differ in length, or an output is too short or overlaps an input.</exception>
    public T Value(ReadOnlySpan<T> logits, ReadOnlySpan<T> target)
    {
        RowGuard.Row(logits, nameof(logits));
        RowGuard.SameLength(logits, target, nameof(target));
        return _kernel.Value(logits, target);
    }

    /// <summary>Writes the gradient of the loss of one row with respect to its logits.</summary>
    /// <param name="logits">The row: one value per class.</param>
    /// <param name="target">The target row, as long as <paramref name="logits"/>.</param>
    /// <param name="gradient">Receives ∂ℓ/∂logitsⱼ for each class j; as long as the row at least, not overlapping the inputs.</param>
    /// <exception cref="ArgumentException">The row is empty, the spans differ in length, or an output is too short or overlaps an input.</exception>
    public void Gradient(ReadOnlySpan<T> logits, ReadOnlySpan<T> target, Span<T> gradient)
    {
        RowGuard.Row(logits, nameof(logits));
        RowGuard.SameLength(logits, target, nameof(target));
        RowGuard.Output(gradient, logits.Length, nameof(gradient), logits, target);
        _ = _kernel.ValueAndGradient(logits, target, gradient.Slice(0, logits.Length), T.One);
    }

    /// <summary>Writes ℓₙ for every row.</summary>
    /// <param name="logits">The rows, rows × classes values, row-major.</param>
    /// <param name="target">The target rows, shaped as <paramref name="logits"/>.</param>
    /// <param name="classes">The number of classes, the length of a row.</param>
    /// <param name="destination">Receives one loss per row; not overlapping the inputs.</param>
    /// <exception cref="ArgumentException">The length is not a multiple of <paramref name="classes"/>, the spans do not match the rows, or an output is too short or overlaps an input.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classes"/> is not positive.</exception>
    public void Values(ReadOnlySpan<T> logits, ReadOnlySpan<T> target, int classes, Span<T> destination)
    {
        var rows = Check(logits, target, default, classes, weighted: false);
        RowGuard.Output(destination, rows, nameof(destination), logits, target);
        Run<BatchModes.Values>(logits, target, default, classes, destination, T.One);
    }

    /// <summary>The reduced loss of a batch of rows.</summary>
    /// <param name="logits">The rows, rows × classes values, row-major.</param>
    /// <param name="target">The target rows, shaped as <paramref name="logits"/>.</param>
    /// <param name="classes">The number of classes, the length of a row.</param>
    /// <param name="reduction">How the row losses are combined: Mean divides by the number of rows.</param>
    /// <returns>The reduced loss; NaN for a mean over no rows.</returns>
    /// <exception cref="ArgumentException">The length is not a multiple of <paramref name="classes"/>, the spans do not match the rows, or an output is too short or overlaps an input.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classes"/> is not positive.</exception>
    public T Value(ReadOnlySpan<T> logits, ReadOnlySpan<T> target, int classes, Reduction reduction = Reduction.Mean)
    {
        var rows = Check(logits, target, default, classes, weighted: false);
        var denominator = LossGuard.Denominator(reduction, rows);
        var sum = Run<BatchModes.Value>(logits, target, default, classes, default, LossGuard.GradientScale<T>(denominator));
        return T.CreateTruncating(sum.Value / denominator);
    }

    /// <summary>Writes the gradient of the reduced loss with respect to every logit of the batch.</summary>
    /// <param name="logits">The rows, rows × classes values, row-major.</param>
    /// <param name="target">The target rows, shaped as <paramref name="logits"/>.</param>
    /// <param name="classes">The number of classes, the length of a row.</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂logits, rows × classes; not overlapping the inputs.</param>
    /// <param name="reduction">How the row losses are combined: Mean divides by the number of rows.</param>
    /// <exception cref="ArgumentException">The length is not a multiple of <paramref name="classes"/>, the spans do not match the rows, or an output is too short or overlaps an input.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classes"/> is not positive.</exception>
    public void Gradient(ReadOnlySpan<T> logits, ReadOnlySpan<T> target, int classes, Span<T> gradient, Reduction reduction = Reduction.Mean)
    {
        var rows = Check(logits, target, default, classes, weighted: false);
        RowGuard.Output(gradient, logits.Length, nameof(gradient), logits, target);
        var denominator = LossGuard.Denominator(reduction, rows);
        Run<BatchModes.Gradient>(logits, target, default, classes, gradient, LossGuard.GradientScale<T>(denominator));
    }

    /// <summary>The reduced loss of a batch of rows and its gradient, in one pass over each row.</summary>
    /// <param name="logits">The rows, rows × classes values, row-major.</param>
    /// <param name="target">The target rows, shaped as <paramref name="logits"/>.</param>
    /// <param name="classes">The number of classes, the length of a row.</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂logits, rows × classes; not overlapping the inputs.</param>
    /// <param name="reduction">How the row losses are combined: Mean divides by the number of rows.</param>
    /// <returns>The reduced loss; NaN for a mean over no rows.</returns>
    /// <exception cref="ArgumentException">The length is not a multiple of <paramref name="classes"/>, the spans do not match the rows, or an output is too short or overlaps an input.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classes"/> is not positive.</exception>
    public T ValueAndGradient(ReadOnlySpan<T> logits, ReadOnlySpan<T> target, int classes, Span<T> gradient, Reduction reduction = Reduction.Mean)
    {
        var rows = Check(logits, target, default, classes, weighted: false);
        RowGuard.Output(gradient, logits.Length, nameof(gradient), logits, target);
        var denominator = LossGuard.Denominator(reduction, rows);
        var sum = Run<BatchModes.ValueAndGradient>(logits, target, default, classes, gradient, LossGuard.GradientScale<T>(denominator));
        return T.CreateTruncating(sum.Value / denominator);
    }

    /// <summary>Writes wₙℓₙ for every row.</summary>
    /// <param name="logits">The rows, rows × classes values, row-major.</param>
    /// <param name="target">The target rows, shaped as <paramref name="logits"/>.</param>
    /// <param name="weight">The weight of each row.</param>
    /// <param name="classes">The number of classes, the length of a row.</param>
    /// <param name="destination">Receives one loss per row; not overlapping the inputs.</param>
    /// <exception cref="ArgumentException">The length is not a multiple of <paramref name="classes"/>, the spans do not match the rows, or an output is too short or overlaps an input.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classes"/> is not positive.</exception>
    public void Values(ReadOnlySpan<T> logits, ReadOnlySpan<T> target, ReadOnlySpan<T> weight, int classes, Span<T> destination)
    {
        var rows = Check(logits, target, weight, classes, weighted: true);
        RowGuard.Output(destination, rows, nameof(destination), logits, target, weight);
        Run<BatchModes.WeightedValues>(logits, target, weight, classes, destination, T.One);
    }

    /// <summary>The reduced loss of a batch of rows.</summary>
    /// <param name="logits">The rows, rows × classes values, row-major.</param>
    /// <param name="target">The target rows, shaped as <paramref name="logits"/>.</param>
    /// <param name="weight">The weight of each row.</param>
    /// <param name="classes">The number of classes, the length of a row.</param>
    /// <param name="reduction">How the weighted row losses are combined: Mean divides by the number of rows, WeightedMean by Σ weight.</param>
    /// <returns>The reduced loss; NaN for a mean over no rows.</returns>
    /// <exception cref="ArgumentException">The length is not a multiple of <paramref name="classes"/>, the spans do not match the rows, or an output is too short or overlaps an input.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classes"/> is not positive.</exception>
    public T Value(ReadOnlySpan<T> logits, ReadOnlySpan<T> target, ReadOnlySpan<T> weight, int classes, Reduction reduction = Reduction.Mean)
    {
        var rows = Check(logits, target, weight, classes, weighted: true);
        var denominator = LossGuard.Denominator(reduction, rows, weight);
        var sum = Run<BatchModes.WeightedValue>(logits, target, weight, classes, default, LossGuard.GradientScale<T>(denominator));
        return T.CreateTruncating(sum.Value / denominator);
    }

    /// <summary>Writes the gradient of the reduced loss with respect to every logit of the batch.</summary>
    /// <param name="logits">The rows, rows × classes values, row-major.</param>
    /// <param name="target">The target rows, shaped as <paramref name="logits"/>.</param>
    /// <param name="weight">The weight of each row.</param>
    /// <param name="classes">The number of classes, the length of a row.</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂logits, rows × classes; not overlapping the inputs.</param>
    /// <param name="reduction">How the weighted row losses are combined: Mean divides by the number of rows, WeightedMean by Σ weight.</param>
    /// <exception cref="ArgumentException">The length is not a multiple of <paramref name="classes"/>, the spans do not match the rows, or an output is too short or overlaps an input.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classes"/> is not positive.</exception>
    public void Gradient(ReadOnlySpan<T> logits, ReadOnlySpan<T> target, ReadOnlySpan<T> weight, int classes, Span<T> gradient, Reduction reduction = Reduction.Mean)
    {
        var rows = Check(logits, target, weight, classes, weighted: true);
        RowGuard.Output(gradient, logits.Length, nameof(gradient), logits, target, weight);
        var denominator = LossGuard.Denominator(reduction, rows, weight);
        Run<BatchModes.WeightedGradient>(logits, target, weight, classes, gradient, LossGuard.GradientScale<T>(denominator));
    }

    /// <summary>The reduced loss of a batch of rows and its gradient, in one pass over each row.</summary>
    /// <param name="logits">The rows, rows × classes values, row-major.</param>
    /// <param name="target">The target rows, shaped as <paramref name="logits"/>.</param>
    /// <param name="weight">The weight of each row.</param>
    /// <param name="classes">The number of classes, the length of a row.</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂logits, rows × classes; not overlapping the inputs.</param>
    /// <param name="reduction">How the weighted row losses are combined: Mean divides by the number of rows, WeightedMean by Σ weight.</param>
    /// <returns>The reduced loss; NaN for a mean over no rows.</returns>
    /// <exception cref="ArgumentException">The length is not a multiple of <paramref name="classes"/>, the spans do not match the rows, or an output is too short or overlaps an input.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classes"/> is not positive.</exception>
    public T ValueAndGradient(ReadOnlySpan<T> logits, ReadOnlySpan<T> target, ReadOnlySpan<T> weight, int classes, Span<T> gradient, Reduction reduction = Reduction.Mean)
    {
        var rows = Check(logits, target, weight, classes, weighted: true);
        RowGuard.Output(gradient, logits.Length, nameof(gradient), logits, target, weight);
        var denominator = LossGuard.Denominator(reduction, rows, weight);
        var sum = Run<BatchModes.WeightedValueAndGradient>(logits, target, weight, classes, gradient, LossGuard.GradientScale<T>(denominator));
        return T.CreateTruncating(sum.Value / denominator);
    }

    /// <summary>The checks of the inputs of a batch call; returns the number of rows.</summary>
    private static int Check(ReadOnlySpan<T> logits, ReadOnlySpan<T> target, ReadOnlySpan<T> weight, int classes, bool weighted)
    {
        var rows = RowGuard.Rows(logits, classes, nameof(logits));
        RowGuard.SameLength(logits, target, nameof(target));
        if (weighted)
        {
            RowGuard.Weights(weight, rows, nameof(weight));
        }

        return rows;
    }

    /// <summary>Runs one batch call over every row, in chunks; gradients are multiplied by <paramref name="scale"/>, 1 / the reduction's denominator.</summary>
    private CompensatedSum Run<TMode>(ReadOnlySpan<T> logits, ReadOnlySpan<T> target, ReadOnlySpan<T> weight, int classes, Span<T> output, T scale)
        where TMode : struct, IBatchMode
        => RowRunner.Run<T, T, RowTargetLoss<T, TKernel>, TMode>(this, logits, target, weight, classes, output, scale, MaxDegreeOfParallelism);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    CompensatedSum IRowBatch<T, T>.RunRows<TMode>(ReadOnlySpan<T> logits, ReadOnlySpan<T> target, ReadOnlySpan<T> weight, int classes, Span<T> output, T scale)
    {
        var sum = new CompensatedSum();
        for (var n = 0; n < logits.Length / classes; n++)
        {
            var row = logits.Slice(n * classes, classes);
            var y = target.Slice(n * classes, classes);
            var loss = TMode.WritesGradient
                ? _kernel.ValueAndGradient(row, y, output.Slice(n * classes, classes), TMode.Weighted ? weight[n] * scale : scale)
                : _kernel.Value(row, y);
            if (TMode.Weighted)
            {
                loss *= weight[n];
            }

            if (TMode.WritesValues)
            {
                output[n] = loss;
            }

            if (TMode.Reduces)
            {
                sum.Add(double.CreateTruncating(loss));
            }
        }

        return sum;
    }
}
