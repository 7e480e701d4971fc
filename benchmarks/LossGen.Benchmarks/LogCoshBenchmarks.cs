using System.Numerics;
using BenchmarkDotNet.Attributes;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace LossGen.Benchmarks;

/// <summary>Log-cosh: ℓ = log(cosh(p − y)), ∂ℓ/∂p = tanh(p − y).</summary>
[GenericTypeArguments(typeof(float))]
[GenericTypeArguments(typeof(double))]
public class LogCoshBenchmarks<T> : LossBenchmark<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Losses.LogCoshLoss<T> _loss = new();

    protected override TargetKind Targets => TargetKind.Regression;

    protected override int ScratchBuffers => 1;

    protected override T RunLossGen(ReadOnlySpan<T> prediction, ReadOnlySpan<T> target, Span<T> gradient) =>
        _loss.ValueAndGradient(prediction, target, gradient, Reduction.Mean);

    protected override T RunNaive(ReadOnlySpan<T> prediction, ReadOnlySpan<T> target, Span<T> gradient) =>
        typeof(T) == typeof(float)
            ? T.CreateTruncating(NaiveFloat(As<float>(prediction), As<float>(target), As<float>(gradient)))
            : T.CreateTruncating(NaiveDouble(As<double>(prediction), As<double>(target), As<double>(gradient)));

    protected override T RunTensorPrimitives(ReadOnlySpan<T> prediction, ReadOnlySpan<T> target, Span<T> gradient)
    {
        var residual = Scratch[0];
        var n = T.CreateTruncating(prediction.Length);
        TP.Subtract(prediction, target, residual);   // r
        TP.Tanh(residual, gradient);                 // tanh r
        TP.Multiply(gradient, T.One / n, gradient);  // / N
        TP.Cosh(residual, residual);                 // cosh r
        TP.Log(residual, residual);                  // log cosh r
        return TP.Sum<T>(residual) / n;
    }

    private static float NaiveFloat(ReadOnlySpan<float> p, ReadOnlySpan<float> y, Span<float> g)
    {
        var n = p.Length;
        var scale = 1f / n;
        double sum = 0;
        for (var i = 0; i < n; i++)
        {
            var r = p[i] - y[i];
            sum += MathF.Log(MathF.Cosh(r));
            g[i] = MathF.Tanh(r) * scale;
        }

        return (float)(sum / n);
    }

    private static double NaiveDouble(ReadOnlySpan<double> p, ReadOnlySpan<double> y, Span<double> g)
    {
        var n = p.Length;
        var scale = 1.0 / n;
        var sum = 0.0;
        for (var i = 0; i < n; i++)
        {
            var r = p[i] - y[i];
            sum += Math.Log(Math.Cosh(r));
            g[i] = Math.Tanh(r) * scale;
        }

        return sum / n;
    }
}
