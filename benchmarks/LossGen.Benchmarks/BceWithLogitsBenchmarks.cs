using System.Numerics;
using BenchmarkDotNet.Attributes;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace LossGen.Benchmarks;

/// <summary>
/// Binary cross-entropy with logits (pos_weight 1): ℓ = max(x, 0) − x·y + log(1 + e^−|x|), ∂ℓ/∂x = σ(x) − y.
/// </summary>
[GenericTypeArguments(typeof(float))]
[GenericTypeArguments(typeof(double))]
public class BceWithLogitsBenchmarks<T> : LossBenchmark<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Losses.BinaryCrossEntropyWithLogitsLoss<T> _loss = new();

    protected override TargetKind Targets => TargetKind.Binary;

    protected override int ScratchBuffers => 2;

    protected override T RunLossGen(ReadOnlySpan<T> prediction, ReadOnlySpan<T> target, Span<T> gradient) =>
        _loss.ValueAndGradient(prediction, target, gradient, Reduction.Mean);

    protected override T RunNaive(ReadOnlySpan<T> prediction, ReadOnlySpan<T> target, Span<T> gradient) =>
        typeof(T) == typeof(float)
            ? T.CreateTruncating(NaiveFloat(As<float>(prediction), As<float>(target), As<float>(gradient)))
            : T.CreateTruncating(NaiveDouble(As<double>(prediction), As<double>(target), As<double>(gradient)));

    protected override T RunTensorPrimitives(ReadOnlySpan<T> prediction, ReadOnlySpan<T> target, Span<T> gradient)
    {
        var softplus = Scratch[0];
        var positive = Scratch[1];
        var n = T.CreateTruncating(prediction.Length);
        TP.Abs(prediction, softplus);                  // |x|
        TP.Negate(softplus, softplus);                 // −|x|
        TP.Exp(softplus, softplus);                    // e^−|x|
        TP.LogP1(softplus, softplus);                  // log(1 + e^−|x|)
        TP.Max(prediction, T.Zero, positive);          // max(x, 0)
        TP.Add(softplus, positive, softplus);          // softplus(x)
        var sum = TP.Sum<T>(softplus) - TP.Dot(prediction, target); // Σ softplus(x) − x·y
        TP.Sigmoid(prediction, gradient);              // σ(x)
        TP.Subtract(gradient, target, gradient);       // σ(x) − y
        TP.Multiply(gradient, T.One / n, gradient);    // / N
        return sum / n;
    }

    private static float NaiveFloat(ReadOnlySpan<float> p, ReadOnlySpan<float> y, Span<float> g)
    {
        var n = p.Length;
        var scale = 1f / n;
        double sum = 0;
        for (var i = 0; i < n; i++)
        {
            var x = p[i];
            var t = y[i];
            sum += MathF.Max(x, 0f) - x * t + MathF.Log(1f + MathF.Exp(-MathF.Abs(x)));
            var sigmoid = 1f / (1f + MathF.Exp(-x));
            g[i] = (sigmoid - t) * scale;
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
            var x = p[i];
            var t = y[i];
            sum += Math.Max(x, 0.0) - x * t + Math.Log(1.0 + Math.Exp(-Math.Abs(x)));
            var sigmoid = 1.0 / (1.0 + Math.Exp(-x));
            g[i] = (sigmoid - t) * scale;
        }

        return sum / n;
    }
}
