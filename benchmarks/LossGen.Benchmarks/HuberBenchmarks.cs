using System.Numerics;
using BenchmarkDotNet.Attributes;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace LossGen.Benchmarks;

/// <summary>Huber loss with δ = 1 (PyTorch's default): ½r² where |r| &lt; δ, δ(|r| − ½δ) beyond; ∂ℓ/∂p = clamp(r, −δ, δ).</summary>
[GenericTypeArguments(typeof(float))]
[GenericTypeArguments(typeof(double))]
[IterationCount(BenchConfig.MemoryBoundIterations)]
public class HuberBenchmarks<T> : LossBenchmark<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>δ.</summary>
    public const double Delta = 1.0;

    private readonly Losses.HuberLoss<T> _loss = new(delta: T.CreateTruncating(Delta));

    protected override TargetKind Targets => TargetKind.Regression;

    protected override int ScratchBuffers => 2;

    protected override T RunLossGen(ReadOnlySpan<T> prediction, ReadOnlySpan<T> target, Span<T> gradient) =>
        _loss.ValueAndGradient(prediction, target, gradient, Reduction.Mean);

    protected override T RunNaive(ReadOnlySpan<T> prediction, ReadOnlySpan<T> target, Span<T> gradient) =>
        typeof(T) == typeof(float)
            ? T.CreateTruncating(NaiveFloat(As<float>(prediction), As<float>(target), As<float>(gradient)))
            : T.CreateTruncating(NaiveDouble(As<double>(prediction), As<double>(target), As<double>(gradient)));

    /// <remarks>
    /// With c = clamp(r, −δ, δ) the loss is c·(r − ½c) on both branches (½r² inside, δ|r| − ½δ² outside) and the
    /// derivative is c, so no element-wise select is needed.
    /// </remarks>
    protected override T RunTensorPrimitives(ReadOnlySpan<T> prediction, ReadOnlySpan<T> target, Span<T> gradient)
    {
        var residual = Scratch[0];
        var half = Scratch[1];
        var delta = T.CreateTruncating(Delta);
        var n = T.CreateTruncating(prediction.Length);
        TP.Subtract(prediction, target, residual);                       // r
        TP.Clamp<T>(residual, -delta, delta, gradient);                  // c = clamp(r, −δ, δ)
        TP.MultiplyAdd<T>(gradient, T.CreateTruncating(-0.5), residual, half); // r − ½c
        var sum = TP.Dot<T>(gradient, half);                             // Σ c(r − ½c)
        TP.Multiply(gradient, T.One / n, gradient);                      // c / N
        return sum / n;
    }

    private static float NaiveFloat(ReadOnlySpan<float> p, ReadOnlySpan<float> y, Span<float> g)
    {
        const float delta = (float)Delta;
        var n = p.Length;
        var scale = 1f / n;
        double sum = 0;
        for (var i = 0; i < n; i++)
        {
            var r = p[i] - y[i];
            var a = MathF.Abs(r);
            if (a < delta)
            {
                sum += 0.5f * r * r;
                g[i] = r * scale;
            }
            else
            {
                sum += delta * (a - 0.5f * delta);
                g[i] = delta * MathF.Sign(r) * scale;
            }
        }

        return (float)(sum / n);
    }

    private static double NaiveDouble(ReadOnlySpan<double> p, ReadOnlySpan<double> y, Span<double> g)
    {
        const double delta = Delta;
        var n = p.Length;
        var scale = 1.0 / n;
        var sum = 0.0;
        for (var i = 0; i < n; i++)
        {
            var r = p[i] - y[i];
            var a = Math.Abs(r);
            if (a < delta)
            {
                sum += 0.5 * r * r;
                g[i] = r * scale;
            }
            else
            {
                sum += delta * (a - 0.5 * delta);
                g[i] = delta * Math.Sign(r) * scale;
            }
        }

        return sum / n;
    }
}
