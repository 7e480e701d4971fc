using System.Numerics;
using BenchmarkDotNet.Attributes;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace LossGen.Benchmarks;

/// <summary>
/// Focal loss on logits, α = 0.25, γ = 2 (torchvision's <c>sigmoid_focal_loss</c>): with p = σ(x),
/// pₜ = p·y + (1 − p)(1 − y), αₜ = α·y + (1 − α)(1 − y) and CE the binary cross-entropy with logits,
/// ℓ = αₜ (1 − pₜ)^γ CE and ∂ℓ/∂x = αₜ [γ (1 − pₜ)^(γ−1) p(1 − p)(1 − 2y) CE + (1 − pₜ)^γ (p − y)].
/// </summary>
[GenericTypeArguments(typeof(float))]
[GenericTypeArguments(typeof(double))]
public class FocalBenchmarks<T> : LossBenchmark<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>α.</summary>
    public const double Alpha = 0.25;

    /// <summary>γ.</summary>
    public const double Gamma = 2.0;

    private readonly Losses.FocalLoss<T> _loss = new(alpha: T.CreateTruncating(Alpha), gamma: T.CreateTruncating(Gamma));

    protected override TargetKind Targets => TargetKind.Binary;

    protected override int ScratchBuffers => 7;

    protected override T RunLossGen(ReadOnlySpan<T> prediction, ReadOnlySpan<T> target, Span<T> gradient) =>
        _loss.ValueAndGradient(prediction, target, gradient, Reduction.Mean);

    protected override T RunNaive(ReadOnlySpan<T> prediction, ReadOnlySpan<T> target, Span<T> gradient) =>
        typeof(T) == typeof(float)
            ? T.CreateTruncating(NaiveFloat(As<float>(prediction), As<float>(target), As<float>(gradient)))
            : T.CreateTruncating(NaiveDouble(As<double>(prediction), As<double>(target), As<double>(gradient)));

    /// <remarks>
    /// γ is a hyperparameter, so the powers are computed for any γ, as exp(γ' log(1 − pₜ)) (TensorPrimitives.Pow
    /// is not vectorized); the naive loop uses MathF.Pow.
    /// </remarks>
    protected override T RunTensorPrimitives(ReadOnlySpan<T> prediction, ReadOnlySpan<T> target, Span<T> gradient)
    {
        var p = Scratch[0];
        var ce = Scratch[1];
        var oneMinus2Y = Scratch[2];
        var miss = Scratch[3];
        var alphaT = Scratch[4];
        var powGammaMinus1 = Scratch[5];
        var powGamma = Scratch[6];
        var alpha = T.CreateTruncating(Alpha);
        var gamma = T.CreateTruncating(Gamma);
        var n = T.CreateTruncating(prediction.Length);

        TP.Sigmoid(prediction, p);                                   // p = σ(x)

        TP.Abs(prediction, ce);                                      // CE = max(x, 0) − x·y + log(1 + e^−|x|)
        TP.Negate(ce, ce);
        TP.Exp(ce, ce);
        TP.LogP1(ce, ce);
        TP.Max(prediction, T.Zero, miss);
        TP.Add(ce, miss, ce);
        TP.Multiply(prediction, target, miss);
        TP.Subtract(ce, miss, ce);

        TP.Multiply(target, T.CreateTruncating(-2), oneMinus2Y);     // 1 − 2y
        TP.Add(oneMinus2Y, T.One, oneMinus2Y);
        TP.MultiplyAdd(p, oneMinus2Y, target, miss);                 // 1 − pₜ = p(1 − 2y) + y
        TP.Multiply(target, T.CreateTruncating(2 * Alpha - 1), alphaT); // αₜ = (1 − α) + (2α − 1)y
        TP.Add(alphaT, T.One - alpha, alphaT);

        TP.Log(miss, powGammaMinus1);                                // (1 − pₜ)^(γ−1)
        TP.Multiply(powGammaMinus1, gamma - T.One, powGammaMinus1);
        TP.Exp(powGammaMinus1, powGammaMinus1);
        TP.Multiply(miss, powGammaMinus1, powGamma);                 // (1 − pₜ)^γ

        TP.Multiply(powGamma, alphaT, gradient);                     // loss: Σ αₜ (1 − pₜ)^γ CE
        var sum = TP.Dot<T>(gradient, ce);

        TP.Multiply(p, p, miss);                                     // p(1 − p)
        TP.Subtract(p, miss, miss);
        TP.Multiply(miss, oneMinus2Y, miss);                         // γ (1 − pₜ)^(γ−1) p(1 − p)(1 − 2y) CE
        TP.Multiply(miss, ce, miss);
        TP.Multiply(miss, powGammaMinus1, miss);
        TP.Multiply(miss, gamma, miss);
        TP.Subtract(p, target, p);                                   // + (1 − pₜ)^γ (p − y)
        TP.MultiplyAdd(p, powGamma, miss, miss);
        TP.Multiply(miss, alphaT, miss);                             // · αₜ / N
        TP.Multiply(miss, T.One / n, gradient);
        return sum / n;
    }

    private static float NaiveFloat(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> g)
    {
        const float alpha = (float)Alpha;
        const float gamma = (float)Gamma;
        var n = x.Length;
        var scale = 1f / n;
        double sum = 0;
        for (var i = 0; i < n; i++)
        {
            var logit = x[i];
            var t = y[i];
            var p = 1f / (1f + MathF.Exp(-logit));
            var ce = MathF.Max(logit, 0f) - logit * t + MathF.Log(1f + MathF.Exp(-MathF.Abs(logit)));
            var pt = p * t + (1f - p) * (1f - t);
            var alphaT = alpha * t + (1f - alpha) * (1f - t);
            var modulator = MathF.Pow(1f - pt, gamma);
            sum += alphaT * modulator * ce;

            var dMiss = p * (1f - p) * (1f - 2f * t);   // d(1 − pₜ)/dx
            var d = alphaT * (gamma * MathF.Pow(1f - pt, gamma - 1f) * dMiss * ce + modulator * (p - t));
            g[i] = d * scale;
        }

        return (float)(sum / n);
    }

    private static double NaiveDouble(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> g)
    {
        const double alpha = Alpha;
        const double gamma = Gamma;
        var n = x.Length;
        var scale = 1.0 / n;
        var sum = 0.0;
        for (var i = 0; i < n; i++)
        {
            var logit = x[i];
            var t = y[i];
            var p = 1.0 / (1.0 + Math.Exp(-logit));
            var ce = Math.Max(logit, 0.0) - logit * t + Math.Log(1.0 + Math.Exp(-Math.Abs(logit)));
            var pt = p * t + (1.0 - p) * (1.0 - t);
            var alphaT = alpha * t + (1.0 - alpha) * (1.0 - t);
            var modulator = Math.Pow(1.0 - pt, gamma);
            sum += alphaT * modulator * ce;

            var dMiss = p * (1.0 - p) * (1.0 - 2.0 * t);
            var d = alphaT * (gamma * Math.Pow(1.0 - pt, gamma - 1.0) * dMiss * ce + modulator * (p - t));
            g[i] = d * scale;
        }

        return sum / n;
    }
}
