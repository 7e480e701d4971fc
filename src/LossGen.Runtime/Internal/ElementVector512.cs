using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using LossGen.Kernels;

namespace LossGen.Internal;

/// <summary>
/// The batch loop of an element loss over 512-bit vectors, for every kernel and every batch call. Not for direct use.
/// </summary>
/// <remarks>
/// Written once, at 512 bits: LossGen's WidthGenerator compiles the file at 512 bits again at 256 and 128 bits, with the
/// width replaced.
/// </remarks>
[WidthTemplate(512, 256)]
[WidthTemplate(512, 128)]
internal static class ElementVector512
{
    /// <summary>Whether 512-bit vectors serve a batch of <paramref name="length"/> elements of <typeparamref name="T"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Serves<T>(int length)
        where T : struct, IFloatingPointIeee754<T> => LossVector512<T>.IsSupported && length >= Vector512<T>.Count;

    /// <summary>
    /// Runs one batch call over <paramref name="spans"/> (at least one vector long): the last vector overlaps the one
    /// before it unless the length is a multiple of the width, and is masked out of the sum where it does. The kernel is
    /// taken by value: a copy no store can reach, so the JIT keeps its hyperparameters in registers out of the loop.
    /// Compiled optimized at its first call (as are the scalar loop and the row loops): its tier-0 code, with the kernel
    /// not inlined, ran a process's first calls 20–140× slower than steady state (benchmarks/FirstCalls).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static CompensatedSum Run<T, TKernel, TMode>(TKernel kernel, BatchSpans<T> spans, T scale)
        where T : struct, IFloatingPointIeee754<T>
        where TKernel : struct, IElementKernel<T>
        where TMode : struct, IBatchMode
    {
        ref readonly var prediction = ref MemoryMarshal.GetReference(spans.In0);
        ref readonly var target = ref MemoryMarshal.GetReference(spans.In1);
        ref readonly var weight = ref MemoryMarshal.GetReference(spans.In2);
        ref readonly var input0 = ref MemoryMarshal.GetReference(spans.In3);
        ref readonly var input1 = ref MemoryMarshal.GetReference(spans.In4);
        ref readonly var input2 = ref MemoryMarshal.GetReference(spans.In5);
        ref var out0 = ref MemoryMarshal.GetReference(spans.Out0);
        ref var out1 = ref MemoryMarshal.GetReference(spans.Out1);
        ref var out2 = ref MemoryMarshal.GetReference(spans.Out2);
        ref var out3 = ref MemoryMarshal.GetReference(spans.Out3);
        var scales = Vector512.Create(scale);
        var sum = Vector512<T>.Zero;
        var compensation = Vector512<T>.Zero;
        var count = (nuint)Vector512<T>.Count;
        var last = (nuint)spans.Length - count;

        // The last vector is loaded before anything is stored, since an output may be an input's own memory.
        var lastX = Load<T, TKernel>(in prediction, in target, in input0, in input1, in input2, last);
        var lastWeight = TMode.Weighted ? Vector512.LoadUnsafe(in weight, last) : Vector512<T>.One;

        // One loop body for every vector, the last included, so the kernel is inlined once.
        nuint done = 0;
        while (true)
        {
            var i = done < last ? done : last;
            var isLast = i == last;
            var x = isLast ? lastX : Load<T, TKernel>(in prediction, in target, in input0, in input1, in input2, i);
            var w = isLast ? lastWeight : TMode.Weighted ? Vector512.LoadUnsafe(in weight, i) : Vector512<T>.One;
            Vector512<T> loss;
            if (TMode.WritesHessian)
            {
                var derivative = kernel.GradientAndHessian(in x, out var secondDerivative);
                Vector512.StoreUnsafe((TMode.Weighted ? w * derivative : derivative) * scales, ref out0, i);
                Vector512.StoreUnsafe((TMode.Weighted ? w * secondDerivative : secondDerivative) * scales, ref out3, i);
                loss = Vector512<T>.Zero;
            }
            else if (TMode.WritesGradient && !TMode.Reduces && TKernel.Gradients == 1 && !Hardware.FusedMultiplyAdd)
            {
                // Only the gradient: the fused value and gradient serve where the JIT drops the value, but the value's math
                // calls the software fused multiply-add here; the gradient with the second derivative needs no value.
                var derivative = kernel.GradientAndHessian(in x, out _);
                Vector512.StoreUnsafe((TMode.Weighted ? w * derivative : derivative) * scales, ref out0, i);
                loss = Vector512<T>.Zero;
            }
            else if (TMode.WritesGradient)
            {
                loss = kernel.ValueAndGradient(in x, out var gradient);
                Vector512.StoreUnsafe((TMode.Weighted ? w * gradient.Prediction : gradient.Prediction) * scales, ref out0, i);
                if (TKernel.Gradients > 1)
                {
                    Vector512.StoreUnsafe((TMode.Weighted ? w * gradient.Input0 : gradient.Input0) * scales, ref out1, i);
                }

                if (TKernel.Gradients > 2)
                {
                    Vector512.StoreUnsafe((TMode.Weighted ? w * gradient.Input1 : gradient.Input1) * scales, ref out2, i);
                }
            }
            else
            {
                loss = kernel.ValueAndGradient(in x, out _);
            }

            if (TMode.Weighted)
            {
                loss = w * loss;
            }

            if (TMode.WritesValues)
            {
                Vector512.StoreUnsafe(loss, ref out0, i);
            }

            if (TMode.Reduces)
            {
                // Lanes of the last vector below done - last were summed already.
                LossVector512<T>.AddCompensated(ref sum, ref compensation, isLast ? LossVector512<T>.LanesFrom(loss, done - last) : loss);
            }

            if (isLast)
            {
                break;
            }

            done = i + count;
        }

        return LossVector512<T>.Total(sum, compensation);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Element<Vector512<T>> Load<T, TKernel>(ref readonly T prediction, ref readonly T target, ref readonly T input0, ref readonly T input1, ref readonly T input2, nuint i)
        where T : struct, IFloatingPointIeee754<T>
        where TKernel : struct, IElementKernel<T> => new()
        {
            Prediction = Vector512.LoadUnsafe(in prediction, i),
            Target = TKernel.HasTarget ? Vector512.LoadUnsafe(in target, i) : default,
            Input0 = TKernel.Inputs > 0 ? Vector512.LoadUnsafe(in input0, i) : default,
            Input1 = TKernel.Inputs > 1 ? Vector512.LoadUnsafe(in input1, i) : default,
            Input2 = TKernel.Inputs > 2 ? Vector512.LoadUnsafe(in input2, i) : default,
        };
}
