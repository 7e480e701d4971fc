using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LossGen.Internal;

/// <summary>The loop over rows of a row loss's batch calls, run over a range of the rows.</summary>
/// <typeparam name="T">The element type.</typeparam>
/// <typeparam name="TTarget">The target's element type: a class index, or <typeparamref name="T"/> for a target row.</typeparam>
internal interface IRowBatch<T, TTarget>
    where T : struct
    where TTarget : struct
{
    /// <summary>Runs one batch call over the rows given, which start at row 0 of the spans.</summary>
    /// <typeparam name="TMode">The batch call.</typeparam>
    /// <param name="logits">The rows.</param>
    /// <param name="target">Their targets.</param>
    /// <param name="weight">Their weights (empty when the call is not weighted).</param>
    /// <param name="classes">The length of a row.</param>
    /// <param name="output">The call's output for these rows (empty when it writes none).</param>
    /// <param name="scale">The gradients' factor, 1 / the reduction's denominator.</param>
    /// <returns>The sum of the rows' losses (0 when the call does not reduce).</returns>
    CompensatedSum RunRows<TMode>(ReadOnlySpan<T> logits, ReadOnlySpan<TTarget> target, ReadOnlySpan<T> weight, int classes, Span<T> output, T scale)
        where TMode : struct, IBatchMode;
}

/// <summary>
/// Runs a row batch call in chunks of rows (about <see cref="BatchRunner.ChunkLength"/> values each, bounds from the
/// batch's shape alone) through <see cref="Chunks"/>: on up to the loss's degree of parallelism, bit for bit the same.
/// </summary>
internal static class RowRunner
{
    /// <summary>Runs <typeparamref name="TMode"/> over every row.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <typeparam name="TTarget">The target's element type.</typeparam>
    /// <typeparam name="TBatch">The loss.</typeparam>
    /// <typeparam name="TMode">The batch call.</typeparam>
    /// <param name="batch">The loss.</param>
    /// <param name="logits">The rows, rows × classes.</param>
    /// <param name="target">One target per row, or one target row per row.</param>
    /// <param name="weight">The weight of each row, or empty.</param>
    /// <param name="classes">The length of a row.</param>
    /// <param name="output">The call's output: one value per row, a gradient per row, or empty.</param>
    /// <param name="scale">The gradients' factor.</param>
    /// <param name="maxDegreeOfParallelism">At most this many threads; -1 for one per processor.</param>
    /// <returns>The sum of the losses, chunk by chunk in order.</returns>
    public static unsafe CompensatedSum Run<T, TTarget, TBatch, TMode>(
        TBatch batch, ReadOnlySpan<T> logits, ReadOnlySpan<TTarget> target, ReadOnlySpan<T> weight, int classes, Span<T> output, T scale, int maxDegreeOfParallelism)
        where T : struct
        where TTarget : struct
        where TBatch : class, IRowBatch<T, TTarget>
        where TMode : struct, IBatchMode
    {
        var rows = logits.Length / classes;
        var chunkRows = Math.Max(1, BatchRunner.ChunkLength / classes);
        if (rows < 2 * chunkRows)
        {
            return batch.RunRows<TMode>(logits, target, weight, classes, output, scale);
        }

        fixed (byte* l = MemoryMarshal.AsBytes(logits), t = MemoryMarshal.AsBytes(target), w = MemoryMarshal.AsBytes(weight), o = MemoryMarshal.AsBytes(output))
        {
            var pinned = new PinnedRows<T, TTarget, TBatch, TMode>(
                batch, (nint)l, (nint)t, (nint)w, weight.Length > 0, (nint)o, TMode.WritesGradient ? classes : TMode.WritesValues ? 1 : 0, classes, target.Length / rows, scale);
            return Chunks.Run(pinned, rows, chunkRows, maxDegreeOfParallelism);
        }
    }

    /// <summary>A pinned row batch: each chunk's spans rebuilt from the addresses.</summary>
    private readonly unsafe struct PinnedRows<T, TTarget, TBatch, TMode>(
        TBatch batch, nint logits, nint target, nint weight, bool weighted, nint output, int outputWidth, int classes, int targetWidth, T scale) : IChunkWork
        where T : struct
        where TTarget : struct
        where TBatch : class, IRowBatch<T, TTarget>
        where TMode : struct, IBatchMode
    {
        public CompensatedSum Run(int start, int count) => batch.RunRows<TMode>(
            new ReadOnlySpan<T>((void*)(logits + (nint)start * classes * Unsafe.SizeOf<T>()), count * classes),
            new ReadOnlySpan<TTarget>((void*)(target + (nint)start * targetWidth * Unsafe.SizeOf<TTarget>()), count * targetWidth),
            weighted ? new ReadOnlySpan<T>((void*)(weight + (nint)start * Unsafe.SizeOf<T>()), count) : default,
            classes,
            outputWidth > 0 ? new Span<T>((void*)(output + (nint)start * outputWidth * Unsafe.SizeOf<T>()), count * outputWidth) : default,
            scale);
    }
}
