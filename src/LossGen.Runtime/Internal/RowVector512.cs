using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using LossGen.Kernels;

namespace LossGen.Internal;

/// <summary>The passes of row kernels over one row in 512-bit vectors, for every pass of every kernel. Not for direct use.</summary>
/// <remarks>
/// Written once, at 512 bits: LossGen's WidthGenerator compiles the file at 512 bits again at 256 and 128 bits, with the
/// width replaced.
/// </remarks>
[WidthTemplate(512, 256)]
[WidthTemplate(512, 128)]
[EditorBrowsable(EditorBrowsableState.Never)]
internal static class RowVector512
{
    /// <summary>Whether 512-bit vectors serve a row of <paramref name="length"/> elements of <typeparamref name="T"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Serves<T>(int length)
        where T : struct, IFloatingPointIeee754<T> => LossVector512<T>.IsSupported && length >= Vector512<T>.Count;

    /// <summary>
    /// The maxima and sums of one pass over a row at least one vector long. The last vector overlaps the one before it
    /// unless the length is a multiple of the width: a maximum takes its lanes again, a sum only the lanes not yet taken.
    /// A pass that stores its first sum's terms writes them to <paramref name="store"/> (the last vector's lanes again,
    /// with the same values).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static RowTerms<T> Reduce<T, TPass>(TPass pass, ReadOnlySpan<T> prediction, ReadOnlySpan<T> second, Span<T> store)
        where T : struct, IFloatingPointIeee754<T>
        where TPass : struct, IRowPass<T>
    {
        ref readonly var x = ref MemoryMarshal.GetReference(prediction);
        ref readonly var y = ref MemoryMarshal.GetReference(second);
        ref var s = ref MemoryMarshal.GetReference(store);
        var max0 = Vector512.Create(T.NegativeInfinity);
        var max1 = max0;
        var sum0 = Vector512<T>.Zero;
        var sum1 = sum0;
        var sum2 = sum0;
        var sum3 = sum0;
        var count = (nuint)Vector512<T>.Count;
        var last = (nuint)prediction.Length - count;
        nuint j = 0;
        RowTerms<Vector512<T>> terms;
        for (; j < last; j += count)
        {
            terms = pass.Terms(Vector512.LoadUnsafe(in x, j), TPass.ReadsSecondRow ? Vector512.LoadUnsafe(in y, j) : Vector512<T>.Zero);
            if (TPass.StoresSum0)
            {
                Vector512.StoreUnsafe(terms.Sum0, ref s, j);
            }

            max0 = TPass.Maxima > 0 ? Vector512.Max(max0, terms.Max0) : max0;
            max1 = TPass.Maxima > 1 ? Vector512.Max(max1, terms.Max1) : max1;
            sum0 = TPass.Sums > 0 ? sum0 + terms.Sum0 : sum0;
            sum1 = TPass.Sums > 1 ? sum1 + terms.Sum1 : sum1;
            sum2 = TPass.Sums > 2 ? sum2 + terms.Sum2 : sum2;
            sum3 = TPass.Sums > 3 ? sum3 + terms.Sum3 : sum3;
        }

        // The last vector: its lanes below j - last were taken already.
        terms = pass.Terms(Vector512.LoadUnsafe(in x, last), TPass.ReadsSecondRow ? Vector512.LoadUnsafe(in y, last) : Vector512<T>.Zero);
        if (TPass.StoresSum0)
        {
            Vector512.StoreUnsafe(terms.Sum0, ref s, last);
        }

        var taken = j - last;
        return new RowTerms<T>
        {
            Max0 = TPass.Maxima > 0 ? LossVector512<T>.MaxAcross(Vector512.Max(max0, terms.Max0)) : T.Zero,
            Max1 = TPass.Maxima > 1 ? LossVector512<T>.MaxAcross(Vector512.Max(max1, terms.Max1)) : T.Zero,
            Sum0 = TPass.Sums > 0 ? Vector512.Sum(sum0 + LossVector512<T>.LanesFrom(terms.Sum0, taken)) : T.Zero,
            Sum1 = TPass.Sums > 1 ? Vector512.Sum(sum1 + LossVector512<T>.LanesFrom(terms.Sum1, taken)) : T.Zero,
            Sum2 = TPass.Sums > 2 ? Vector512.Sum(sum2 + LossVector512<T>.LanesFrom(terms.Sum2, taken)) : T.Zero,
            Sum3 = TPass.Sums > 3 ? Vector512.Sum(sum3 + LossVector512<T>.LanesFrom(terms.Sum3, taken)) : T.Zero,
        };
    }

    /// <summary>
    /// Writes <paramref name="scale"/> · the gradient of every class of a row at least one vector long, and returns the sum
    /// of the pass's target terms. The last vector overlaps the one before it: its gradient lanes are written again with
    /// the same values, and only its lanes not yet taken are summed.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static T Gradient<T, TPass>(TPass pass, ReadOnlySpan<T> prediction, ReadOnlySpan<T> second, Span<T> gradient, T scale)
        where T : struct, IFloatingPointIeee754<T>
        where TPass : struct, IRowGradientPass<T>
    {
        ref readonly var x = ref MemoryMarshal.GetReference(prediction);
        ref readonly var y = ref MemoryMarshal.GetReference(second);
        ref var g = ref MemoryMarshal.GetReference(gradient);
        var scales = Vector512.Create(scale);
        var targetTerms = Vector512<T>.Zero;
        var count = (nuint)Vector512<T>.Count;
        var last = (nuint)prediction.Length - count;

        // The last vector is loaded before anything is stored: the row read may be the gradient's own memory (the
        // exponentials a log-sum-exp's pass stored there).
        var lastX = Vector512.LoadUnsafe(in x, last);
        var lastY = TPass.ReadsSecondRow ? Vector512.LoadUnsafe(in y, last) : Vector512<T>.Zero;
        nuint j = 0;
        for (; j < last; j += count)
        {
            var xj = Vector512.LoadUnsafe(in x, j);
            var yj = TPass.ReadsSecondRow ? Vector512.LoadUnsafe(in y, j) : Vector512<T>.Zero;
            Vector512.StoreUnsafe(scales * pass.Gradient(xj, yj), ref g, j);
            targetTerms = TPass.SumsTargetTerm ? targetTerms + pass.TargetTerm(xj, yj) : targetTerms;
        }

        // The last vector: its lanes below j - last were taken already.
        Vector512.StoreUnsafe(scales * pass.Gradient(lastX, lastY), ref g, last);
        return TPass.SumsTargetTerm ? Vector512.Sum(targetTerms + LossVector512<T>.LanesFrom(pass.TargetTerm(lastX, lastY), j - last)) : T.Zero;
    }
}
