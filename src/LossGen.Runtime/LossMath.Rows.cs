using System;
using System.Numerics;

namespace LossGen;

/// <summary>
/// The row functions of a row-wise <see cref="LossAttribute"/> loss (one sample's logits as a span): reductions over
/// the classes. In a loss body they are units with their own derivatives (LogSumExp's is softmax); called directly
/// they compute the same values, plainly, one row at a time.
/// </summary>
public static partial class LossMath
{
    /// <summary>log Σⱼ exp(xⱼ), computed as m + log Σⱼ exp(xⱼ − m) with m = max x, so it neither overflows nor underflows.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="row">The row x; not empty.</param>
    /// <returns>The log-sum-exp of the row; NaN if it holds NaN.</returns>
    /// <exception cref="ArgumentException">The row is empty.</exception>
    public static T LogSumExp<T>(ReadOnlySpan<T> row)
        where T : IFloatingPointIeee754<T> => LogSumExp(row, static x => x);

    /// <summary>log Σⱼ exp(f(xⱼ)), with the maximum of f subtracted before the exponentials.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="row">The row x; not empty.</param>
    /// <param name="element">f, applied to each element.</param>
    /// <returns>The log-sum-exp of f over the row.</returns>
    /// <exception cref="ArgumentException">The row is empty.</exception>
    public static T LogSumExp<T>(ReadOnlySpan<T> row, Func<T, T> element)
        where T : IFloatingPointIeee754<T>
    {
        var max = Max(row, element);
        if (T.IsInfinity(max))
        {
            return max;
        }

        var sum = T.Zero;
        foreach (var x in row)
        {
            sum += T.Exp(element(x) - max);
        }

        return max + T.Log(sum);
    }

    /// <summary>Σⱼ xⱼ.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="row">The row x.</param>
    /// <returns>The sum; 0 for an empty row.</returns>
    public static T Sum<T>(ReadOnlySpan<T> row)
        where T : IFloatingPointIeee754<T> => Sum(row, static x => x);

    /// <summary>Σⱼ f(xⱼ).</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="row">The row x.</param>
    /// <param name="element">f, applied to each element.</param>
    /// <returns>The sum; 0 for an empty row.</returns>
    public static T Sum<T>(ReadOnlySpan<T> row, Func<T, T> element)
        where T : IFloatingPointIeee754<T>
    {
        var sum = T.Zero;
        foreach (var x in row)
        {
            sum += element(x);
        }

        return sum;
    }

    /// <summary>Σⱼ f(xⱼ, yⱼ) over two rows of one length, such as logits and target probabilities.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="row">The row x.</param>
    /// <param name="other">The row y, as long as x.</param>
    /// <param name="element">f, applied to each pair of elements.</param>
    /// <returns>The sum; 0 for empty rows.</returns>
    /// <exception cref="ArgumentException">The rows differ in length.</exception>
    public static T Sum<T>(ReadOnlySpan<T> row, ReadOnlySpan<T> other, Func<T, T, T> element)
        where T : IFloatingPointIeee754<T>
    {
        if (other.Length != row.Length)
        {
            throw new ArgumentException($"The rows differ in length: {row.Length} and {other.Length}.", nameof(other));
        }

        var sum = T.Zero;
        for (var j = 0; j < row.Length; j++)
        {
            sum += element(row[j], other[j]);
        }

        return sum;
    }

    /// <summary>(1/n) Σⱼ xⱼ.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="row">The row x.</param>
    /// <returns>The mean; NaN for an empty row.</returns>
    public static T Mean<T>(ReadOnlySpan<T> row)
        where T : IFloatingPointIeee754<T> => Sum(row) / T.CreateChecked(row.Length);

    /// <summary>(1/n) Σⱼ f(xⱼ).</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="row">The row x.</param>
    /// <param name="element">f, applied to each element.</param>
    /// <returns>The mean; NaN for an empty row.</returns>
    public static T Mean<T>(ReadOnlySpan<T> row, Func<T, T> element)
        where T : IFloatingPointIeee754<T> => Sum(row, element) / T.CreateChecked(row.Length);

    /// <summary>maxⱼ xⱼ; its derivative is shared evenly among tied maxima, as PyTorch's <c>amax</c>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="row">The row x; not empty.</param>
    /// <returns>The maximum; NaN if the row holds NaN.</returns>
    /// <exception cref="ArgumentException">The row is empty.</exception>
    public static T Max<T>(ReadOnlySpan<T> row)
        where T : IFloatingPointIeee754<T> => Max(row, static x => x);

    /// <summary>maxⱼ f(xⱼ).</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="row">The row x; not empty.</param>
    /// <param name="element">f, applied to each element.</param>
    /// <returns>The maximum; NaN if f is NaN anywhere.</returns>
    /// <exception cref="ArgumentException">The row is empty.</exception>
    public static T Max<T>(ReadOnlySpan<T> row, Func<T, T> element)
        where T : IFloatingPointIeee754<T>
    {
        if (row.IsEmpty)
        {
            throw new ArgumentException("The row is empty.", nameof(row));
        }

        var max = T.NegativeInfinity;
        foreach (var x in row)
        {
            max = T.Max(max, element(x));
        }

        return max;
    }

    /// <summary>Σⱼ xⱼyⱼ.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="row">The row x.</param>
    /// <param name="other">The row y, as long as x.</param>
    /// <returns>The dot product; 0 for empty rows.</returns>
    /// <exception cref="ArgumentException">The rows differ in length.</exception>
    public static T Dot<T>(ReadOnlySpan<T> row, ReadOnlySpan<T> other)
        where T : IFloatingPointIeee754<T> => Sum(row, other, static (x, y) => x * y);
}
