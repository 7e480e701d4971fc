using System;
using LossGen;

namespace LossGen.Tests.Runtime;

/// <summary>
/// The PyTorch losses of <c>losses.json</c> that are not <c>custom/*</c>, written as LossGen losses following the
/// file's <c>conventions</c>. Together with <see cref="DerivativeLosses"/> they cover every case but <c>gaussian_nll</c>
/// (see <see cref="PerElementInputTests"/>).
/// </summary>
public static partial class TorchLosses
{
    [Loss] public static partial double L1(double p, double y) => Math.Abs(p - y);

    [Loss] public static partial double PoissonLogInput(double p, double y) => Math.Exp(p) - y * p;

    /// <summary>PyTorch clamps each log at -100.</summary>
    [Loss]
    public static partial double Bce(double p, double y) =>
        -(y * Math.Max(Math.Log(p), -100) + (1 - y) * Math.Max(Math.Log(1 - p), -100));

    [Loss]
    public static partial double BceWithLogitsPosWeight(double p, double y, [Positive] double posWeight = 1) =>
        (1 - y) * p + (1 + (posWeight - 1) * y) * LossMath.Softplus(-p);

    [Loss] public static partial double Hinge(double p, double y) => Math.Max(0, 1 - y * p);

    [Loss] public static partial double SoftMargin(double p, double y) => LossMath.Softplus(-y * p);

    /// <summary>torchvision's <c>sigmoid_focal_loss</c> on a logit p; alpha &lt; 0 disables the class weighting.</summary>
    [Loss]
    public static partial double Focal(double p, double y, double alpha = 0.25, [Range(0, 10)] double gamma = 2)
    {
        var q = LossMath.Sigmoid(p);
        var ce = LossMath.Softplus(p) - y * p;
        var pt = q * y + (1 - q) * (1 - y);
        var loss = ce * Math.Pow(1 - pt, gamma);
        return alpha >= 0 ? (alpha * y + (1 - alpha) * (1 - y)) * loss : loss;
    }

    /// <summary>A power of the residual with the exponent a hyperparameter; γ = 0 makes it the constant 1.</summary>
    [Loss]
    public static partial double PowResidual(double p, double y, [Range(0, 4)] double gamma = 2) => Math.Pow(p - y, gamma);

    /// <summary>p in the exponent of a base that may be 0; y = 0 makes it 0 for every p &gt; 0.</summary>
    [Loss]
    public static partial double PowOfTarget(double p, double y) => Math.Pow(y, p);
}
