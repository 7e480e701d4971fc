using System.Numerics;
using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;

namespace LossGen.Benchmarks;

/// <summary>
/// One loss, one element type: LossGen's generated <c>ValueAndGradient</c> (mean reduction) against the loop a
/// user writes by hand and against <see cref="System.Numerics.Tensors.TensorPrimitives"/> composed operation by
/// operation. Every contender returns the mean loss and writes the gradient of the mean into the same buffer.
/// </summary>
/// <remarks>
/// The setups of the naive and TensorPrimitives cases first check, once, that the contender computes what LossGen
/// computes (mean within a relative tolerance, every gradient element within a tolerance relative to the largest
/// gradient element) and throw if not: a contender that computes something else would be timing nothing useful.
/// </remarks>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public abstract class LossBenchmark<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private T[] _prediction = [];
    private T[] _target = [];
    private T[] _gradient = [];

    /// <summary>The number of elements.</summary>
    [Params(1_000, 1_000_000, 16_000_000)]
    public int N { get; set; }

    /// <summary>What the targets look like.</summary>
    protected abstract TargetKind Targets { get; }

    /// <summary>How many scratch buffers of N elements the TensorPrimitives composition needs.</summary>
    protected virtual int ScratchBuffers => 0;

    /// <summary>The scratch buffers (allocated only for the TensorPrimitives case).</summary>
    protected T[][] Scratch { get; private set; } = [];

    /// <summary>
    /// The tolerance of the check of the mean loss, relative. For float it is loose, 5e-3: TensorPrimitives' Sum and
    /// Dot accumulate in float, which at 16M elements drifts by about 1e-3 (LossGen and the naive loops accumulate in
    /// double). For double, 1e-9.
    /// </summary>
    protected virtual double MeanTolerance => typeof(T) == typeof(float) ? 5e-3 : 1e-9;

    /// <summary>The tolerance of the check of each gradient element, relative to the largest: 2e-4 for float, 1e-9 for double.</summary>
    protected virtual double GradientTolerance => typeof(T) == typeof(float) ? 2e-4 : 1e-9;

    [GlobalSetup(Target = nameof(LossGen))]
    public void SetupLossGen() => Allocate();

    [GlobalSetup(Target = nameof(Naive))]
    public void SetupNaive()
    {
        Allocate();
        Check.SameResult(nameof(Naive), MeanTolerance, GradientTolerance, _prediction, _target, RunLossGen, RunNaive);
    }

    [GlobalSetup(Target = nameof(TensorPrimitives))]
    public void SetupTensorPrimitives()
    {
        Allocate();
        Scratch = new T[ScratchBuffers][];
        for (var i = 0; i < Scratch.Length; i++)
        {
            Scratch[i] = new T[N];
        }

        Check.SameResult(nameof(TensorPrimitives), MeanTolerance, GradientTolerance, _prediction, _target, RunLossGen, RunTensorPrimitives);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _prediction = _target = _gradient = [];
        Scratch = [];
    }

    /// <summary>LossGen's generated <c>ValueAndGradient</c> with <see cref="Reduction.Mean"/>.</summary>
    [Benchmark(Baseline = true)]
    public T LossGen() => RunLossGen(_prediction, _target, _gradient);

    /// <summary>The scalar loop a user writes by hand.</summary>
    [Benchmark]
    public T Naive() => RunNaive(_prediction, _target, _gradient);

    /// <summary>TensorPrimitives, one vectorized pass per operation.</summary>
    [Benchmark]
    public T TensorPrimitives() => RunTensorPrimitives(_prediction, _target, _gradient);

    protected abstract T RunLossGen(ReadOnlySpan<T> prediction, ReadOnlySpan<T> target, Span<T> gradient);

    protected abstract T RunNaive(ReadOnlySpan<T> prediction, ReadOnlySpan<T> target, Span<T> gradient);

    protected abstract T RunTensorPrimitives(ReadOnlySpan<T> prediction, ReadOnlySpan<T> target, Span<T> gradient);

    /// <summary>Reinterprets a span of <typeparamref name="T"/> as <typeparamref name="TTo"/> (the same type).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected static ReadOnlySpan<TTo> As<TTo>(ReadOnlySpan<T> span)
        where TTo : unmanaged => System.Runtime.InteropServices.MemoryMarshal.Cast<T, TTo>(span);

    /// <summary>Reinterprets a span of <typeparamref name="T"/> as <typeparamref name="TTo"/> (the same type).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected static Span<TTo> As<TTo>(Span<T> span)
        where TTo : unmanaged => System.Runtime.InteropServices.MemoryMarshal.Cast<T, TTo>(span);

    /// <summary>Runs the checks of the naive loop and the TensorPrimitives composition for one N, without timing.</summary>
    public void CheckOnly()
    {
        SetupNaive();
        SetupTensorPrimitives();
        Cleanup();
    }

    private void Allocate()
    {
        _prediction = new T[N];
        _target = new T[N];
        _gradient = new T[N];
        Inputs.Fill<T>(_prediction, _target, Targets);
    }
}

/// <summary>The check that a contender computes LossGen's mean loss and gradient.</summary>
public static class Check
{
    public delegate T Run<T>(ReadOnlySpan<T> prediction, ReadOnlySpan<T> target, Span<T> gradient);

    /// <summary>Throws unless <paramref name="candidate"/> matches <paramref name="reference"/> within the tolerance.</summary>
    public static void SameResult<T>(string name, double meanTolerance, double gradientTolerance, T[] prediction, T[] target, Run<T> reference, Run<T> candidate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var expectedGradient = new T[prediction.Length];
        var actualGradient = new T[prediction.Length];
        var expected = double.CreateTruncating(reference(prediction, target, expectedGradient));
        var actual = double.CreateTruncating(candidate(prediction, target, actualGradient));

        var scale = 0.0;
        var worst = 0.0;
        var worstIndex = 0;
        for (var i = 0; i < prediction.Length; i++)
        {
            var e = double.CreateTruncating(expectedGradient[i]);
            var a = double.CreateTruncating(actualGradient[i]);
            scale = Math.Max(scale, Math.Abs(e));
            var error = Math.Abs(a - e);
            if (!(error <= worst))
            {
                worst = error;
                worstIndex = i;
            }
        }

        var meanError = Math.Abs(actual - expected) / Math.Abs(expected);
        var gradientError = worst / scale;
        Console.WriteLine(
            $"// Check {name} ({typeof(T).Name}, N = {prediction.Length}): mean {actual:R} vs LossGen {expected:R}, " +
            $"relative error {meanError:E2} (tolerance {meanTolerance:E1}); largest gradient error {gradientError:E2} of max |gradient| " +
            $"(element {worstIndex}; tolerance {gradientTolerance:E1})");
        if (!(meanError <= meanTolerance) || !(gradientError <= gradientTolerance))
        {
            throw new InvalidOperationException(
                $"{name} does not compute LossGen's result for {typeof(T).Name}, N = {prediction.Length}: mean {actual:R} vs {expected:R} " +
                $"(relative error {meanError:E2}), gradient error {gradientError:E2} of max |gradient| at element {worstIndex} " +
                $"({actualGradient[worstIndex]} vs {expectedGradient[worstIndex]}); tolerances {meanTolerance:E1} and {gradientTolerance:E1}.");
        }
    }
}
