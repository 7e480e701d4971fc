using System;
using System.Collections.Generic;
using System.Numerics;
using System.Text.RegularExpressions;
using Xunit;

namespace LossGen.Tests.Runtime;

/// <summary>
/// A NaN input gives a NaN gradient for its element, and a NaN Hessian wherever the second derivative reads that input,
/// in piecewise losses too, where as written a comparison with NaN would pick a branch whose derivative is a constant
/// (Pinball's −τ). A second derivative that is a constant (MSE's 2, Pinball's 0) stays that constant. Lengths 1 to 40
/// with the NaN at every position take the scalar path, every vector width's body and its overlapping last vector;
/// .ci/run repeats them with DOTNET_EnableHWIntrinsic=0 and DOTNET_EnableAVX2=0.
/// </summary>
public class NanPropagationTests
{
    public static TheoryData<string> Losses => new(Double().Keys);

    [Theory]
    [MemberData(nameof(Losses))]
    public void A_NaN_prediction_makes_its_gradient_and_Hessian_NaN_and_no_other(string name)
    {
        var (loss, prediction, _) = Double()[name];
        AssertNaNOnlyWhereTheInputIs(loss, HessianReads(loss, prediction));
        AssertNaNOnlyWhereTheInputIs(Single()[name].Loss, HessianReads(loss, prediction));
    }

    [Theory]
    [MemberData(nameof(Losses))]
    public void A_NaN_target_makes_its_gradient_and_Hessian_NaN_and_no_other(string name)
    {
        var (loss, _, target) = Double()[name];
        AssertNaNOnlyWhereTheInputIs(loss, HessianReads(loss, target), nanInPrediction: false);
        AssertNaNOnlyWhereTheInputIs(Single()[name].Loss, HessianReads(loss, target), nanInPrediction: false);
    }

    [Fact]
    public void Pinball_at_a_NaN_prediction_has_a_NaN_value_and_derivative_and_its_constant_second_derivative()
    {
        var pinball = new LossGen.Losses.QuantileLoss<double>(tau: 0.9);
        Assert.True(double.IsNaN(pinball.Value(double.NaN, 1.0)));
        Assert.True(double.IsNaN(pinball.Derivative(double.NaN, 1.0)));
        Assert.Equal(0.0, pinball.SecondDerivative(double.NaN, 1.0));
        Assert.Equal(-0.9, pinball.Derivative(double.NegativeInfinity, 1.0));
        Assert.Equal(0.1, pinball.Derivative(double.PositiveInfinity, 1.0), 15);
    }

    [Fact]
    public void Huber_keeps_its_finite_gradient_at_infinite_predictions()
    {
        var huber = new LossGen.Losses.HuberLoss<double>(delta: 0.5);
        Assert.Equal(0.5, huber.Derivative(double.PositiveInfinity, 0.0));
        Assert.Equal(-0.5, huber.Derivative(double.NegativeInfinity, 0.0));
        Assert.Equal(0.0, huber.SecondDerivative(double.PositiveInfinity, 0.0));
    }

    /// <summary>Whether the loss's second derivative, as its formula reads, depends on the input named <paramref name="input"/>.</summary>
    private static bool HessianReads(ITwiceDifferentiableLoss<double> loss, string input) =>
        Regex.IsMatch(loss.SecondDerivativeFormula, $@"\b{input}\b");

    private static Dictionary<string, (ITwiceDifferentiableLoss<double> Loss, string Prediction, string Target)> Double() => Catalogue<double>();

    private static Dictionary<string, (ITwiceDifferentiableLoss<float> Loss, string Prediction, string Target)> Single() => Catalogue<float>();

    /// <summary>Every built-in (prediction, target) loss, with the names its formulas give its two inputs.</summary>
    private static Dictionary<string, (ITwiceDifferentiableLoss<T> Loss, string Prediction, string Target)> Catalogue<T>()
        where T : unmanaged, IFloatingPointIeee754<T> => new()
    {
        ["MeanSquaredError"] = (new LossGen.Losses.MeanSquaredErrorLoss<T>(), "prediction", "target"),
        ["MeanAbsoluteError"] = (new LossGen.Losses.MeanAbsoluteErrorLoss<T>(), "prediction", "target"),
        ["Huber"] = (new LossGen.Losses.HuberLoss<T>(), "prediction", "target"),
        ["LogCosh"] = (new LossGen.Losses.LogCoshLoss<T>(), "prediction", "target"),
        ["Quantile"] = (new LossGen.Losses.QuantileLoss<T>(), "prediction", "target"),
        ["PoissonNll"] = (new LossGen.Losses.PoissonNllLoss<T>(), "logRate", "target"),
        ["BinaryCrossEntropy"] = (new LossGen.Losses.BinaryCrossEntropyLoss<T>(), "probability", "target"),
        ["BinaryCrossEntropyWithLogits"] = (new LossGen.Losses.BinaryCrossEntropyWithLogitsLoss<T>(), "logit", "target"),
        ["Hinge"] = (new LossGen.Losses.HingeLoss<T>(), "score", "label"),
        ["SquaredHinge"] = (new LossGen.Losses.SquaredHingeLoss<T>(), "score", "label"),
        ["SoftMargin"] = (new LossGen.Losses.SoftMarginLoss<T>(), "score", "label"),
        ["Focal"] = (new LossGen.Losses.FocalLoss<T>(), "logit", "target"),
    };

    private static void AssertNaNOnlyWhereTheInputIs<T>(ITwiceDifferentiableLoss<T> loss, bool hessianReadsInput, bool nanInPrediction = true)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (var length = 1; length <= 40; length++)
        {
            for (var at = 0; at < length; at++)
            {
                var p = new T[length];
                var y = new T[length];
                for (var i = 0; i < length; i++)
                {
                    p[i] = T.CreateChecked(0.25 + 0.5 * (i % 2) + 0.005 * i);
                    y[i] = T.CreateChecked(i % 3 == 0 ? 1 : 0);
                }

                (nanInPrediction ? p : y)[at] = T.NaN;
                var gradient = new T[length];
                var hessian = new T[length];
                var fusedGradient = new T[length];
                loss.GradientAndHessian(p, y, gradient, hessian, Reduction.Sum);
                loss.ValueAndGradient(p, y, fusedGradient, Reduction.Sum);
                for (var i = 0; i < length; i++)
                {
                    var where = $"{loss.GetType().Name} ({typeof(T).Name}), length {length}, NaN at {at}, element {i}";
                    Assert.True(T.IsNaN(gradient[i]) == (i == at), $"gradient {gradient[i]}: {where}");
                    Assert.True(T.IsNaN(hessian[i]) == (i == at && hessianReadsInput), $"Hessian {hessian[i]}: {where}");
                    Assert.True(T.IsNaN(fusedGradient[i]) == (i == at), $"ValueAndGradient's gradient {fusedGradient[i]}: {where}");
                }
            }
        }
    }
}
