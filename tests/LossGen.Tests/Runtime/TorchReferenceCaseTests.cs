using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;
using D = LossGen.Tests.Runtime.DerivativeLosses;
using T = LossGen.Tests.Runtime.TorchLosses;

namespace LossGen.Tests.Runtime;

/// <summary>
/// The non-custom cases of <c>losses.json</c> (MSE, L1, Huber, smooth L1, log-cosh, quantile, Poisson, BCE, hinge,
/// focal, …), reproduced by LossGen losses written after the file's conventions, hyperparameters read from each case.
/// </summary>
public class TorchReferenceCaseTests
{
    private static readonly Dictionary<string, Func<ReferenceCase, ILoss<double>>> Losses = new(StringComparer.Ordinal)
    {
        ["mse"] = _ => new OtherShapeLosses.MseLoss(),
        ["mse/weighted"] = _ => new OtherShapeLosses.MseLoss(),
        ["l1"] = _ => new T.L1Loss(),
        ["huber/delta=1.0"] = c => new D.HuberAbsLoss(delta: c.HyperNumber("delta")!.Value),
        ["huber/delta=0.5"] = c => new D.HuberAbsLoss(delta: c.HyperNumber("delta")!.Value),
        ["smooth_l1/beta=1.0"] = c => new D.SmoothL1TernaryLoss(beta: c.HyperNumber("beta")!.Value),
        ["smooth_l1/beta=0.25"] = c => new D.SmoothL1TernaryLoss(beta: c.HyperNumber("beta")!.Value),
        ["log_cosh"] = _ => new D.LogCoshLoss(),
        ["log_cosh/large_residuals"] = _ => new D.LogCoshLoss(),
        ["quantile/tau=0.1"] = c => new D.QuantileLoss(tau: c.HyperNumber("tau")!.Value),
        ["quantile/tau=0.9"] = c => new D.QuantileLoss(tau: c.HyperNumber("tau")!.Value),
        ["poisson_nll/log_input"] = _ => new T.PoissonLogInputLoss(),
        ["bce"] = _ => new T.BceLoss(),
        ["bce/soft_targets"] = _ => new T.BceLoss(),
        ["bce/edges"] = _ => new T.BceLoss(),
        ["bce_with_logits"] = _ => new D.BceWithLogitsLoss(),
        ["bce_with_logits/pos_weight=3.0"] = c => new T.BceWithLogitsPosWeightLoss(posWeight: c.HyperNumber("pos_weight")!.Value),
        ["bce_with_logits/extreme_logits"] = _ => new D.BceWithLogitsLoss(),
        ["hinge"] = _ => new T.HingeLoss(),
        ["squared_hinge"] = _ => new D.SquaredHingeLoss(),
        ["soft_margin"] = _ => new T.SoftMarginLoss(),
        ["focal/alpha=0.25,gamma=2.0"] = Focal,
        ["focal/alpha=-1.0,gamma=0.0"] = Focal,
        ["focal/alpha=0.5,gamma=1.5"] = Focal,
        ["focal/extreme_logits"] = Focal,
    };

    /// <summary>
    /// bce/edges' gradient is PyTorch's kernel, (p - y) / max(p(1 - p), 1e-12), not the derivative of the clamped
    /// formula (losses.json's README), so only its values are compared.
    /// </summary>
    private static readonly HashSet<string> ValuesOnly = new(StringComparer.Ordinal) { "bce/edges" };

    private static ILoss<double> Focal(ReferenceCase c) =>
        new T.FocalLoss(alpha: c.HyperNumber("alpha")!.Value, gamma: c.HyperNumber("gamma")!.Value);

    public static TheoryData<string> CaseNames()
    {
        var data = new TheoryData<string>();
        foreach (var name in Losses.Keys)
        {
            data.Add(name);
        }

        return data;
    }

