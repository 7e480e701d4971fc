using System;
using System.ComponentModel;
using System.Numerics;

namespace LossGen.Internal;

/// <summary>Argument checks and reduction arithmetic of generated row-wise loss types. Not for direct use.</summary>
/// <remarks>Every check runs before anything is written, so a call that throws leaves its outputs as they were.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class RowGuard
{
    /// <summary>Throws if a single row is empty.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="row">The row.</param>
    /// <param name="name">Its parameter name.</param>
    /// <exception cref="ArgumentException">The row is empty.</exception>
    public static void Row<T>(ReadOnlySpan<T> row, string name)
    {
        if (row.IsEmpty)
        {
            throw new ArgumentException("The row is empty: it needs one value per class.", name);
        }
    }

    /// <summary>The number of rows of a batch of <paramref name="classes"/> values each, or throws.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="batch">The rows, row-major.</param>
    /// <param name="classes">The length of a row.</param>
    /// <param name="name">The parameter name of <paramref name="batch"/>.</param>
    /// <returns>The number of rows.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classes"/> is not positive.</exception>
    /// <exception cref="ArgumentException">The length of the batch is not a multiple of <paramref name="classes"/>.</exception>
    public static int Rows<T>(ReadOnlySpan<T> batch, int classes, string name)
    {
        if (classes <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(classes), classes, "The number of classes must be positive.");
        }

        if (batch.Length % classes != 0)
        {
            throw new ArgumentException($"'{name}' has {batch.Length} values, which is not a whole number of rows of {classes} classes.", name);
        }

        return batch.Length / classes;
    }

    /// <summary>Throws unless there is one target per row, each a class in [0, <paramref name="classes"/>) or <paramref name="ignoreIndex"/>.</summary>
    /// <param name="target">The class-index targets.</param>
    /// <param name="rows">The number of rows.</param>
    /// <param name="classes">The number of classes.</param>
    /// <param name="ignoreIndex">The target of an ignored row.</param>
    /// <param name="name">The parameter name of <paramref name="target"/>.</param>
    /// <exception cref="ArgumentException">The number of targets is not the number of rows.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A target is neither a class nor <paramref name="ignoreIndex"/>.</exception>
    public static void Targets(ReadOnlySpan<int> target, int rows, int classes, int ignoreIndex, string name)
    {
        if (target.Length != rows)
        {
            throw new ArgumentException($"'{name}' has {target.Length} targets; the batch has {rows} rows.", name);
        }

        for (var n = 0; n < target.Length; n++)
        {
            var y = target[n];
            if ((uint)y >= (uint)classes && y != ignoreIndex)
            {
                throw new ArgumentOutOfRangeException(name, y, $"{name}[{n}] is {y}, neither a class in [0, {classes}) nor IgnoreIndex ({ignoreIndex}).");
            }
        }
    }

    /// <summary>Whether the target of one row is <paramref name="ignoreIndex"/>; throws unless it is that or a class.</summary>
    /// <param name="target">The target.</param>
    /// <param name="classes">The number of classes.</param>
    /// <param name="ignoreIndex">The target of an ignored row.</param>
    /// <param name="name">The parameter name of <paramref name="target"/>.</param>
    /// <returns>Whether the row is ignored.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The target is neither a class nor <paramref name="ignoreIndex"/>.</exception>
    public static bool IsIgnored(int target, int classes, int ignoreIndex, string name)
    {
        if (target == ignoreIndex)
        {
            return true;
        }

        if ((uint)target >= (uint)classes)
        {
            throw new ArgumentOutOfRangeException(name, target, $"The target is neither a class in [0, {classes}) nor IgnoreIndex ({ignoreIndex}).");
        }

        return false;
    }

    /// <summary>Throws unless a target row or batch is shaped as the logits.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="logits">The logits.</param>
    /// <param name="target">The targets.</param>
    /// <param name="name">The parameter name of <paramref name="target"/>.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static void SameLength<T>(ReadOnlySpan<T> logits, ReadOnlySpan<T> target, string name)
    {
        if (target.Length != logits.Length)
        {
            throw new ArgumentException($"'{name}' has {target.Length} values; the logits have {logits.Length}.", name);
        }
    }

    /// <summary>Throws unless there is one weight per row.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="weight">The row weights.</param>
    /// <param name="rows">The number of rows.</param>
    /// <param name="name">The parameter name of <paramref name="weight"/>.</param>
    /// <exception cref="ArgumentException">The number of weights is not the number of rows.</exception>
    public static void Weights<T>(ReadOnlySpan<T> weight, int rows, string name)
    {
        if (weight.Length != rows)
        {
            throw new ArgumentException($"'{name}' has {weight.Length} weights; the batch has {rows} rows.", name);
        }
    }

    /// <summary>Throws if an output is shorter than <paramref name="length"/> or shares memory with an input.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="output">The output.</param>
    /// <param name="length">How many values are written.</param>
    /// <param name="name">The parameter name of <paramref name="output"/>.</param>
    /// <param name="first">An input.</param>
    /// <param name="second">Another input, or empty.</param>
    /// <param name="third">Another input, or empty.</param>
    /// <exception cref="ArgumentException">The output is too short or overlaps an input.</exception>
    public static void Output<T>(Span<T> output, int length, string name, ReadOnlySpan<T> first, ReadOnlySpan<T> second = default, ReadOnlySpan<T> third = default)
    {
        if (output.Length < length)
        {
            throw new ArgumentException($"'{name}' has {output.Length} elements; {length} are written.", name);
        }

        ReadOnlySpan<T> written = output[..length];
        if (written.Overlaps(first) || written.Overlaps(second) || written.Overlaps(third))
        {
            throw new ArgumentException($"'{name}' overlaps an input: a row's output is written while other rows are still read, so it needs its own memory.", name);
        }
    }

    /// <summary>A copy of per-class weights, or null for none; throws for a weight that is negative, infinite or NaN.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="weights">The weights.</param>
    /// <param name="name">The property name.</param>
    /// <returns>The copy, or null when <paramref name="weights"/> is empty.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A weight is negative, infinite or NaN.</exception>
    public static T[]? ClassWeights<T>(ReadOnlyMemory<T> weights, string name)
        where T : IFloatingPointIeee754<T>
    {
        if (weights.IsEmpty)
        {
            return null;
        }

        var copy = weights.ToArray();
        for (var c = 0; c < copy.Length; c++)
        {
            if (!T.IsFinite(copy[c]) || T.IsNegative(copy[c]))
            {
                throw new ArgumentOutOfRangeException(name, copy[c], $"The weight of class {c} is {copy[c]}: class weights are finite and not negative.");
            }
        }

        return copy;
    }

    /// <summary>Throws unless per-class weights, when set, have one weight per class.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="classWeights">The weights, or null.</param>
    /// <param name="classes">The number of classes.</param>
    /// <exception cref="ArgumentException">The number of weights is not the number of classes.</exception>
    public static void ClassCount<T>(T[]? classWeights, int classes)
    {
        if (classWeights is not null && classWeights.Length != classes)
        {
            throw new ArgumentException($"ClassWeights has {classWeights.Length} weights; the rows have {classes} classes.", nameof(classes));
        }
    }

    /// <summary>
    /// What the sum of the row losses is divided by: 1 for Sum; for Mean Σₙ w[yₙ] over the rows not ignored (their number
    /// without class weights); for WeightedMean Σₙ weightₙ · w[yₙ] over them. NaN when that is 0, as PyTorch's mean over nothing.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="reduction">The reduction.</param>
    /// <param name="target">The class-index targets, checked.</param>
    /// <param name="ignoreIndex">The target of an ignored row.</param>
    /// <param name="classWeights">The per-class weights, or null for all 1.</param>
    /// <param name="weight">The row weights of a weighted call, or empty.</param>
    /// <returns>The denominator.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The reduction is not defined.</exception>
    public static double Denominator<T>(Reduction reduction, ReadOnlySpan<int> target, int ignoreIndex, T[]? classWeights, ReadOnlySpan<T> weight = default)
        where T : IFloatingPointIeee754<T>
    {
        if (reduction == Reduction.Sum)
        {
            return 1;
        }

        if (reduction is not (Reduction.Mean or Reduction.WeightedMean))
        {
            throw new ArgumentOutOfRangeException(nameof(reduction), reduction, "Unknown reduction.");
        }

        var sum = new CompensatedSum();
        var weighted = reduction == Reduction.WeightedMean && !weight.IsEmpty;
        for (var n = 0; n < target.Length; n++)
        {
            var y = target[n];
            if (y == ignoreIndex)
            {
                continue;
            }

            var term = classWeights is null ? 1.0 : double.CreateTruncating(classWeights[y]);
            sum.Add(weighted ? term * double.CreateTruncating(weight[n]) : term);
        }

        return sum.Value == 0 ? double.NaN : sum.Value;
    }
}
