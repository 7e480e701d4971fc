using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;

namespace LossGen.Benchmarks;

/// <summary>
/// The memory-bandwidth probe: read two spans, write one (g = p − y), in a tight vectorized loop. It moves exactly
/// the bytes a loss's <c>ValueAndGradient</c> must move, so at 16M elements (192 MB of float, 384 MB of double,
/// far beyond the caches) it is the floor for any such loss; MSE does nearly nothing else.
/// </summary>
[GenericTypeArguments(typeof(float))]
[GenericTypeArguments(typeof(double))]
[IterationCount(BenchConfig.MemoryBoundIterations)]
public class BandwidthProbe<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private T[] _prediction = [];
    private T[] _target = [];
    private T[] _gradient = [];

    [Params(1_000, 1_000_000, 16_000_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _prediction = new T[N];
        _target = new T[N];
        _gradient = new T[N];
        Inputs.Fill<T>(_prediction, _target, TargetKind.Regression);
    }

    [GlobalCleanup]
    public void Cleanup() => _prediction = _target = _gradient = [];

    /// <summary>g = p − y over the whole span.</summary>
    [Benchmark]
    public void ReadTwoWriteOne() => Kernels.Subtract<T>(_prediction, _target, _gradient);
}

/// <summary>
/// Degree of parallelism at 16M float elements: LossGen's Focal and LogCosh with <c>MaxDegreeOfParallelism</c> 1 and
/// 2, the bandwidth probe on 1 and 2 threads, and a compute-only probe on 1 and 2 threads.
/// </summary>
/// <remarks>
/// The compute-only probe does a fixed total amount of 512-bit (or 256-bit) fused multiply-adds, split evenly
/// between the threads, touching no memory. <see cref="ComputeThroughput"/> keeps 12 independent chains per
/// thread, enough to fill both FMA pipes of one core: if the two vCPUs were hyper-threads of one physical core,
/// its 2-thread speedup would stay near 1×, the same ceiling a compute-bound loss would hit.
/// <see cref="ComputeLatency"/> is one dependent chain per thread; it scales even on hyper-threads (each thread
/// only waits on FMA latency), so it shows what scaling looks like when the core has idle units to share.
/// </remarks>
public class ParallelBenchmarks
{
    /// <summary>The fused multiply-adds of one compute probe call, in vectors, whatever the thread count.</summary>
    public const long ComputeSteps = 1L << 27;

    private float[] _prediction = [];
    private float[] _target = [];
    private float[] _gradient = [];
    private Losses.FocalLoss<float> _focal = new();
    private Losses.LogCoshLoss<float> _logCosh = new();

    [Params(16_000_000)]
    public int N { get; set; }

    /// <summary>LossGen's <c>MaxDegreeOfParallelism</c>, or the probe's thread count.</summary>
    [Params(1, 2)]
    public int Degree { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _prediction = new float[N];
        _target = new float[N];
        _gradient = new float[N];
        _focal = new Losses.FocalLoss<float>() { MaxDegreeOfParallelism = Degree };
        _logCosh = new Losses.LogCoshLoss<float>() { MaxDegreeOfParallelism = Degree };
        ThreadPool.GetMinThreads(out var worker, out var io);
        ThreadPool.SetMinThreads(Math.Max(worker, Environment.ProcessorCount), io);
    }

    [GlobalSetup(Target = nameof(Focal))]
    public void SetupFocal()
    {
        Setup();
        Inputs.Fill<float>(_prediction, _target, TargetKind.Binary);
        var sequential = new Losses.FocalLoss<float>();
        CheckDegreeAgrees((p, y, g) => sequential.ValueAndGradient(p, y, g), (p, y, g) => _focal.ValueAndGradient(p, y, g));
    }

    [GlobalSetup(Target = nameof(LogCosh))]
    public void SetupLogCosh()
    {
        Setup();
        Inputs.Fill<float>(_prediction, _target, TargetKind.Regression);
        var sequential = new Losses.LogCoshLoss<float>();
        CheckDegreeAgrees((p, y, g) => sequential.ValueAndGradient(p, y, g), (p, y, g) => _logCosh.ValueAndGradient(p, y, g));
    }

    [GlobalSetup(Target = nameof(BandwidthProbe))]
    public void SetupBandwidthProbe()
    {
        Setup();
        Inputs.Fill<float>(_prediction, _target, TargetKind.Regression);
    }

    [GlobalCleanup]
    public void Cleanup() => _prediction = _target = _gradient = [];

    /// <summary>LossGen's Focal (α 0.25, γ 2), mean, at <see cref="Degree"/>.</summary>
    [Benchmark]
    public float Focal() => _focal.ValueAndGradient(_prediction, _target, _gradient, Reduction.Mean);

    /// <summary>LossGen's LogCosh, mean, at <see cref="Degree"/>.</summary>
    [Benchmark]
    public float LogCosh() => _logCosh.ValueAndGradient(_prediction, _target, _gradient, Reduction.Mean);

    /// <summary>g = p − y on <see cref="Degree"/> threads, each on one contiguous part.</summary>
    [Benchmark]
    public void BandwidthProbe()
    {
        if (Degree == 1)
        {
            Kernels.Subtract<float>(_prediction, _target, _gradient);
            return;
        }

        var chunk = (N + Degree - 1) / Degree;
        Parallel.For(0, Degree, new ParallelOptions { MaxDegreeOfParallelism = Degree }, part =>
        {
            var start = part * chunk;
            var length = Math.Min(chunk, N - start);
            Kernels.Subtract<float>(_prediction.AsSpan(start, length), _target.AsSpan(start, length), _gradient.AsSpan(start, length));
        });
    }