    [Fact]
    public void Every_reference_case_is_covered_by_some_test()
    {
        var covered = Losses.Keys.Append("gaussian_nll").ToHashSet(StringComparer.Ordinal);
        var missing = ReferenceData.Cases.Keys.Where(n => !n.StartsWith("custom/", StringComparison.Ordinal) && !covered.Contains(n));
        Assert.Empty(missing);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Loss_reproduces_the_reference_case(string name)
    {
        var reference = ReferenceData.Case(name);
        var loss = Losses[name](reference);
        double[] p = reference.Prediction, y = reference.Target;
        var weight = reference.Number("weighted_mean") is null ? null : reference.Array("weight");
        const double Rel = Near.DoubleRelative, Abs = Near.DoubleAbsolute;

        var elementwise = new double[p.Length];
        loss.Values(p, y, elementwise);
        Near.Equal(reference.Elementwise, elementwise, Rel, Abs, "Values");
        var gradient = new double[p.Length];
        if (weight is null)
        {
            Near.Equal(reference.Sum, loss.Value(p, y, Reduction.Sum), Rel, Abs, "Value(Sum)");
            Near.Equal(reference.Mean, loss.Value(p, y, Reduction.Mean), Rel, Abs, "Value(Mean)");
            if (!ValuesOnly.Contains(name))
            {
                Near.Equal(reference.Sum, loss.ValueAndGradient(p, y, gradient, Reduction.Sum), Rel, Abs, "ValueAndGradient(Sum)");
                Near.Equal(reference.GradientOfSum, gradient, Rel, Abs, "ValueAndGradient(Sum) gradient");
            }
        }
        else
        {
            Near.Equal(reference.Sum, loss.Value(p, y, weight, Reduction.Sum), Rel, Abs, "Value(weighted, Sum)");
            Near.Equal(reference.Mean, loss.Value(p, y, weight, Reduction.Mean), Rel, Abs, "Value(weighted, Mean)");
            Near.Equal(reference.Number("weighted_mean")!.Value, loss.Value(p, y, weight, Reduction.WeightedMean), Rel, Abs, "Value(weighted, WeightedMean)");
            Near.Equal(reference.Sum, loss.ValueAndGradient(p, y, weight, gradient, Reduction.Sum), Rel, Abs, "ValueAndGradient(weighted, Sum)");
            Near.Equal(reference.GradientOfSum, gradient, Rel, Abs, "ValueAndGradient(weighted, Sum) gradient");
        }

        Assert.All(elementwise, v => Assert.True(double.IsFinite(v)));
        Assert.All(gradient, g => Assert.True(double.IsFinite(g)));
    }

    /// <summary>
    /// With γ = 0, torchvision's focal loss is BCE with logits, so its gradient at saturated logits must be the
    /// bce_with_logits/extreme_logits gradient; (1 - p_t) is exactly 0 there and d(x^γ)/dx = γ·x^(γ-1) = 0·∞.
    /// </summary>
    [Fact]
    public void Focal_with_gamma_zero_has_the_finite_bce_with_logits_gradient_at_saturated_logits()
    {
        var reference = ReferenceData.Case("bce_with_logits/extreme_logits");
        ILoss<double> focal = new T.FocalLoss(alpha: -1, gamma: 0);
        double[] p = reference.Prediction, y = reference.Target;
        var gradient = new double[p.Length];
        Near.Equal(reference.Sum, focal.ValueAndGradient(p, y, gradient, Reduction.Sum), Near.DoubleRelative, Near.DoubleAbsolute, "Sum");
        Near.Equal(reference.GradientOfSum, gradient, Near.DoubleRelative, Near.DoubleAbsolute, "gradient");
    }

    /// <summary>x^0 is the constant 1, so its derivative is 0 everywhere, also at x = 0 (PyTorch's pow_backward).</summary>
    [Fact]
    public void Pow_with_exponent_zero_has_derivative_zero_at_base_zero()
    {
        var loss = new T.PowResidualLoss(gamma: 0);
        Assert.Equal(1, loss.Value(1.5, 1.5));
        Assert.Equal(0, loss.Derivative(2.0, 1.5));
        Assert.Equal(0, loss.Derivative(1.5, 1.5));
    }

    /// <summary>0^p is 0 for every p &gt; 0, so ∂/∂p is 0 there (PyTorch's pow_backward_exponent), not 0·log 0 = NaN.</summary>
    [Fact]
    public void Pow_derivative_in_the_exponent_is_zero_at_base_zero()
    {
        var loss = new T.PowOfTargetLoss();
        Assert.Equal(0, loss.Value(2.0, 0.0));
        Assert.Equal(0, loss.Derivative(2.0, 0.0));
        Near.Equal(Math.Pow(3, 2) * Math.Log(3), loss.Derivative(2.0, 3.0), 1e-15, 0, "Derivative(2, 3)");
    }
}
