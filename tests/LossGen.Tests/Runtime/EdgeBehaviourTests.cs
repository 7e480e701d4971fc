using System;
using Xunit;
using D = LossGen.Tests.Runtime.DerivativeLosses;
using F = LossGen.Tests.Runtime.DerivativeLossesF;

namespace LossGen.Tests.Runtime;

/// <summary>Empty and NaN inputs, in-place outputs, argument errors, hyperparameter validation, defaults and formulas.</summary>
public class EdgeBehaviourTests
{
    private const double Sentinel = 42;

    private static ILoss<double> Loss => new D.ScaledCauchyLoss(scale: 1.5);

    private static readonly double[] P = [0.5, -1.25, 3.0, 2.0, -0.75];
    private static readonly double[] Y = [0.0, -1.0, 1.0, 2.5, 0.25];
    private static readonly double[] W = [1.0, 0.5, 2.0, 0.0, 3.0];

    // ---- empty ----

    [Fact]
    public void Empty_input_sums_to_zero_and_averages_to_NaN()
    {
        var loss = Loss;
        ReadOnlySpan<double> empty = [];
        Assert.Equal(0, loss.Value(empty, empty, Reduction.Sum));
        Assert.True(double.IsNaN(loss.Value(empty, empty, Reduction.Mean)));
        Assert.True(double.IsNaN(loss.Value(empty, empty)));
        Assert.True(double.IsNaN(loss.Value(empty, empty, Reduction.WeightedMean)));
        Assert.Equal(0, loss.ValueAndGradient(empty, empty, Span<double>.Empty, Reduction.Sum));
        Assert.True(double.IsNaN(loss.ValueAndGradient(empty, empty, Span<double>.Empty, Reduction.Mean)));
        loss.Gradient(empty, empty, Span<double>.Empty, Reduction.Mean);
        loss.Values(empty, empty, Span<double>.Empty);

        Assert.Equal(0, loss.Value(empty, empty, empty, Reduction.Sum));
        Assert.True(double.IsNaN(loss.Value(empty, empty, empty, Reduction.Mean)));
        Assert.True(double.IsNaN(loss.Value(empty, empty, empty, Reduction.WeightedMean)));
    }

    [Fact]
    public void Empty_float_input_sums_to_zero_and_averages_to_NaN()
    {
        ILoss<float> loss = new F.ScaledCauchyLoss();
        ReadOnlySpan<float> empty = [];
        Assert.Equal(0f, loss.Value(empty, empty, Reduction.Sum));
        Assert.True(float.IsNaN(loss.Value(empty, empty, Reduction.Mean)));
    }

    // ---- NaN ----

    [Fact]
    public void NaN_prediction_gives_NaN_for_its_element_and_for_every_reduction()
    {
        var loss = Loss;
        double[] p = [0.5, double.NaN, 3.0];
        double[] y = [0.0, 1.0, 1.0];
        var values = new double[3];
        loss.Values(p, y, values);
        Assert.False(double.IsNaN(values[0]));
        Assert.True(double.IsNaN(values[1]));
        Assert.False(double.IsNaN(values[2]));

        Assert.True(double.IsNaN(loss.Value(p, y, Reduction.Sum)));
        Assert.True(double.IsNaN(loss.Value(p, y, Reduction.Mean)));

        var gradient = new double[3];
        Assert.True(double.IsNaN(loss.ValueAndGradient(p, y, gradient, Reduction.Sum)));
        Assert.False(double.IsNaN(gradient[0]));
        Assert.True(double.IsNaN(gradient[1]));
        Assert.False(double.IsNaN(gradient[2]));
    }

    [Fact]
    public void NaN_target_or_weight_gives_NaN_for_its_element_and_the_reduction()
    {
        var loss = Loss;
        double[] p = [0.5, 1.0, 3.0];
        double[] y = [0.0, double.NaN, 1.0];
        Assert.True(double.IsNaN(loss.Value(y.AsSpan(), p, Reduction.Sum)));
        Assert.True(double.IsNaN(loss.Value(p, y, Reduction.Sum)));
        Assert.True(double.IsNaN(loss.Value(p, [0.0, 0.0, 0.0], [1.0, double.NaN, 1.0], Reduction.Sum)));
        var values = new double[3];
        loss.Values(p, [0.0, 0.0, 0.0], [1.0, double.NaN, 1.0], values);
        Assert.True(double.IsNaN(values[1]));
        Assert.False(double.IsNaN(values[0]) || double.IsNaN(values[2]));
    }