    /// <summary>Fixed total FMA work, 12 independent chains per thread: throughput-bound.</summary>
    [Benchmark]
    public float ComputeThroughput() => RunOnThreads(Kernels.FmaThroughput);

    /// <summary>Fixed total FMA work, one dependent chain per thread: latency-bound.</summary>
    [Benchmark]
    public float ComputeLatency() => RunOnThreads(Kernels.FmaLatency);

    private float RunOnThreads(Func<long, float> kernel)
    {
        if (Degree == 1)
        {
            return kernel(ComputeSteps);
        }

        var results = new float[Degree];
        Parallel.For(0, Degree, new ParallelOptions { MaxDegreeOfParallelism = Degree }, part =>
            results[part] = kernel(ComputeSteps / Degree));
        return results.Sum();
    }

    private void CheckDegreeAgrees(Check.Run<float> sequential, Check.Run<float> parallel) =>
        Check.SameResult($"{nameof(Losses.FocalLoss<float>.MaxDegreeOfParallelism)} = {Degree}", 0.0, 0.0, _prediction, _target, sequential, parallel);
}

/// <summary>The probes' loops.</summary>
public static class Kernels
{
    /// <summary>g = p − y, with the widest hardware vectors.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Subtract<T>(ReadOnlySpan<T> p, ReadOnlySpan<T> y, Span<T> g)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var n = p.Length;
        ref var pr = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(p);
        ref var yr = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(y);
        ref var gr = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(g);
        nuint i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var width = (nuint)Vector512<T>.Count;
            for (; i + 2 * width <= (nuint)n; i += 2 * width)
            {
                (Vector512.LoadUnsafe(ref pr, i) - Vector512.LoadUnsafe(ref yr, i)).StoreUnsafe(ref gr, i);
                (Vector512.LoadUnsafe(ref pr, i + width) - Vector512.LoadUnsafe(ref yr, i + width)).StoreUnsafe(ref gr, i + width);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var width = (nuint)Vector256<T>.Count;
            for (; i + 2 * width <= (nuint)n; i += 2 * width)
            {
                (Vector256.LoadUnsafe(ref pr, i) - Vector256.LoadUnsafe(ref yr, i)).StoreUnsafe(ref gr, i);
                (Vector256.LoadUnsafe(ref pr, i + width) - Vector256.LoadUnsafe(ref yr, i + width)).StoreUnsafe(ref gr, i + width);
            }
        }

        for (; i < (nuint)n; i++)
        {
            Unsafe.Add(ref gr, i) = Unsafe.Add(ref pr, i) - Unsafe.Add(ref yr, i);
        }
    }

    /// <summary>
    /// <paramref name="steps"/> vector FMAs in 12 independent chains: enough in flight (FMA latency 4 cycles, 2 pipes on
    /// the cores this runs on, so 8 needed) to be bound by the core's FMA throughput, not by latency.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static float FmaThroughput(long steps)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            var m = Vector512.Create(0.999_999f);
            var c = Vector512.Create(1e-7f);
            Vector512<float> a0 = Vector512.Create(1f), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0;
            Vector512<float> a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
            for (var i = 0L; i < steps; i += 12)
            {
                a0 = Vector512.FusedMultiplyAdd(a0, m, c);
                a1 = Vector512.FusedMultiplyAdd(a1, m, c);
                a2 = Vector512.FusedMultiplyAdd(a2, m, c);
                a3 = Vector512.FusedMultiplyAdd(a3, m, c);
                a4 = Vector512.FusedMultiplyAdd(a4, m, c);
                a5 = Vector512.FusedMultiplyAdd(a5, m, c);
                a6 = Vector512.FusedMultiplyAdd(a6, m, c);
                a7 = Vector512.FusedMultiplyAdd(a7, m, c);
                a8 = Vector512.FusedMultiplyAdd(a8, m, c);
                a9 = Vector512.FusedMultiplyAdd(a9, m, c);
                a10 = Vector512.FusedMultiplyAdd(a10, m, c);
                a11 = Vector512.FusedMultiplyAdd(a11, m, c);
            }

            return Vector512.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
        }
        else
        {
            var m = Vector256.Create(0.999_999f);
            var c = Vector256.Create(1e-7f);
            Vector256<float> a0 = Vector256.Create(1f), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0;
            Vector256<float> a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
            for (var i = 0L; i < steps; i += 12)
            {
                a0 = Vector256.FusedMultiplyAdd(a0, m, c);
                a1 = Vector256.FusedMultiplyAdd(a1, m, c);
                a2 = Vector256.FusedMultiplyAdd(a2, m, c);
                a3 = Vector256.FusedMultiplyAdd(a3, m, c);
                a4 = Vector256.FusedMultiplyAdd(a4, m, c);
                a5 = Vector256.FusedMultiplyAdd(a5, m, c);
                a6 = Vector256.FusedMultiplyAdd(a6, m, c);
                a7 = Vector256.FusedMultiplyAdd(a7, m, c);
                a8 = Vector256.FusedMultiplyAdd(a8, m, c);
                a9 = Vector256.FusedMultiplyAdd(a9, m, c);
                a10 = Vector256.FusedMultiplyAdd(a10, m, c);
                a11 = Vector256.FusedMultiplyAdd(a11, m, c);
            }

            return Vector256.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
        }
    }

    /// <summary><paramref name="steps"/> / 12 vector FMAs in one dependent chain (as many cycles as 12 throughput-bound steps take on one core, roughly).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static float FmaLatency(long steps)
    {
        var m = Vector256.Create(0.999_999f);
        var c = Vector256.Create(1e-7f);
        var a = Vector256.Create(1f);
        for (var i = 0L; i < steps; i += 12)
        {
            a = Vector256.FusedMultiplyAdd(a, m, c);
        }

        return Vector256.Sum(a);
    }
}
