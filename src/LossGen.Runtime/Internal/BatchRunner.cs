using System;
using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Threading.Tasks;

namespace LossGen.Internal;

/// <summary>The generated code of one batch call, run over one chunk of the batch. Not for direct use.</summary>
/// <typeparam name="T">The element type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IBatchBody<T>
{
    /// <summary>Computes the chunk's outputs and returns the sum of its losses (0 when the call does not reduce).</summary>
    /// <param name="spans">The chunk.</param>
    /// <returns>The chunk's sum.</returns>
    CompensatedSum Run(BatchSpans<T> spans);
}

/// <summary>
/// Splits a batch into chunks whose bounds depend on its length alone, runs them on up to the requested number of
/// threads, and adds their sums in chunk order, so the result is bit for bit the same whatever the degree of
/// parallelism. Not for direct use.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class BatchRunner
{
    /// <summary>
    /// Elements per chunk (the last chunk takes the remainder, up to twice this). Large enough that scheduling costs
    /// nothing next to the work, small enough that two threads share a batch of a million elements evenly.
    /// </summary>
    public const int ChunkLength = 1 << 15;

    /// <summary>Runs <paramref name="body"/> over every chunk of <paramref name="spans"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <typeparam name="TBody">The generated batch call.</typeparam>
    /// <param name="body">The batch call.</param>
    /// <param name="spans">The batch.</param>
    /// <param name="maxDegreeOfParallelism">At most this many threads; -1 for one per processor.</param>
    /// <returns>The sum of the losses, chunk by chunk in order.</returns>
    public static CompensatedSum Run<T, TBody>(TBody body, BatchSpans<T> spans, int maxDegreeOfParallelism)
        where T : struct
        where TBody : struct, IBatchBody<T>
    {
        var chunks = Math.Max(1, spans.Length / ChunkLength);
        if (chunks == 1)
        {
            return body.Run(spans);
        }

        var degree = maxDegreeOfParallelism == -1 ? Environment.ProcessorCount : maxDegreeOfParallelism;
        var partials = new CompensatedSum[chunks];
        if (degree == 1)
        {
            for (var i = 0; i < chunks; i++)
            {
                var (start, length) = Chunk(i, chunks, spans.Length);
                partials[i] = body.Run(spans.Slice(start, length));
            }
        }
        else
        {
            RunInParallel(body, spans, partials, degree);
        }

        var total = new CompensatedSum();
        foreach (var partial in partials)
        {
            total.Add(partial);
        }

        return total;
    }

    private static (int Start, int Length) Chunk(int index, int chunks, int length) =>
        (index * ChunkLength, index == chunks - 1 ? length - index * ChunkLength : ChunkLength);

    /// <summary>
    /// Spans cannot cross to other threads, so the memory is pinned and each worker rebuilds its chunk's spans from
    /// the addresses; the pins hold until every worker has finished.
    /// </summary>
    private static unsafe void RunInParallel<T, TBody>(TBody body, BatchSpans<T> spans, CompensatedSum[] partials, int degree)
        where T : struct
        where TBody : struct, IBatchBody<T>
    {
        fixed (byte* in0 = MemoryMarshal.AsBytes(spans.In0), in1 = MemoryMarshal.AsBytes(spans.In1), in2 = MemoryMarshal.AsBytes(spans.In2),
               in3 = MemoryMarshal.AsBytes(spans.In3), in4 = MemoryMarshal.AsBytes(spans.In4), in5 = MemoryMarshal.AsBytes(spans.In5),
               out0 = MemoryMarshal.AsBytes(spans.Out0), out1 = MemoryMarshal.AsBytes(spans.Out1), out2 = MemoryMarshal.AsBytes(spans.Out2), out3 = MemoryMarshal.AsBytes(spans.Out3))
        {
            var pinned = new PinnedBatch(spans.Length, [(nint)in0, (nint)in1, (nint)in2, (nint)in3, (nint)in4, (nint)in5],
                [spans.In0.Length, spans.In1.Length, spans.In2.Length, spans.In3.Length, spans.In4.Length, spans.In5.Length],
                [(nint)out0, (nint)out1, (nint)out2, (nint)out3], [spans.Out0.Length, spans.Out1.Length, spans.Out2.Length, spans.Out3.Length]);
            Parallel.For(0, partials.Length, new ParallelOptions { MaxDegreeOfParallelism = degree }, i =>
            {
                var (start, length) = Chunk(i, partials.Length, pinned.Length);
                partials[i] = body.Run(pinned.Spans<T>().Slice(start, length));
            });
        }
    }

    private sealed class PinnedBatch(int length, nint[] inputs, int[] inputLengths, nint[] outputs, int[] outputLengths)
    {
        public int Length => length;

        public unsafe BatchSpans<T> Spans<T>()
            where T : struct => new(length)
        {
            In0 = new ReadOnlySpan<T>((void*)inputs[0], inputLengths[0]),
            In1 = new ReadOnlySpan<T>((void*)inputs[1], inputLengths[1]),
            In2 = new ReadOnlySpan<T>((void*)inputs[2], inputLengths[2]),
            In3 = new ReadOnlySpan<T>((void*)inputs[3], inputLengths[3]),
            In4 = new ReadOnlySpan<T>((void*)inputs[4], inputLengths[4]),
            In5 = new ReadOnlySpan<T>((void*)inputs[5], inputLengths[5]),
            Out0 = new Span<T>((void*)outputs[0], outputLengths[0]),
            Out1 = new Span<T>((void*)outputs[1], outputLengths[1]),
            Out2 = new Span<T>((void*)outputs[2], outputLengths[2]),
            Out3 = new Span<T>((void*)outputs[3], outputLengths[3]),
        };
    }
}
