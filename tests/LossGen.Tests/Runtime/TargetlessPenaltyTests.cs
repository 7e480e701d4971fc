using System;
using Xunit;
using L2Loss = LossGen.Tests.Runtime.OtherShapeLosses.L2Loss;

namespace LossGen.Tests.Runtime;

/// <summary>A target-less penalty, <c>[Loss(HasTarget = false)] L2(w, lambda = 0.1) => lambda * w * w</c>.</summary>
public class TargetlessPenaltyTests
{
    private static readonly double[] W = [0.5, -1.25, 3.0, 0.0, -2.0];

    private static double SumOfSquares()
    {
        var sum = 0.0;
        foreach (var w in W)
        {
            sum += w * w;
        }

        return sum;
    }

    [Fact]
    public void Penalty_default_reduction_is_sum()
    {
        var penalty = new L2Loss();
        Near.Equal(0.1 * SumOfSquares(), penalty.Value(W), 1e-15, 0, "Value(w) with the default reduction");
        Assert.Equal(penalty.Value(W, Reduction.Sum), penalty.Value(W));
        Near.Equal(0.1 * SumOfSquares() / W.Length, penalty.Value(W, Reduction.Mean), 1e-15, 0, "Value(w, Mean)");

        var gradient = new double[W.Length];
        var value = penalty.ValueAndGradient(W, gradient);
        Assert.Equal(penalty.Value(W, Reduction.Sum), value);
        for (var i = 0; i < W.Length; i++)
        {
            Assert.Equal(2 * 0.1 * W[i], gradient[i], 15);
        }
    }

    [Fact]
    public void Penalty_gradient_is_two_lambda_w()
    {
        var penalty = new L2Loss(lambda: 0.75);
        var gradient = new double[W.Length];
        penalty.Gradient(W, gradient);
        for (var i = 0; i < W.Length; i++)
        {
            Assert.Equal(2 * 0.75 * W[i], gradient[i], 15);
            Assert.Equal(2 * 0.75 * W[i], penalty.Derivative(W[i]), 15);
            Assert.Equal(0.75 * W[i] * W[i], penalty.Value(W[i]), 15);
        }

        penalty.Gradient(W, gradient, Reduction.Mean);
        for (var i = 0; i < W.Length; i++)
        {
            Assert.Equal(2 * 0.75 * W[i] / W.Length, gradient[i], 15);
        }
    }

    [Fact]
    public void Penalty_weighted_overloads_default_to_sum()
    {
        var penalty = new L2Loss();
        double[] weight = [1, 2, 0, 4, 0.5];
        var expected = 0.0;
        for (var i = 0; i < W.Length; i++)
        {
            expected += weight[i] * 0.1 * W[i] * W[i];
        }

        Near.Equal(expected, penalty.Value(W, weight), 1e-15, 0, "weighted Value(w, weight)");
        var gradient = new double[W.Length];
        penalty.Gradient(W, weight, gradient);
        for (var i = 0; i < W.Length; i++)
        {
            Assert.Equal(weight[i] * 2 * 0.1 * W[i], gradient[i], 15);
        }
    }

    [Fact]
    public void Penalty_lambda_defaults_to_0_1_in_the_constructor_and_the_users_method()
    {
        Assert.Equal(0.1, new L2Loss().Lambda);
        Assert.Equal(0.1 * 9, OtherShapeLosses.L2(3), 15);
        Assert.Equal(new L2Loss().Value(3), OtherShapeLosses.L2(3));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void Penalty_rejects_a_non_positive_lambda(double lambda) =>
        Assert.Equal("lambda", Assert.Throws<ArgumentOutOfRangeException>(() => new L2Loss(lambda)).ParamName);

    [Fact]
    public void Penalty_formulas_mention_lambda_and_w()
    {
        Assert.Matches(@"\blambda\b", L2Loss.Formula);
        Assert.Matches(@"\bw\b", L2Loss.Formula);
        Assert.Matches(@"\blambda\b", L2Loss.DerivativeFormula);
        Assert.Matches(@"\bw\b", L2Loss.DerivativeFormula);
    }

    [Fact]
    public void Penalty_of_nothing_is_zero()
    {
        Assert.Equal(0, new L2Loss().Value(ReadOnlySpan<double>.Empty));
        Assert.True(double.IsNaN(new L2Loss().Value(ReadOnlySpan<double>.Empty, Reduction.Mean)));
    }
}
