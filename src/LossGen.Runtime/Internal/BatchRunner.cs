using System;
using System.ComponentModel;
using System.Runtime.InteropServices;

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
/// Runs an element batch in chunks of <see cref="ChunkLength"/> elements through <see cref="Chunks"/>: bounds from its
/// length alone, sums added in chunk order, so the result is bit for bit the same whatever the degree of parallelism.
/// Not for direct use.
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
    public static unsafe CompensatedSum Run<T, TBody>(TBody body, BatchSpans<T> spans, int maxDegreeOfParallelism)
        where T : struct
        where TBody : struct, IBatchBody<T>
    {
        if (spans.Length < 2 * ChunkLength)
        {
            return body.Run(spans);
        }

        // Spans cannot cross to other threads, so the memory is pinned and each chunk rebuilds its spans from the addresses.
        fixed (byte* in0 = MemoryMarshal.AsBytes(spans.In0), in1 = MemoryMarshal.AsBytes(spans.In1), in2 = MemoryMarshal.AsBytes(spans.In2),
               in3 = MemoryMarshal.AsBytes(spans.In3), in4 = MemoryMarshal.AsBytes(spans.In4), in5 = MemoryMarshal.AsBytes(spans.In5),
               out0 = MemoryMarshal.AsBytes(spans.Out0), out1 = MemoryMarshal.AsBytes(spans.Out1), out2 = MemoryMarshal.AsBytes(spans.Out2), out3 = MemoryMarshal.AsBytes(spans.Out3))
        {
            var pinned = new PinnedBatch<T, TBody>(body, spans.Length, [(nint)in0, (nint)in1, (nint)in2, (nint)in3, (nint)in4, (nint)in5],
                [spans.In0.Length, spans.In1.Length, spans.In2.Length, spans.In3.Length, spans.In4.Length, spans.In5.Length],
                [(nint)out0, (nint)out1, (nint)out2, (nint)out3], [spans.Out0.Length, spans.Out1.Length, spans.Out2.Length, spans.Out3.Length]);
            return Chunks.Run(pinned, spans.Length, ChunkLength, maxDegreeOfParallelism);
        }
    }

    /// <summary>A pinned batch: its chunks' spans rebuilt from the addresses.</summary>
    private readonly struct PinnedBatch<T, TBody>(TBody body, int length, nint[] inputs, int[] inputLengths, nint[] outputs, int[] outputLengths) : IChunkWork
        where T : struct
        where TBody : struct, IBatchBody<T>
    {
        public CompensatedSum Run(int start, int count) => body.Run(Spans().Slice(start, count));

        private unsafe BatchSpans<T> Spans() => new(length)
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
