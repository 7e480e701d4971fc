using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using LossGen.Internal;

namespace LossGen.Kernels;

/// <summary>
/// The passes a generated row kernel makes over its row, written once for every kernel: the widest vector loop the
/// hardware, the element type and the row's length allow, or the scalar loop for a row shorter than a vector. Called by
/// generated code; not for direct use.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class RowPass
{
    /// <summary>The maxima and sums of one pass over a row.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <typeparam name="TPass">The pass.</typeparam>
    /// <param name="pass">The pass, with the scalars it reads.</param>
    /// <param name="prediction">The row, not empty.</param>
    /// <param name="second">The second row the pass reads, as long as the row: the target row or the class weights; else empty.</param>
    /// <returns>Each maximum and sum the pass computes; −∞ for a maximum and 0 for a sum that nothing was added to.</returns>
    public static RowTerms<T> Reduce<T, TPass>(TPass pass, ReadOnlySpan<T> prediction, ReadOnlySpan<T> second = default)
        where T : struct, IFloatingPointIeee754<T>
        where TPass : struct, IRowPass<T> => Reduce(pass, prediction, second, default);

    /// <summary><see cref="Reduce{T, TPass}(TPass, ReadOnlySpan{T}, ReadOnlySpan{T})"/>, writing the pass's stored terms into <paramref name="store"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static RowTerms<T> Reduce<T, TPass>(TPass pass, ReadOnlySpan<T> prediction, ReadOnlySpan<T> second, Span<T> store)
        where T : struct, IFloatingPointIeee754<T>
        where TPass : struct, IRowPass<T>
    {
        if (RowVector512.Serves<T>(prediction.Length))
        {
            return RowVector512.Reduce(pass, prediction, second, store);
        }

        if (RowVector256.Serves<T>(prediction.Length))
        {
            return RowVector256.Reduce(pass, prediction, second, store);
        }

        if (RowVector128.Serves<T>(prediction.Length))
        {
            return RowVector128.Reduce(pass, prediction, second, store);
        }

        var result = new RowTerms<T> { Max0 = T.NegativeInfinity, Max1 = T.NegativeInfinity };
        for (var j = 0; j < prediction.Length; j++)
        {
            var terms = pass.Terms(prediction[j], TPass.ReadsSecondRow ? second[j] : T.Zero);
            if (TPass.StoresSum0)
            {
                store[j] = terms.Sum0;
            }

            result.Max0 = TPass.Maxima > 0 ? T.Max(result.Max0, terms.Max0) : result.Max0;
            result.Max1 = TPass.Maxima > 1 ? T.Max(result.Max1, terms.Max1) : result.Max1;
            result.Sum0 = TPass.Sums > 0 ? result.Sum0 + terms.Sum0 : result.Sum0;
            result.Sum1 = TPass.Sums > 1 ? result.Sum1 + terms.Sum1 : result.Sum1;
            result.Sum2 = TPass.Sums > 2 ? result.Sum2 + terms.Sum2 : result.Sum2;
            result.Sum3 = TPass.Sums > 3 ? result.Sum3 + terms.Sum3 : result.Sum3;
        }

        return result;
    }

    /// <summary>The maximum of a row: the first pass of a log-sum-exp of the row itself.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="row">The row, not empty.</param>
    /// <returns>maxⱼ xⱼ; NaN if an element is NaN.</returns>
    public static T Max<T>(ReadOnlySpan<T> row)
        where T : struct, IFloatingPointIeee754<T> => Reduce(new MaxPass<T>(), row).Max0;

    /// <summary>Σⱼ exp(xⱼ − <paramref name="max"/>): the second pass of a log-sum-exp of the row itself.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="row">The row, not empty.</param>
    /// <param name="max">The row's maximum.</param>
    /// <returns>The sum.</returns>
    public static T SumOfExponentials<T>(ReadOnlySpan<T> row, T max)
        where T : struct, IFloatingPointIeee754<T> => Reduce(new ExponentialPass<T>(max), row).Sum0;

    /// <summary>
    /// Σⱼ exp(xⱼ − <paramref name="max"/>), the same bits as <see cref="SumOfExponentials{T}(ReadOnlySpan{T}, T)"/>,
    /// writing each exp(xⱼ − max) into <paramref name="exponentials"/>: the softmax's numerators, which the gradient pass
    /// reads back (from the gradient's own memory) instead of computing them again.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="row">The row, not empty.</param>
    /// <param name="max">The row's maximum.</param>
    /// <param name="exponentials">Receives exp(xⱼ − max); as long as the row, not overlapping it.</param>
    /// <returns>The sum.</returns>
    public static T SumOfExponentials<T>(ReadOnlySpan<T> row, T max, Span<T> exponentials)
        where T : struct, IFloatingPointIeee754<T> => Reduce(new Storing<T, ExponentialPass<T>>(new ExponentialPass<T>(max)), row, default, exponentials).Sum0;

    /// <summary>Writes <paramref name="scale"/> · ∂ℓ/∂xⱼ for every class of a row; returns the sum of the pass's target terms.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <typeparam name="TPass">The pass.</typeparam>
    /// <param name="pass">The pass, with the scalars it reads.</param>
    /// <param name="gradient">Receives the scaled gradient; as long as the row, not overlapping the inputs but <paramref name="prediction"/>.</param>
    /// <param name="scale">What the gradient is multiplied by.</param>
    /// <param name="prediction">
    /// The row, not empty; may be <paramref name="gradient"/>'s own memory (the exponentials a log-sum-exp stored there),
    /// every element read before its gradient is written.
    /// </param>
    /// <param name="second">The second row the pass reads, as long as the row: the target row or the class weights; else empty.</param>
    /// <returns>The sum of the target terms over the row; 0 for a pass without them.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static T Gradient<T, TPass>(TPass pass, Span<T> gradient, T scale, ReadOnlySpan<T> prediction, ReadOnlySpan<T> second = default)
        where T : struct, IFloatingPointIeee754<T>
        where TPass : struct, IRowGradientPass<T>
    {
        if (RowVector512.Serves<T>(prediction.Length))
        {
            return RowVector512.Gradient(pass, prediction, second, gradient, scale);
        }

        if (RowVector256.Serves<T>(prediction.Length))
        {
            return RowVector256.Gradient(pass, prediction, second, gradient, scale);
        }

        if (RowVector128.Serves<T>(prediction.Length))
        {
            return RowVector128.Gradient(pass, prediction, second, gradient, scale);
        }

        var targetTerms = T.Zero;
        for (var j = 0; j < prediction.Length; j++)
        {
            var x = prediction[j];
            var y = TPass.ReadsSecondRow ? second[j] : T.Zero;
            gradient[j] = scale * pass.Gradient(x, y);
            targetTerms = TPass.SumsTargetTerm ? targetTerms + pass.TargetTerm(x, y) : targetTerms;
        }

        return targetTerms;
    }

    /// <summary>The pass of <see cref="Max"/>.</summary>
    private readonly struct MaxPass<T> : IRowPass<T>
        where T : struct, IFloatingPointIeee754<T>
    {
        public static int Maxima => 1;

        public RowTerms<T> Terms(T x, T y) => new() { Max0 = x };

        public RowTerms<Vector512<T>> Terms(Vector512<T> x, Vector512<T> y) => new() { Max0 = x };

        public RowTerms<Vector256<T>> Terms(Vector256<T> x, Vector256<T> y) => new() { Max0 = x };

        public RowTerms<Vector128<T>> Terms(Vector128<T> x, Vector128<T> y) => new() { Max0 = x };
    }

    /// <summary>A pass that also stores its first sum's terms.</summary>
    private readonly struct Storing<T, TPass>(TPass pass) : IRowPass<T>
        where T : struct, IFloatingPointIeee754<T>
        where TPass : struct, IRowPass<T>
    {
        public static bool ReadsSecondRow => TPass.ReadsSecondRow;

        public static int Maxima => TPass.Maxima;

        public static int Sums => TPass.Sums;

        public static bool StoresSum0 => true;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public RowTerms<T> Terms(T x, T y) => pass.Terms(x, y);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public RowTerms<Vector512<T>> Terms(Vector512<T> x, Vector512<T> y) => pass.Terms(x, y);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public RowTerms<Vector256<T>> Terms(Vector256<T> x, Vector256<T> y) => pass.Terms(x, y);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public RowTerms<Vector128<T>> Terms(Vector128<T> x, Vector128<T> y) => pass.Terms(x, y);
    }

    /// <summary>The pass of <see cref="SumOfExponentials{T}(ReadOnlySpan{T}, T)"/>.</summary>
    private readonly struct ExponentialPass<T>(T max) : IRowPass<T>
        where T : struct, IFloatingPointIeee754<T>
    {
        public static int Sums => 1;

        public RowTerms<T> Terms(T x, T y) => new() { Sum0 = T.Exp(x - max) };

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public RowTerms<Vector512<T>> Terms(Vector512<T> x, Vector512<T> y) => new() { Sum0 = LossVector512<T>.Exp(x - Vector512.Create(max)) };

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public RowTerms<Vector256<T>> Terms(Vector256<T> x, Vector256<T> y) => new() { Sum0 = LossVector256<T>.Exp(x - Vector256.Create(max)) };

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public RowTerms<Vector128<T>> Terms(Vector128<T> x, Vector128<T> y) => new() { Sum0 = LossVector128<T>.Exp(x - Vector128.Create(max)) };
    }
}
