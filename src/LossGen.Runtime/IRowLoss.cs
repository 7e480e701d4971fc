using System;

namespace LossGen;

/// <summary>
/// A row-wise loss with a class-index target, as LossGen generates it from a <see cref="LossAttribute"/> method taking
/// <c>(ReadOnlySpan&lt;T&gt; logits, int target)</c>: softmax cross-entropy and its kin. A batch is rows × classes values in
/// one span, row-major, with one target per row.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public interface IClassIndexLoss<T>
{
    /// <summary>The target that marks a row to ignore: its loss and gradient are 0 and it is left out of the mean.</summary>
    int IgnoreIndex { get; }

    /// <summary>The loss of one row, in readable math.</summary>
    string Formula { get; }

    /// <summary>The loss of one row.</summary>
    /// <param name="logits">The row: one value per class.</param>
    /// <param name="target">The target class, or the ignore index.</param>
    /// <returns>ℓ.</returns>
    T Value(ReadOnlySpan<T> logits, int target);

    /// <summary>Writes the gradient of the loss of one row with respect to its values.</summary>
    /// <param name="logits">The row: one value per class.</param>
    /// <param name="target">The target class, or the ignore index.</param>
    /// <param name="gradient">Receives ∂ℓ/∂logitsⱼ for each class j.</param>
    void Gradient(ReadOnlySpan<T> logits, int target, Span<T> gradient);

    /// <summary>Writes the loss of every row of a batch.</summary>
    /// <param name="logits">The rows, rows × classes values, row-major.</param>
    /// <param name="target">The target class of each row, or the ignore index.</param>
    /// <param name="classes">The number of classes, the length of a row.</param>
    /// <param name="destination">Receives one loss per row.</param>
    void Values(ReadOnlySpan<T> logits, ReadOnlySpan<int> target, int classes, Span<T> destination);

    /// <summary>The reduced loss of a batch of rows.</summary>
    /// <param name="logits">The rows, rows × classes values, row-major.</param>
    /// <param name="target">The target class of each row, or the ignore index.</param>
    /// <param name="classes">The number of classes, the length of a row.</param>
    /// <param name="reduction">How the row losses are combined.</param>
    /// <returns>The reduced loss.</returns>
    T Value(ReadOnlySpan<T> logits, ReadOnlySpan<int> target, int classes, Reduction reduction = Reduction.Mean);

    /// <summary>Writes the gradient of the reduced loss with respect to every value of the batch.</summary>
    /// <param name="logits">The rows, rows × classes values, row-major.</param>
    /// <param name="target">The target class of each row, or the ignore index.</param>
    /// <param name="classes">The number of classes, the length of a row.</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂logits, rows × classes.</param>
    /// <param name="reduction">How the row losses are combined.</param>
    void Gradient(ReadOnlySpan<T> logits, ReadOnlySpan<int> target, int classes, Span<T> gradient, Reduction reduction = Reduction.Mean);

    /// <summary>The reduced loss of a batch of rows and its gradient, in one pass over each row.</summary>
    /// <param name="logits">The rows, rows × classes values, row-major.</param>
    /// <param name="target">The target class of each row, or the ignore index.</param>
    /// <param name="classes">The number of classes, the length of a row.</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂logits, rows × classes.</param>
    /// <param name="reduction">How the row losses are combined.</param>
    /// <returns>The reduced loss.</returns>
    T ValueAndGradient(ReadOnlySpan<T> logits, ReadOnlySpan<int> target, int classes, Span<T> gradient, Reduction reduction = Reduction.Mean);

    /// <summary>Writes wₙℓₙ for every row of a batch.</summary>
    /// <param name="logits">The rows, rows × classes values, row-major.</param>
    /// <param name="target">The target class of each row, or the ignore index.</param>
    /// <param name="weight">The weight of each row.</param>
    /// <param name="classes">The number of classes, the length of a row.</param>
    /// <param name="destination">Receives one weighted loss per row.</param>
    void Values(ReadOnlySpan<T> logits, ReadOnlySpan<int> target, ReadOnlySpan<T> weight, int classes, Span<T> destination);

    /// <summary>The reduced weighted loss of a batch of rows.</summary>
    /// <param name="logits">The rows, rows × classes values, row-major.</param>
    /// <param name="target">The target class of each row, or the ignore index.</param>
    /// <param name="weight">The weight of each row.</param>
    /// <param name="classes">The number of classes, the length of a row.</param>
    /// <param name="reduction">How the weighted row losses are combined.</param>
    /// <returns>The reduced loss.</returns>
    T Value(ReadOnlySpan<T> logits, ReadOnlySpan<int> target, ReadOnlySpan<T> weight, int classes, Reduction reduction = Reduction.Mean);

    /// <summary>Writes the gradient of the reduced weighted loss with respect to every value of the batch.</summary>
    /// <param name="logits">The rows, rows × classes values, row-major.</param>
    /// <param name="target">The target class of each row, or the ignore index.</param>
    /// <param name="weight">The weight of each row.</param>
    /// <param name="classes">The number of classes, the length of a row.</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂logits, rows × classes.</param>
    /// <param name="reduction">How the weighted row losses are combined.</param>
    void Gradient(ReadOnlySpan<T> logits, ReadOnlySpan<int> target, ReadOnlySpan<T> weight, int classes, Span<T> gradient, Reduction reduction = Reduction.Mean);

    /// <summary>The reduced weighted loss of a batch of rows and its gradient, in one pass over each row.</summary>
    /// <param name="logits">The rows, rows × classes values, row-major.</param>
    /// <param name="target">The target class of each row, or the ignore index.</param>
    /// <param name="weight">The weight of each row.</param>
    /// <param name="classes">The number of classes, the length of a row.</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂logits, rows × classes.</param>
    /// <param name="reduction">How the weighted row losses are combined.</param>
    /// <returns>The reduced loss.</returns>
    T ValueAndGradient(ReadOnlySpan<T> logits, ReadOnlySpan<int> target, ReadOnlySpan<T> weight, int classes, Span<T> gradient, Reduction reduction = Reduction.Mean);
}

