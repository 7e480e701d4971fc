using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using LossGen.Internal;
using LossGen.Kernels;

namespace LossGen;

/// <summary>
/// A row-wise loss with a class-index target over batches of rows, as LossGen generates it: the public API, the argument
/// checks, ignored rows, class weights, reductions and the loop over rows, written once for every such loss and
/// specialized by the JIT for each generated kernel. A generated <c>{Name}Loss</c> type derives from it with its
/// constructor, hyperparameters, formula and <typeparamref name="TKernel"/>.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
/// <typeparam name="TKernel">The loss's generated kernel: the math of one row.</typeparam>
/// <remarks>
/// A batch is <c>rows × classes</c> values in one span, row-major: row n is logits[n·classes .. (n + 1)·classes). Each
/// row's target is a class index; rows whose target is <see cref="IgnoreIndex"/> add 0 and are left out of the mean.
/// Instances are immutable and thread-safe. Every argument check runs before anything is written, so a call that throws
/// leaves its outputs as they were.
/// </remarks>
public abstract class ClassIndexRowLoss<T, TKernel> : IClassIndexLoss<T>, IRowBatch<T, int>
    where T : struct, IFloatingPointIeee754<T>
    where TKernel : struct, IClassIndexRowKernel<T>
{
    private readonly TKernel _kernel;
    private readonly string _formula;
    private readonly int _maxDegreeOfParallelism = 1;
    private readonly T[]? _classWeights;

    /// <summary>Creates the loss from its kernel.</summary>
    /// <param name="kernel">The kernel, with the hyperparameters.</param>
    /// <param name="formula">The loss of one row, in readable math.</param>
    protected ClassIndexRowLoss(TKernel kernel, string formula)
    {
        _kernel = kernel;
        _formula = formula;
    }

    /// <summary>
    /// The target that marks a row to ignore (padding in a sequence batch): its loss and gradient are 0 and it is left
    /// out of the mean's denominator. -100 by default, as PyTorch's <c>ignore_index</c>.
    /// </summary>
    public int IgnoreIndex { get; init; } = -100;

    string IClassIndexLoss<T>.Formula => _formula;

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

    /// <summary>
    /// The per-class weights behind a generated loss's <c>ClassWeights</c> property: one per class, finite and not negative,
    /// copied; empty means all 1.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A weight is negative, infinite or NaN.</exception>
    protected ReadOnlyMemory<T> ClassWeightValues
    {
        get => _classWeights;
        init => _classWeights = RowGuard.ClassWeights(value, "ClassWeights");
    }

    /// <summary>The loss of one row.</summary>
    /// <param name="logits">The row: one value per class.</param>
    /// <param name="target">The target class, in [0, classes), or <see cref="IgnoreIndex"/>.</param>
    /// <returns>ℓ; 0 for an ignored row.</returns>
    /// <exception cref="ArgumentException">The row is empty, the spans differ in length, or an output is too short or overlaps an input.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The target is neither a class nor <see cref="IgnoreIndex"/>.</exception>
    public T Value(ReadOnlySpan<T> logits, int target)
    {
        RowGuard.Row(logits, nameof(logits));
        RowGuard.ClassCount(_classWeights, logits.Length);
        if (RowGuard.IsIgnored(target, logits.Length, IgnoreIndex, nameof(target)))
        {
            return T.Zero;
        }

        return RowValue(logits, target);
    }

    /// <summary>Writes the gradient of the loss of one row with respect to its logits.</summary>
    /// <param name="logits">The row: one value per class.</param>
    /// <param name="target">The target class, in [0, classes), or <see cref="IgnoreIndex"/>.</param>
    /// <param name="gradient">Receives ∂ℓ/∂logitsⱼ for each class j (0 for an ignored row); as long as the row at least, not overlapping the inputs.</param>
    /// <exception cref="ArgumentException">The row is empty, the spans differ in length, or an output is too short or overlaps an input.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The target is neither a class nor <see cref="IgnoreIndex"/>.</exception>
    public void Gradient(ReadOnlySpan<T> logits, int target, Span<T> gradient)
    {
        RowGuard.Row(logits, nameof(logits));
        RowGuard.ClassCount(_classWeights, logits.Length);
        RowGuard.Output(gradient, logits.Length, nameof(gradient), logits);
        if (RowGuard.IsIgnored(target, logits.Length, IgnoreIndex, nameof(target)))
        {
            gradient.Slice(0, logits.Length).Clear();
            return;
        }

        _ = RowValueAndGradient(logits, target, gradient.Slice(0, logits.Length), T.One);
    }

    /// <summary>Writes ℓₙ for every row.</summary>
    /// <param name="logits">The rows, rows × classes values, row-major.</param>
    /// <param name="target">The target class of each row, in [0, classes), or <see cref="IgnoreIndex"/>.</param>
    /// <param name="classes">The number of classes, the length of a row.</param>
    /// <param name="destination">Receives one loss per row (0 for an ignored row); not overlapping the inputs.</param>
    /// <exception cref="ArgumentException">The length is not a multiple of <paramref name="classes"/>, the spans do not match the rows, or an output is too short or overlaps an input.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classes"/> is not positive, or a target is neither a class nor <see cref="IgnoreIndex"/>.</exception>
    public void Values(ReadOnlySpan<T> logits, ReadOnlySpan<int> target, int classes, Span<T> destination)
    {
        var rows = Check(logits, target, default, classes, weighted: false);
        RowGuard.Output(destination, rows, nameof(destination), logits);
        Run<BatchModes.Values>(logits, target, default, classes, destination, T.One);
    }

    /// <summary>The reduced loss of a batch of rows.</summary>
    /// <param name="logits">The rows, rows × classes values, row-major.</param>
    /// <param name="target">The target class of each row, in [0, classes), or <see cref="IgnoreIndex"/>.</param>
    /// <param name="classes">The number of classes, the length of a row.</param>
    /// <param name="reduction">How the row losses are combined: Mean divides by the rows not ignored (Σₙ w[yₙ] with class weights).</param>
    /// <returns>The reduced loss; NaN for a mean over no rows.</returns>
    /// <exception cref="ArgumentException">The length is not a multiple of <paramref name="classes"/>, the spans do not match the rows, or an output is too short or overlaps an input.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classes"/> is not positive, or a target is neither a class nor <see cref="IgnoreIndex"/>.</exception>
    public T Value(ReadOnlySpan<T> logits, ReadOnlySpan<int> target, int classes, Reduction reduction = Reduction.Mean)
    {
        Check(logits, target, default, classes, weighted: false);
        var denominator = RowGuard.Denominator<T>(reduction, target, IgnoreIndex, _classWeights);
        var sum = Run<BatchModes.Value>(logits, target, default, classes, default, LossGuard.GradientScale<T>(denominator));
        return T.CreateTruncating(sum.Value / denominator);
    }

    /// <summary>Writes the gradient of the reduced loss with respect to every logit of the batch.</summary>
    /// <param name="logits">The rows, rows × classes values, row-major.</param>
    /// <param name="target">The target class of each row, in [0, classes), or <see cref="IgnoreIndex"/>.</param>
    /// <param name="classes">The number of classes, the length of a row.</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂logits, rows × classes (0 in an ignored row); not overlapping the inputs.</param>
    /// <param name="reduction">How the row losses are combined: Mean divides by the rows not ignored (Σₙ w[yₙ] with class weights).</param>
    /// <exception cref="ArgumentException">The length is not a multiple of <paramref name="classes"/>, the spans do not match the rows, or an output is too short or overlaps an input.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classes"/> is not positive, or a target is neither a class nor <see cref="IgnoreIndex"/>.</exception>
    public void Gradient(ReadOnlySpan<T> logits, ReadOnlySpan<int> target, int classes, Span<T> gradient, Reduction reduction = Reduction.Mean)
    {
        Check(logits, target, default, classes, weighted: false);
        RowGuard.Output(gradient, logits.Length, nameof(gradient), logits);
        var denominator = RowGuard.Denominator<T>(reduction, target, IgnoreIndex, _classWeights);
        Run<BatchModes.Gradient>(logits, target, default, classes, gradient, LossGuard.GradientScale<T>(denominator));
    }

    /// <summary>The reduced loss of a batch of rows and its gradient, in one pass over each row.</summary>
    /// <param name="logits">The rows, rows × classes values, row-major.</param>
    /// <param name="target">The target class of each row, in [0, classes), or <see cref="IgnoreIndex"/>.</param>
    /// <param name="classes">The number of classes, the length of a row.</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂logits, rows × classes (0 in an ignored row); not overlapping the inputs.</param>
    /// <param name="reduction">How the row losses are combined: Mean divides by the rows not ignored (Σₙ w[yₙ] with class weights).</param>
    /// <returns>The reduced loss; NaN for a mean over no rows.</returns>
    /// <exception cref="ArgumentException">The length is not a multiple of <paramref name="classes"/>, the spans do not match the rows, or an output is too short or overlaps an input.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classes"/> is not positive, or a target is neither a class nor <see cref="IgnoreIndex"/>.</exception>
    public T ValueAndGradient(ReadOnlySpan<T> logits, ReadOnlySpan<int> target, int classes, Span<T> gradient, Reduction reduction = Reduction.Mean)
    {
        Check(logits, target, default, classes, weighted: false);
        RowGuard.Output(gradient, logits.Length, nameof(gradient), logits);
        var denominator = RowGuard.Denominator<T>(reduction, target, IgnoreIndex, _classWeights);
        var sum = Run<BatchModes.ValueAndGradient>(logits, target, default, classes, gradient, LossGuard.GradientScale<T>(denominator));
        return T.CreateTruncating(sum.Value / denominator);
    }

    /// <summary>Writes wₙℓₙ for every row.</summary>
    /// <param name="logits">The rows, rows × classes values, row-major.</param>
    /// <param name="target">The target class of each row, in [0, classes), or <see cref="IgnoreIndex"/>.</param>
    /// <param name="weight">The weight of each row.</param>
    /// <param name="classes">The number of classes, the length of a row.</param>
    /// <param name="destination">Receives one loss per row (0 for an ignored row); not overlapping the inputs.</param>
    /// <exception cref="ArgumentException">The length is not a multiple of <paramref name="classes"/>, the spans do not match the rows, or an output is too short or overlaps an input.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classes"/> is not positive, or a target is neither a class nor <see cref="IgnoreIndex"/>.</exception>
    public void Values(ReadOnlySpan<T> logits, ReadOnlySpan<int> target, ReadOnlySpan<T> weight, int classes, Span<T> destination)
    {
        var rows = Check(logits, target, weight, classes, weighted: true);
        RowGuard.Output(destination, rows, nameof(destination), logits, weight);
        Run<BatchModes.WeightedValues>(logits, target, weight, classes, destination, T.One);
    }

    /// <summary>The reduced loss of a batch of rows.</summary>
    /// <param name="logits">The rows, rows × classes values, row-major.</param>
    /// <param name="target">The target class of each row, in [0, classes), or <see cref="IgnoreIndex"/>.</param>
    /// <param name="weight">The weight of each row.</param>
    /// <param name="classes">The number of classes, the length of a row.</param>
    /// <param name="reduction">How the weighted row losses are combined: Mean divides by the rows not ignored (Σₙ w[yₙ] with class weights), WeightedMean by their Σ weight (· w[yₙ]).</param>
    /// <returns>The reduced loss; NaN for a mean over no rows.</returns>
    /// <exception cref="ArgumentException">The length is not a multiple of <paramref name="classes"/>, the spans do not match the rows, or an output is too short or overlaps an input.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classes"/> is not positive, or a target is neither a class nor <see cref="IgnoreIndex"/>.</exception>
    public T Value(ReadOnlySpan<T> logits, ReadOnlySpan<int> target, ReadOnlySpan<T> weight, int classes, Reduction reduction = Reduction.Mean)
    {
        Check(logits, target, weight, classes, weighted: true);
        var denominator = RowGuard.Denominator(reduction, target, IgnoreIndex, _classWeights, weight);
        var sum = Run<BatchModes.WeightedValue>(logits, target, weight, classes, default, LossGuard.GradientScale<T>(denominator));
        return T.CreateTruncating(sum.Value / denominator);
    }

    /// <summary>Writes the gradient of the reduced loss with respect to every logit of the batch.</summary>
    /// <param name="logits">The rows, rows × classes values, row-major.</param>
    /// <param name="target">The target class of each row, in [0, classes), or <see cref="IgnoreIndex"/>.</param>
    /// <param name="weight">The weight of each row.</param>
    /// <param name="classes">The number of classes, the length of a row.</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂logits, rows × classes (0 in an ignored row); not overlapping the inputs.</param>
    /// <param name="reduction">How the weighted row losses are combined: Mean divides by the rows not ignored (Σₙ w[yₙ] with class weights), WeightedMean by their Σ weight (· w[yₙ]).</param>
    /// <exception cref="ArgumentException">The length is not a multiple of <paramref name="classes"/>, the spans do not match the rows, or an output is too short or overlaps an input.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classes"/> is not positive, or a target is neither a class nor <see cref="IgnoreIndex"/>.</exception>
    public void Gradient(ReadOnlySpan<T> logits, ReadOnlySpan<int> target, ReadOnlySpan<T> weight, int classes, Span<T> gradient, Reduction reduction = Reduction.Mean)
    {
        Check(logits, target, weight, classes, weighted: true);
        RowGuard.Output(gradient, logits.Length, nameof(gradient), logits, weight);
        var denominator = RowGuard.Denominator(reduction, target, IgnoreIndex, _classWeights, weight);
        Run<BatchModes.WeightedGradient>(logits, target, weight, classes, gradient, LossGuard.GradientScale<T>(denominator));
    }

    /// <summary>The reduced loss of a batch of rows and its gradient, in one pass over each row.</summary>
    /// <param name="logits">The rows, rows × classes values, row-major.</param>
    /// <param name="target">The target class of each row, in [0, classes), or <see cref="IgnoreIndex"/>.</param>
    /// <param name="weight">The weight of each row.</param>
    /// <param name="classes">The number of classes, the length of a row.</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂logits, rows × classes (0 in an ignored row); not overlapping the inputs.</param>
    /// <param name="reduction">How the weighted row losses are combined: Mean divides by the rows not ignored (Σₙ w[yₙ] with class weights), WeightedMean by their Σ weight (· w[yₙ]).</param>
    /// <returns>The reduced loss; NaN for a mean over no rows.</returns>
    /// <exception cref="ArgumentException">The length is not a multiple of <paramref name="classes"/>, the spans do not match the rows, or an output is too short or overlaps an input.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classes"/> is not positive, or a target is neither a class nor <see cref="IgnoreIndex"/>.</exception>
    public T ValueAndGradient(ReadOnlySpan<T> logits, ReadOnlySpan<int> target, ReadOnlySpan<T> weight, int classes, Span<T> gradient, Reduction reduction = Reduction.Mean)
    {
        Check(logits, target, weight, classes, weighted: true);
        RowGuard.Output(gradient, logits.Length, nameof(gradient), logits, weight);
        var denominator = RowGuard.Denominator(reduction, target, IgnoreIndex, _classWeights, weight);
        var sum = Run<BatchModes.WeightedValueAndGradient>(logits, target, weight, classes, gradient, LossGuard.GradientScale<T>(denominator));
        return T.CreateTruncating(sum.Value / denominator);
    }

    /// <summary>The checks of the inputs of a batch call; returns the number of rows.</summary>
    private int Check(ReadOnlySpan<T> logits, ReadOnlySpan<int> target, ReadOnlySpan<T> weight, int classes, bool weighted)
    {
        var rows = RowGuard.Rows(logits, classes, nameof(logits));
        RowGuard.Targets(target, rows, classes, IgnoreIndex, nameof(target));
        if (weighted)
        {
            RowGuard.Weights(weight, rows, nameof(weight));
        }

        RowGuard.ClassCount(_classWeights, classes);
        return rows;
    }

    /// <summary>Runs one batch call over every row, in chunks; gradients are multiplied by <paramref name="scale"/>, 1 / the reduction's denominator.</summary>
    private CompensatedSum Run<TMode>(ReadOnlySpan<T> logits, ReadOnlySpan<int> target, ReadOnlySpan<T> weight, int classes, Span<T> output, T scale)
        where TMode : struct, IBatchMode
        => RowRunner.Run<T, int, ClassIndexRowLoss<T, TKernel>, TMode>(this, logits, target, weight, classes, output, scale, MaxDegreeOfParallelism);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    CompensatedSum IRowBatch<T, int>.RunRows<TMode>(ReadOnlySpan<T> logits, ReadOnlySpan<int> target, ReadOnlySpan<T> weight, int classes, Span<T> output, T scale)
    {
        var sum = new CompensatedSum();
        for (var n = 0; n < logits.Length / classes; n++)
        {
            var row = logits.Slice(n * classes, classes);
            var y = target[n];
            var gradientRow = TMode.WritesGradient ? output.Slice(n * classes, classes) : default;
            if (y == IgnoreIndex)
            {
                if (TMode.WritesGradient)
                {
                    gradientRow.Clear();
                }

                if (TMode.WritesValues)
                {
                    output[n] = T.Zero;
                }

                continue;
            }

            var loss = TMode.WritesGradient
                ? RowValueAndGradient(row, y, gradientRow, TMode.Weighted ? weight[n] * scale : scale)
                : RowValue(row, y);
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

    /// <summary>The kernel's loss of one row, with the class weights when they are set.</summary>
    private T RowValue(ReadOnlySpan<T> row, int target) =>
        TKernel.HasClassWeights && _classWeights is not null ? _kernel.Value(row, target, _classWeights) : _kernel.Value(row, target);

    /// <summary>The kernel's loss and gradient of one row, with the class weights when they are set.</summary>
    private T RowValueAndGradient(ReadOnlySpan<T> row, int target, Span<T> gradient, T scale) =>
        TKernel.HasClassWeights && _classWeights is not null
            ? _kernel.ValueAndGradient(row, target, _classWeights, gradient, scale)
            : _kernel.ValueAndGradient(row, target, gradient, scale);
}