    [Fact]
    public void NaN_in_a_piecewise_loss_is_NaN_not_a_branch_value()
    {
        ILoss<double> huber = new D.HuberIfLoss();
        Assert.True(double.IsNaN(huber.Value(double.NaN, 0)));
        Assert.True(double.IsNaN(huber.Derivative(double.NaN, 0)));
    }

    // ---- in place ----

    [Fact]
    public void Gradient_written_over_the_prediction_equals_a_separate_gradient()
    {
        var loss = Loss;
        var separate = new double[P.Length];
        loss.Gradient(P, Y, separate, Reduction.Mean);

        var inPlace = (double[])P.Clone();
        loss.Gradient(inPlace, Y, inPlace, Reduction.Mean);
        Assert.Equal(separate, inPlace);

        inPlace = (double[])P.Clone();
        Assert.Equal(loss.Value(P, Y, Reduction.Sum), loss.ValueAndGradient(inPlace, Y, inPlace, Reduction.Sum));
        loss.Gradient(P, Y, separate, Reduction.Sum);
        Assert.Equal(separate, inPlace);

        inPlace = (double[])P.Clone();
        loss.Gradient(inPlace, Y, W, inPlace, Reduction.WeightedMean);
        loss.Gradient(P, Y, W, separate, Reduction.WeightedMean);
        Assert.Equal(separate, inPlace);
    }

    [Fact]
    public void Values_written_over_the_target_or_the_weight_equal_a_separate_destination()
    {
        var loss = Loss;
        var separate = new double[P.Length];
        loss.Values(P, Y, separate);
        var overTarget = (double[])Y.Clone();
        loss.Values(P, overTarget, overTarget);
        Assert.Equal(separate, overTarget);

        loss.Values(P, Y, W, separate);
        var overWeight = (double[])W.Clone();
        loss.Values(P, Y, overWeight, overWeight);
        Assert.Equal(separate, overWeight);
    }

    // ---- argument errors ----

    [Fact]
    public void Target_of_another_length_throws_naming_target_and_writes_nothing()
    {
        var loss = Loss;
        var shortTarget = Y.AsSpan(0, 4).ToArray();
        var output = Filled(P.Length);
        AssertThrows("target", () => loss.Values(P, shortTarget, output));
        AssertThrows("target", () => loss.Value(P, shortTarget, Reduction.Sum));
        AssertThrows("target", () => loss.Gradient(P, shortTarget, output, Reduction.Sum));
        AssertThrows("target", () => loss.ValueAndGradient(P, shortTarget, output, Reduction.Sum));
        AssertThrows("target", () => loss.ValueAndGradient(P, [.. Y, 1.0], output, Reduction.Sum));
        AssertUntouched(output);
    }

    [Fact]
    public void Weight_of_another_length_throws_naming_weight_and_writes_nothing()
    {
        var loss = Loss;
        var shortWeight = W.AsSpan(0, 3).ToArray();
        var output = Filled(P.Length);
        AssertThrows("weight", () => loss.Values(P, Y, shortWeight, output));
        AssertThrows("weight", () => loss.Value(P, Y, shortWeight, Reduction.WeightedMean));
        AssertThrows("weight", () => loss.Gradient(P, Y, shortWeight, output, Reduction.Sum));
        AssertThrows("weight", () => loss.ValueAndGradient(P, Y, shortWeight, output, Reduction.Sum));
        AssertUntouched(output);
    }

