using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace LossGen.Internal;

/// <summary>Argument checks and reduction arithmetic shared by generated loss types. Not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class LossGuard
{
    /// <summary>Throws unless <paramref name="span"/> has as many elements as <paramref name="prediction"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="prediction">The span that sets the length.</param>
    /// <param name="span">The span to check.</param>
    /// <param name="name">The parameter name of <paramref name="span"/>.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SameLength<T>(ReadOnlySpan<T> prediction, ReadOnlySpan<T> span, string name)
    {
        if (span.Length != prediction.Length)
        {
            ThrowLength(name, span.Length, prediction.Length, "must have as many elements as prediction");
        }
    }

    /// <summary>Throws if <paramref name="destination"/> is shorter than <paramref name="prediction"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="prediction">The span that sets the length.</param>
    /// <param name="destination">The output span.</param>
    /// <param name="name">The parameter name of <paramref name="destination"/>.</param>
    /// <exception cref="ArgumentException">The destination is too short.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Destination<T>(ReadOnlySpan<T> prediction, Span<T> destination, string name)
    {
        if (destination.Length < prediction.Length)
        {
            ThrowLength(name, destination.Length, prediction.Length, "is shorter than prediction");
        }
    }

    /// <summary>
    /// Throws if <paramref name="output"/> overlaps <paramref name="input"/> other than exactly in place: element i of
    /// the output must be element i of the input, or no element of it.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="input">An input span.</param>
    /// <param name="output">An output span.</param>
    /// <param name="name">The parameter name of <paramref name="output"/>.</param>
    /// <exception cref="ArgumentException">The spans partly overlap.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void NoPartialOverlap<T>(ReadOnlySpan<T> input, Span<T> output, string name)
    {
        if (input.Overlaps(output, out var offset) && offset != 0)
        {
            throw new ArgumentException("The output partly overlaps an input; it may be exactly the same memory, or separate.", name);
        }
    }

    /// <summary>Throws if two outputs share any memory.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="first">An output span.</param>
    /// <param name="second">Another output span.</param>
    /// <param name="name">The parameter name of <paramref name="second"/>.</param>
    /// <exception cref="ArgumentException">The outputs overlap.</exception>
    public static void NoOverlap<T>(Span<T> first, Span<T> second, string name)
    {
        if (first.Overlaps(second))
        {
            throw new ArgumentException("Two outputs overlap; each needs its own memory.", name);
        }
    }

    /// <summary>Throws unless <paramref name="value"/> is greater than zero.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="value">The hyperparameter.</param>
    /// <param name="name">Its parameter name.</param>
    /// <exception cref="ArgumentOutOfRangeException">The value is zero, negative or NaN.</exception>
    public static void Positive<T>(T value, string name)
        where T : IFloatingPointIeee754<T>
    {
        if (!(value > T.Zero))
        {
            throw new ArgumentOutOfRangeException(name, value, "Must be greater than 0.");
        }
    }

    /// <summary>Throws unless <paramref name="value"/> lies in [<paramref name="minimum"/>, <paramref name="maximum"/>].</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="value">The hyperparameter.</param>
    /// <param name="minimum">The smallest allowed value.</param>
    /// <param name="maximum">The largest allowed value.</param>
    /// <param name="name">Its parameter name.</param>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside the range, or NaN.</exception>
    public static void InRange<T>(T value, T minimum, T maximum, string name)
        where T : IFloatingPointIeee754<T>
    {
        if (!(value >= minimum && value <= maximum))
        {
            throw new ArgumentOutOfRangeException(name, value, $"Must be in [{minimum}, {maximum}].");
        }
    }

    /// <summary>Returns a valid degree of parallelism (1 or more, or -1 for one thread per processor), or throws.</summary>
    /// <param name="value">The degree.</param>
    /// <param name="name">The property name.</param>
    /// <returns><paramref name="value"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is 0 or less than -1.</exception>
    public static int DegreeOfParallelism(int value, string name) =>
        value >= 1 || value == -1 ? value : throw new ArgumentOutOfRangeException(name, value, "Must be 1 or more, or -1 for one thread per processor.");

    /// <summary>What the weighted sum is divided by: 1 for Sum, N for Mean, N for an unweighted WeightedMean.</summary>
    /// <param name="reduction">The reduction.</param>
    /// <param name="count">The number of elements N.</param>
    /// <returns>The denominator.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The reduction is not defined.</exception>
    public static double Denominator(Reduction reduction, int count) => reduction switch
    {
        Reduction.Sum => 1,
        Reduction.Mean or Reduction.WeightedMean => count,
        _ => throw new ArgumentOutOfRangeException(nameof(reduction), reduction, "Unknown reduction."),
    };

    /// <summary>What the weighted sum is divided by: 1 for Sum, N for Mean, Σw for WeightedMean (NaN when Σw = 0).</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="reduction">The reduction.</param>
    /// <param name="count">The number of elements N.</param>
    /// <param name="weight">The weights.</param>
    /// <returns>The denominator.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The reduction is not defined.</exception>
    /// <remarks>
    /// Σw is the one extra pass over an input a batch call makes: a compensated sum kept lane by lane over the widest
    /// accelerated vector, its lanes and the remaining elements added in double.
    /// </remarks>
    public static double Denominator<T>(Reduction reduction, int count, ReadOnlySpan<T> weight)
        where T : struct, IFloatingPointIeee754<T>
    {
        if (reduction != Reduction.WeightedMean)
        {
            return Denominator(reduction, count);
        }

        var done = 0;
        var sum = LossVector512<T>.IsSupported ? LossVector512<T>.Sum(weight, out done)
            : LossVector256<T>.IsSupported ? LossVector256<T>.Sum(weight, out done)
            : LossVector128<T>.IsSupported ? LossVector128<T>.Sum(weight, out done)
            : new CompensatedSum();
        foreach (var w in weight[done..])
        {
            sum.Add(double.CreateTruncating(w));
        }

        return sum.Value == 0 ? double.NaN : sum.Value;
    }

    /// <summary>
    /// What the gradient and Hessian of a reduced loss are multiplied by: 1 / <paramref name="denominator"/> rounded to the
    /// element type, as autograd's mean backward does; 0 where the mean is over nothing (a denominator of 0, or NaN for
    /// Σw = 0), whose loss is NaN while each element's share of it is 0.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="denominator">What the reduced loss divides the sum by.</param>
    /// <returns>The scale.</returns>
    internal static T GradientScale<T>(double denominator)
        where T : struct, IFloatingPointIeee754<T> =>
        denominator == 0 || double.IsNaN(denominator) ? T.Zero : T.CreateTruncating(1 / denominator);

    private static void ThrowLength(string name, int actual, int expected, string problem) =>
        throw new ArgumentException($"'{name}' {problem}: it has {actual} elements, prediction has {expected}.", name);
}
