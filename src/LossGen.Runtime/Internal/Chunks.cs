using System;
using System.Threading.Tasks;

namespace LossGen.Internal;

/// <summary>The work of one batch call over a range of its items (elements or rows), on memory pinned for the call.</summary>
internal interface IChunkWork
{
    /// <summary>Computes the outputs of items [<paramref name="start"/>, <paramref name="start"/> + <paramref name="count"/>) and returns the sum of their losses.</summary>
    /// <param name="start">The first item.</param>
    /// <param name="count">The number of items.</param>
    /// <returns>Their sum (0 when the call does not reduce).</returns>
    CompensatedSum Run(int start, int count);
}

/// <summary>
/// Splits a batch of items into chunks whose bounds depend on its length alone, runs them on up to the requested number
/// of threads, and adds their sums in chunk order: the result is bit for bit the same whatever the degree of parallelism.
/// Element and row batches both run through it.
/// </summary>
internal static class Chunks
{
    /// <summary>Runs <paramref name="work"/> over chunks of <paramref name="chunkLength"/> items (the last takes the remainder, up to twice that).</summary>
    /// <typeparam name="TWork">The batch call.</typeparam>
    /// <param name="work">The batch call.</param>
    /// <param name="count">The number of items.</param>
    /// <param name="chunkLength">Items per chunk.</param>
    /// <param name="maxDegreeOfParallelism">At most this many threads; -1 for one per processor.</param>
    /// <returns>The sum of the losses, chunk by chunk in order.</returns>
    public static CompensatedSum Run<TWork>(TWork work, int count, int chunkLength, int maxDegreeOfParallelism)
        where TWork : struct, IChunkWork
    {
        var chunks = Math.Max(1, count / chunkLength);
        if (chunks == 1)
        {
            return work.Run(0, count);
        }

        var partials = new CompensatedSum[chunks];
        var degree = maxDegreeOfParallelism == -1 ? Environment.ProcessorCount : maxDegreeOfParallelism;
        if (degree == 1)
        {
            for (var i = 0; i < chunks; i++)
            {
                partials[i] = Chunk(work, i, chunks, count, chunkLength);
            }
        }
        else
        {
            Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = degree }, i => partials[i] = Chunk(work, i, chunks, count, chunkLength));
        }

        var total = new CompensatedSum();
        foreach (var partial in partials)
        {
            total.Add(partial);
        }

        return total;
    }

    private static CompensatedSum Chunk<TWork>(TWork work, int index, int chunks, int count, int chunkLength)
        where TWork : struct, IChunkWork =>
        work.Run(index * chunkLength, index == chunks - 1 ? count - index * chunkLength : chunkLength);
}