    [Fact]
    public void Short_destination_or_gradient_throws_naming_it_and_writes_nothing()
    {
        var loss = Loss;
        var output = Filled(P.Length - 1);
        AssertThrows("destination", () => loss.Values(P, Y, output));
        AssertThrows("destination", () => loss.Values(P, Y, W, output));
        AssertThrows("gradient", () => loss.Gradient(P, Y, output, Reduction.Sum));
        AssertThrows("gradient", () => loss.ValueAndGradient(P, Y, output, Reduction.Sum));
        AssertThrows("gradient", () => loss.Gradient(P, Y, W, output, Reduction.Sum));
        AssertThrows("gradient", () => loss.ValueAndGradient(P, Y, W, output, Reduction.Sum));
        AssertUntouched(output);
    }

    [Fact]
    public void Output_partly_overlapping_an_input_throws_naming_the_output_and_writes_nothing()
    {
        var loss = Loss;
        var n = P.Length;

        // prediction at [0, n), output at [1, n + 1) of the same array.
        var shared = new double[n + 1];
        P.CopyTo(shared, 0);
        shared[n] = Sentinel;
        var before = (double[])shared.Clone();
        AssertThrows("destination", () => loss.Values(shared.AsSpan(0, n), Y, shared.AsSpan(1, n)));
        AssertThrows("gradient", () => loss.Gradient(shared.AsSpan(0, n), Y, shared.AsSpan(1, n), Reduction.Sum));
        AssertThrows("gradient", () => loss.ValueAndGradient(shared.AsSpan(0, n), Y, shared.AsSpan(1, n), Reduction.Sum));
        Assert.Equal(before, shared);

        // target at [1, n + 1), output at [0, n).
        var target = new double[n + 1];
        Y.CopyTo(target, 1);
        before = (double[])target.Clone();
        AssertThrows("destination", () => loss.Values(P, target.AsSpan(1, n), target.AsSpan(0, n)));
        AssertThrows("gradient", () => loss.Gradient(P, target.AsSpan(1, n), target.AsSpan(0, n), Reduction.Sum));
        Assert.Equal(before, target);

        // weight at [1, n + 1), output at [0, n).
        var weight = new double[n + 1];
        W.CopyTo(weight, 1);
        before = (double[])weight.Clone();
        AssertThrows("destination", () => loss.Values(P, Y, weight.AsSpan(1, n), weight.AsSpan(0, n)));
        AssertThrows("gradient", () => loss.ValueAndGradient(P, Y, weight.AsSpan(1, n), weight.AsSpan(0, n), Reduction.Sum));
        Assert.Equal(before, weight);
    }

    /// <summary>
    /// Issue 19: an output longer than the batch is checked on the part that is written: its unused tail may overlap
    /// an input (it was rejected), it may start exactly at an input's memory, and the tail is left as it was.
    /// </summary>
    [Fact]
    public void An_output_longer_than_the_batch_whose_unused_tail_overlaps_an_input_is_accepted_and_the_tail_untouched()
    {
        var loss = Loss;
        var n = P.Length;

        // gradient at [0, n + 3) of an array whose [n, 2n) is the target: only [0, n) is written.
        var shared = new double[2 * n];
        Y.CopyTo(shared, n);
        var expected = new double[n];
        var expectedValue = loss.ValueAndGradient(P, Y, expected, Reduction.Sum);
        Assert.Equal(expectedValue, loss.ValueAndGradient(P, shared.AsSpan(n, n), shared.AsSpan(0, n + 3), Reduction.Sum));
        Assert.Equal(expected, shared[..n]);
        Assert.Equal(Y, shared[n..]);

        // In place over the prediction, with a longer gradient: [0, n) is the prediction's memory exactly.
        var inPlace = new double[n + 2];
        P.CopyTo(inPlace, 0);
        inPlace[n] = Sentinel;
        inPlace[n + 1] = Sentinel;
        loss.Gradient(inPlace.AsSpan(0, n), Y, inPlace.AsSpan(), Reduction.Sum);
        var separate = new double[n];
        loss.Gradient(P, Y, separate, Reduction.Sum);
        Assert.Equal(separate, inPlace[..n]);
        Assert.Equal(new[] { Sentinel, Sentinel }, inPlace[n..]);
    }

