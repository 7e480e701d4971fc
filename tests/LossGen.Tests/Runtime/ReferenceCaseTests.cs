using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using LossGen.Tests.Infrastructure;
using Xunit;

namespace LossGen.Tests.Runtime;

/// <summary>
/// The <c>custom/*</c> cases of <c>losses.json</c> (PyTorch autograd, float64), reproduced by losses declared with
/// their C# expression: per element, Sum, Mean, and the gradient of the sum, in double and in float.
/// </summary>
public class ReferenceCaseTests
{
    private static readonly Dictionary<string, (ILoss<double> Double, ILoss<float> Float, string Method)> Losses = new(StringComparer.Ordinal)
    {
        ["custom/pseudo_huber"] = (new ReferenceLosses.PseudoHuberLoss(), new ReferenceLosses.PseudoHuberFLoss(), nameof(ReferenceLosses.PseudoHuber)),
        ["custom/cauchy"] = (new ReferenceLosses.CauchyLoss(), new ReferenceLosses.CauchyFLoss(), nameof(ReferenceLosses.Cauchy)),
        ["custom/geman_mcclure"] = (new ReferenceLosses.GemanMcClureLoss(), new ReferenceLosses.GemanMcClureFLoss(), nameof(ReferenceLosses.GemanMcClure)),
        ["custom/logistic_pm1"] = (new ReferenceLosses.LogisticPm1Loss(), new ReferenceLosses.LogisticPm1FLoss(), nameof(ReferenceLosses.LogisticPm1)),
        ["custom/tweedie_1_5"] = (new ReferenceLosses.Tweedie15Loss(), new ReferenceLosses.Tweedie15FLoss(), nameof(ReferenceLosses.Tweedie15)),
        ["custom/asymmetric_sq"] = (new ReferenceLosses.AsymmetricSqLoss(), new ReferenceLosses.AsymmetricSqFLoss(), nameof(ReferenceLosses.AsymmetricSq)),
        ["custom/tanh_margin"] = (new ReferenceLosses.TanhMarginLoss(), new ReferenceLosses.TanhMarginFLoss(), nameof(ReferenceLosses.TanhMargin)),
        ["custom/pow_abs"] = (new ReferenceLosses.PowAbsLoss(), new ReferenceLosses.PowAbsFLoss(), nameof(ReferenceLosses.PowAbs)),
    };

    public static TheoryData<string> CustomCases()
    {
        var data = new TheoryData<string>();
        foreach (var name in Losses.Keys)
        {
            data.Add(name);
        }

        return data;
    }

    internal static ILoss<double> DoubleLoss(string name) => Losses[name].Double;

    internal static ILoss<float> FloatLoss(string name) => Losses[name].Float;

    [Fact]
    public void Every_custom_reference_case_has_a_declared_loss()
    {
        var inJson = ReferenceData.Cases.Keys.Where(n => n.StartsWith("custom/", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        Assert.Equal(inJson, Losses.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(CustomCases))]
    public void Declared_double_loss_body_is_the_exact_csharp_of_the_case(string name)
    {
        var csharp = ReferenceData.Case(name).HyperString("csharp");
        Assert.NotNull(csharp);
        var source = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tests", "LossGen.Tests", "Runtime", "ReferenceLosses.cs"));
        Assert.Contains($"public static partial double {Losses[name].Method}(double p, double y) => {csharp};", source, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(CustomCases))]
    public void Double_loss_reproduces_elementwise_sum_mean_and_gradient_of_sum(string name)
    {
        var reference = ReferenceData.Case(name);
        var loss = DoubleLoss(name);
        double[] p = reference.Prediction, y = reference.Target;
        const double Rel = Near.DoubleRelative, Abs = Near.DoubleAbsolute;

        var elementwise = new double[p.Length];
        loss.Values(p, y, elementwise);
        Near.Equal(reference.Elementwise, elementwise, Rel, Abs, "Values");
        Near.Equal(reference.Sum, loss.Value(p, y, Reduction.Sum), Rel, Abs, "Value(Sum)");
        Near.Equal(reference.Mean, loss.Value(p, y, Reduction.Mean), Rel, Abs, "Value(Mean)");
        Near.Equal(reference.Mean, loss.Value(p, y), Rel, Abs, "Value(default reduction = Mean)");

        var gradient = new double[p.Length];
        loss.Gradient(p, y, gradient, Reduction.Sum);
        Near.Equal(reference.GradientOfSum, gradient, Rel, Abs, "Gradient(Sum)");

        var fused = new double[p.Length];
        Near.Equal(reference.Sum, loss.ValueAndGradient(p, y, fused, Reduction.Sum), Rel, Abs, "ValueAndGradient(Sum) value");
        Near.Equal(reference.GradientOfSum, fused, Rel, Abs, "ValueAndGradient(Sum) gradient");

        var ofMean = new double[p.Length];
        Near.Equal(reference.Mean, loss.ValueAndGradient(p, y, ofMean, Reduction.Mean), Rel, Abs, "ValueAndGradient(Mean) value");
        Near.Equal(Near.Scale(reference.GradientOfSum, 1.0 / p.Length), ofMean, Rel, Abs, "ValueAndGradient(Mean) gradient = gradient_of_sum / N");

        for (var i = 0; i < p.Length; i++)
        {
            Near.Equal(reference.Elementwise[i], loss.Value(p[i], y[i]), Rel, Abs, $"Value(p[{i}], y[{i}])");
            Near.Equal(reference.GradientOfSum[i], loss.Derivative(p[i], y[i]), Rel, Abs, $"Derivative(p[{i}], y[{i}])");
        }
    }

    [Theory]
    [MemberData(nameof(CustomCases))]
    public void Float_twin_reproduces_elementwise_sum_mean_and_gradient_of_sum(string name)
    {
        var reference = ReferenceData.Case(name);
        var loss = FloatLoss(name);
        float[] p = Near.ToFloat(reference.Prediction), y = Near.ToFloat(reference.Target);
        const double Rel = Near.FloatRelative, Abs = Near.FloatAbsolute;

        var elementwise = new float[p.Length];
        loss.Values(p, y, elementwise);
        Near.Equal(reference.Elementwise, elementwise, Rel, Abs, "Values");
        Near.Equal(reference.Sum, loss.Value(p, y, Reduction.Sum), Rel, Abs, "Value(Sum)");
        Near.Equal(reference.Mean, loss.Value(p, y, Reduction.Mean), Rel, Abs, "Value(Mean)");

        var gradient = new float[p.Length];
        loss.Gradient(p, y, gradient, Reduction.Sum);
        Near.Equal(reference.GradientOfSum, gradient, Rel, Abs, "Gradient(Sum)");

        var fused = new float[p.Length];
        Near.Equal(reference.Sum, loss.ValueAndGradient(p, y, fused, Reduction.Sum), Rel, Abs, "ValueAndGradient(Sum) value");
        Near.Equal(reference.GradientOfSum, fused, Rel, Abs, "ValueAndGradient(Sum) gradient");

        for (var i = 0; i < p.Length; i++)
        {
            Near.Equal(reference.Elementwise[i], loss.Value(p[i], y[i]), Rel, Abs, $"Value(p[{i}], y[{i}])");
            Near.Equal(reference.GradientOfSum[i], loss.Derivative(p[i], y[i]), Rel, Abs, $"Derivative(p[{i}], y[{i}])");
        }
    }
}