/// <summary>
/// A row-wise loss whose target is a row too, as LossGen generates it from a <see cref="LossAttribute"/> method taking
/// <c>(ReadOnlySpan&lt;T&gt; logits, ReadOnlySpan&lt;T&gt; target)</c>: soft-target cross-entropy, KL divergence. A batch is
/// rows × classes values in one span, row-major, and its targets are shaped the same.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public interface IRowTargetLoss<T>
{
    /// <summary>The loss of one row, in readable math.</summary>
    string Formula { get; }

    /// <summary>The loss of one row.</summary>
    /// <param name="logits">The row: one value per class.</param>
    /// <param name="target">The target row, as long as the row.</param>
    /// <returns>ℓ.</returns>
    T Value(ReadOnlySpan<T> logits, ReadOnlySpan<T> target);

    /// <summary>Writes the gradient of the loss of one row with respect to its values.</summary>
    /// <param name="logits">The row: one value per class.</param>
    /// <param name="target">The target row, as long as the row.</param>
    /// <param name="gradient">Receives ∂ℓ/∂logitsⱼ for each class j.</param>
    void Gradient(ReadOnlySpan<T> logits, ReadOnlySpan<T> target, Span<T> gradient);

    /// <summary>Writes the loss of every row of a batch.</summary>
    /// <param name="logits">The rows, rows × classes values, row-major.</param>
    /// <param name="target">The target rows, shaped as the rows.</param>
    /// <param name="classes">The number of classes, the length of a row.</param>
    /// <param name="destination">Receives one loss per row.</param>
    void Values(ReadOnlySpan<T> logits, ReadOnlySpan<T> target, int classes, Span<T> destination);

    /// <summary>The reduced loss of a batch of rows.</summary>
    /// <param name="logits">The rows, rows × classes values, row-major.</param>
    /// <param name="target">The target rows, shaped as the rows.</param>
    /// <param name="classes">The number of classes, the length of a row.</param>
    /// <param name="reduction">How the row losses are combined.</param>
    /// <returns>The reduced loss.</returns>
    T Value(ReadOnlySpan<T> logits, ReadOnlySpan<T> target, int classes, Reduction reduction = Reduction.Mean);

    /// <summary>Writes the gradient of the reduced loss with respect to every value of the batch.</summary>
    /// <param name="logits">The rows, rows × classes values, row-major.</param>
    /// <param name="target">The target rows, shaped as the rows.</param>
    /// <param name="classes">The number of classes, the length of a row.</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂logits, rows × classes.</param>
    /// <param name="reduction">How the row losses are combined.</param>
    void Gradient(ReadOnlySpan<T> logits, ReadOnlySpan<T> target, int classes, Span<T> gradient, Reduction reduction = Reduction.Mean);

    /// <summary>The reduced loss of a batch of rows and its gradient, in one pass over each row.</summary>
    /// <param name="logits">The rows, rows × classes values, row-major.</param>
    /// <param name="target">The target rows, shaped as the rows.</param>
    /// <param name="classes">The number of classes, the length of a row.</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂logits, rows × classes.</param>
    /// <param name="reduction">How the row losses are combined.</param>
    /// <returns>The reduced loss.</returns>
    T ValueAndGradient(ReadOnlySpan<T> logits, ReadOnlySpan<T> target, int classes, Span<T> gradient, Reduction reduction = Reduction.Mean);

    /// <summary>Writes wₙℓₙ for every row of a batch.</summary>
    /// <param name="logits">The rows, rows × classes values, row-major.</param>
    /// <param name="target">The target rows, shaped as the rows.</param>
    /// <param name="weight">The weight of each row.</param>
    /// <param name="classes">The number of classes, the length of a row.</param>
    /// <param name="destination">Receives one weighted loss per row.</param>
    void Values(ReadOnlySpan<T> logits, ReadOnlySpan<T> target, ReadOnlySpan<T> weight, int classes, Span<T> destination);

    /// <summary>The reduced weighted loss of a batch of rows.</summary>
    /// <param name="logits">The rows, rows × classes values, row-major.</param>
    /// <param name="target">The target rows, shaped as the rows.</param>
    /// <param name="weight">The weight of each row.</param>
    /// <param name="classes">The number of classes, the length of a row.</param>
    /// <param name="reduction">How the weighted row losses are combined.</param>
    /// <returns>The reduced loss.</returns>
    T Value(ReadOnlySpan<T> logits, ReadOnlySpan<T> target, ReadOnlySpan<T> weight, int classes, Reduction reduction = Reduction.Mean);

    /// <summary>Writes the gradient of the reduced weighted loss with respect to every value of the batch.</summary>
    /// <param name="logits">The rows, rows × classes values, row-major.</param>
    /// <param name="target">The target rows, shaped as the rows.</param>
    /// <param name="weight">The weight of each row.</param>
    /// <param name="classes">The number of classes, the length of a row.</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂logits, rows × classes.</param>
    /// <param name="reduction">How the weighted row losses are combined.</param>
    void Gradient(ReadOnlySpan<T> logits, ReadOnlySpan<T> target, ReadOnlySpan<T> weight, int classes, Span<T> gradient, Reduction reduction = Reduction.Mean);

    /// <summary>The reduced weighted loss of a batch of rows and its gradient, in one pass over each row.</summary>
    /// <param name="logits">The rows, rows × classes values, row-major.</param>
    /// <param name="target">The target rows, shaped as the rows.</param>
    /// <param name="weight">The weight of each row.</param>
    /// <param name="classes">The number of classes, the length of a row.</param>
    /// <param name="gradient">Receives ∂(reduced loss)/∂logits, rows × classes.</param>
    /// <param name="reduction">How the weighted row losses are combined.</param>
    /// <returns>The reduced loss.</returns>
    T ValueAndGradient(ReadOnlySpan<T> logits, ReadOnlySpan<T> target, ReadOnlySpan<T> weight, int classes, Span<T> gradient, Reduction reduction = Reduction.Mean);
}