    [Fact]
    public void GradientAndHessian_rejects_a_short_hessian_or_one_sharing_the_gradient_and_writes_nothing()
    {
        ITwiceDifferentiableLoss<double> loss = new D.ScaledCauchyLoss(scale: 1.5);
        var gradient = Filled(P.Length);
        var hessian = Filled(P.Length - 1);
        AssertThrows("hessian", () => loss.GradientAndHessian(P, Y, gradient, hessian, Reduction.Sum));
        AssertThrows("hessian", () => loss.GradientAndHessian(P, Y, W, gradient, hessian, Reduction.Sum));
        AssertThrows("gradient", () => loss.GradientAndHessian(P, Y, hessian, Filled(P.Length), Reduction.Sum));
        AssertThrows("hessian", () => loss.GradientAndHessian(P, Y, gradient, gradient, Reduction.Sum));
        AssertThrows("weight", () => loss.GradientAndHessian(P, Y, W.AsSpan(1), gradient, Filled(P.Length), Reduction.Sum));
        AssertUntouched(gradient);
        AssertUntouched(hessian);

        // In place: the gradient over the predictions' memory, the Hessian over the targets'.
        double[] p = (double[])P.Clone(), y = (double[])Y.Clone();
        loss.GradientAndHessian(p, y, p, y, Reduction.Sum);
        Assert.Equal(System.Linq.Enumerable.Select(P, (pi, i) => loss.Derivative(pi, Y[i])), p);
        Assert.Equal(System.Linq.Enumerable.Select(P, (pi, i) => loss.SecondDerivative(pi, Y[i])), y);
    }

    [Fact]
    public void Undefined_reduction_throws_naming_reduction()
    {
        var loss = Loss;
        Assert.Equal("reduction", Assert.Throws<ArgumentOutOfRangeException>(() => loss.Value(P, Y, (Reduction)42)).ParamName);
        var output = Filled(P.Length);
        Assert.Equal("reduction", Assert.Throws<ArgumentOutOfRangeException>(() => loss.Gradient(P, Y, output, (Reduction)42)).ParamName);
        AssertUntouched(output);
    }

