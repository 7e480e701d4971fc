using System.Numerics;
using BenchmarkDotNet.Attributes;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace LossGen.Benchmarks;

/// <summary>Mean squared error: ℓ = (p − y)², ∂ℓ/∂p = 2(p − y).</summary>
[GenericTypeArguments(typeof(float))]
[GenericTypeArguments(typeof(double))]
[IterationCount(BenchConfig.MemoryBoundIterations)]
public class MseBenchmarks<T> : LossBenchmark<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Losses.MeanSquaredErrorLoss<T> _loss = new();

    protected override TargetKind Targets => TargetKind.Regression;

    protected override T RunLossGen(ReadOnlySpan<T> prediction, ReadOnlySpan<T> target, Span<T> gradient) =>
        _loss.ValueAndGradient(prediction, target, gradient, Reduction.Mean);

    protected override T RunNaive(ReadOnlySpan<T> prediction, ReadOnlySpan<T> target, Span<T> gradient) =>
        typeof(T) == typeof(float)
            ? T.CreateTruncating(NaiveFloat(As<float>(prediction), As<float>(target), As<float>(gradient)))
            : T.CreateTruncating(NaiveDouble(As<double>(prediction), As<double>(target), As<double>(gradient)));

    protected override T RunTensorPrimitives(ReadOnlySpan<T> prediction, ReadOnlySpan<T> target, Span<T> gradient)
    {
        var n = T.CreateTruncating(prediction.Length);
        TP.Subtract(prediction, target, gradient);          // r = p − y
        var sum = TP.SumOfSquares<T>(gradient);             // Σ r²
        TP.Multiply(gradient, T.CreateTruncating(2) / n, gradient); // 2r / N
        return sum / n;
    }

    private static float NaiveFloat(ReadOnlySpan<float> p, ReadOnlySpan<float> y, Span<float> g)
    {
        var n = p.Length;
        var scale = 2f / n;
        double sum = 0;
        for (var i = 0; i < n; i++)
        {
            var r = p[i] - y[i];
            sum += r * r;
            g[i] = scale * r;
        }

        return (float)(sum / n);
    }

    private static double NaiveDouble(ReadOnlySpan<double> p, ReadOnlySpan<double> y, Span<double> g)
    {
        var n = p.Length;
        var scale = 2.0 / n;
        var sum = 0.0;
        for (var i = 0; i < n; i++)
        {
            var r = p[i] - y[i];
            sum += r * r;
            g[i] = scale * r;
        }

        return sum / n;
    }
}
