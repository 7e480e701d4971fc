using System;
using LossGen;

namespace LossGen.Tests.Runtime;

/// <summary>Losses of other shapes: an extra differentiated per-element input, and a target-less penalty.</summary>
public static partial class OtherShapeLosses
{
    /// <summary>PyTorch's <c>gaussian_nll_loss</c> (full = false) with the variance as a differentiated input.</summary>
    [Loss]
    public static partial double GaussianNll(double p, double y, [PerElement(Differentiable = true)] double v, [Positive] double eps = 1e-6) =>
        0.5 * (Math.Log(Math.Max(v, eps)) + (p - y) * (p - y) / Math.Max(v, eps));

    /// <summary>Squared error, for the weighted <c>mse/weighted</c> reference case.</summary>
    [Loss]
    public static partial double Mse(double p, double y) => (p - y) * (p - y);

    [Loss(HasTarget = false)]
    public static partial double L2(double w, [Positive] double lambda = 0.1) => lambda * w * w;
}