    // ---- hyperparameters ----

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.NegativeInfinity)]
    public void Positive_hyperparameter_rejects_zero_negative_and_NaN_naming_it(double scale)
    {
        Assert.Equal("scale", Assert.Throws<ArgumentOutOfRangeException>(() => new D.ScaledCauchyLoss(scale)).ParamName);
        Assert.Equal("scale", Assert.Throws<ArgumentOutOfRangeException>(() => new F.ScaledCauchyLoss((float)scale)).ParamName);
        Assert.Equal("eps", Assert.Throws<ArgumentOutOfRangeException>(() => new D.GeneralizedCharbonnierLoss(power: 1, eps: scale)).ParamName);
        Assert.Equal("power", Assert.Throws<ArgumentOutOfRangeException>(() => new D.GeneralizedCharbonnierLoss(power: scale)).ParamName);
        Assert.Equal("eps", Assert.Throws<ArgumentOutOfRangeException>(() => new OtherShapeLosses.GaussianNllLoss(eps: scale)).ParamName);
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void Range_hyperparameter_rejects_values_outside_zero_to_one_naming_it(double tau)
    {
        Assert.Equal("tau", Assert.Throws<ArgumentOutOfRangeException>(() => new D.QuantileLoss(tau)).ParamName);
        Assert.Equal("tau", Assert.Throws<ArgumentOutOfRangeException>(() => new F.QuantileLoss((float)tau)).ParamName);
    }

    [Fact]
    public void Range_hyperparameter_accepts_both_ends_and_rejects_outside_other_bounds()
    {
        Assert.Equal(0, new D.QuantileLoss(0).Tau);
        Assert.Equal(1, new D.QuantileLoss(1).Tau);
        Assert.Equal(0.1, new D.PowHyperExponentLoss(0.1).Power);
        Assert.Equal(3, new D.PowHyperExponentLoss(3).Power);
        Assert.Equal("power", Assert.Throws<ArgumentOutOfRangeException>(() => new D.PowHyperExponentLoss(0.05)).ParamName);
        Assert.Equal("power", Assert.Throws<ArgumentOutOfRangeException>(() => new D.PowHyperExponentLoss(3.5)).ParamName);
    }

    [Fact]
    public void Hyperparameter_defaults_apply_to_the_constructor_and_to_the_users_method()
    {
        Assert.Equal(2.0, new D.ScaledCauchyLoss().Scale);
        Assert.Equal(0.5, new D.QuantileLoss().Tau);
        Assert.Equal(0.75, new D.GeneralizedCharbonnierLoss().Power);
        Assert.Equal(0.1, new D.GeneralizedCharbonnierLoss().Eps);
        Assert.Equal(1e-6, new OtherShapeLosses.GaussianNllLoss().Eps);
        Assert.Equal(2.0f, new F.ScaledCauchyLoss().Scale);

        Assert.Equal(D.ScaledCauchy(3, 1, 2.0), D.ScaledCauchy(3, 1));
        Assert.Equal(D.ScaledCauchy(3, 1), new D.ScaledCauchyLoss().Value(3, 1), 15);
        Assert.Equal(D.Quantile(3, 1, 0.5), D.Quantile(3, 1));
        Assert.Equal(D.GeneralizedCharbonnier(3, 1, 0.75, 0.1), D.GeneralizedCharbonnier(3, 1));
        Assert.Equal(D.GeneralizedCharbonnier(3, 1, 0.75), D.GeneralizedCharbonnier(3, 1));
        Assert.Equal(OtherShapeLosses.GaussianNll(3, 1, 2, 1e-6), OtherShapeLosses.GaussianNll(3, 1, 2));
        Assert.Equal(F.ScaledCauchy(3, 1, 2f), F.ScaledCauchy(3, 1));
        Assert.Equal(new D.ScaledCauchyLoss(2.0).Derivative(3, 1), new D.ScaledCauchyLoss().Derivative(3, 1));
    }

    [Fact]
    public void Formulas_are_not_empty_and_name_the_parameters()
    {
        Assert.Matches(@"\bp\b", D.ScaledCauchyLoss.Formula);
        Assert.Matches(@"\by\b", D.ScaledCauchyLoss.Formula);
        Assert.Matches(@"\bscale\b", D.ScaledCauchyLoss.Formula);
        Assert.Matches(@"\bscale\b", D.ScaledCauchyLoss.DerivativeFormula);
        Assert.Matches(@"\btau\b", D.QuantileLoss.Formula);
        Assert.Matches(@"\bpower\b", D.GeneralizedCharbonnierLoss.Formula);
        Assert.Matches(@"\beps\b", D.GeneralizedCharbonnierLoss.Formula);
        Assert.Matches(@"\bdelta\b", D.HuberIfLoss.Formula);
        Assert.Matches(@"\bdelta\b", D.HuberIfLoss.DerivativeFormula);
        Assert.Matches(@"\bp\b", ReferenceLosses.PseudoHuberLoss.Formula);
        Assert.Matches(@"\by\b", ReferenceLosses.PseudoHuberLoss.DerivativeFormula);
        Assert.Matches(@"\bv\b", OtherShapeLosses.GaussianNllLoss.Formula);
        Assert.Matches(@"\beps\b", OtherShapeLosses.GaussianNllLoss.Formula);
        Assert.Matches(@"\bv\b", OtherShapeLosses.GaussianNllLoss.DerivativeFormula);

        ILoss<double> loss = new D.ScaledCauchyLoss();
        Assert.Equal(D.ScaledCauchyLoss.Formula, loss.Formula);
        Assert.Equal(D.ScaledCauchyLoss.DerivativeFormula, loss.DerivativeFormula);
        ILoss<float> single = new F.QuantileLoss();
        Assert.Equal(F.QuantileLoss.Formula, single.Formula);
        Assert.Equal(F.QuantileLoss.DerivativeFormula, single.DerivativeFormula);
    }

    private static double[] Filled(int length)
    {
        var output = new double[length];
        Array.Fill(output, Sentinel);
        return output;
    }

    private static void AssertUntouched(double[] output) => Assert.All(output, o => Assert.Equal(Sentinel, o));

    private static void AssertThrows(string parameter, Action call) =>
        Assert.Equal(parameter, Assert.Throws<ArgumentException>(call).ParamName);
}
