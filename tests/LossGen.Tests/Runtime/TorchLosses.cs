using System;
using LossGen;

namespace LossGen.Tests.Runtime;

/// <summary>
/// PyTorch losses written as user LossGen losses following <c>losses.json</c>'s <c>conventions</c> (the built-in
/// catalogue, <see cref="Losses"/>, is checked against the file itself in <c>BuiltIn/BuiltInReferenceTests</c>), and
/// two powers whose derivatives PyTorch defines at base 0.
/// </summary>
public static partial class TorchLosses
{
    [Loss]
    public static partial double BceWithLogitsPosWeight(double p, double y, [Positive] double posWeight = 1) =>
        (1 - y) * p + (1 + (posWeight - 1) * y) * LossMath.Softplus(-p);

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
