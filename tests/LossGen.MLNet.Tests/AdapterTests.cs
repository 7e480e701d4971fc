using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML.Trainers;
using Xunit;

namespace LossGen.MLNet.Tests;

/// <summary>The adapters against the LossGen losses they wrap and against ML.NET's own losses.</summary>
public class AdapterTests
{
    /// <summary>Outputs over the range a linear model's score takes, with both signs and the origin.</summary>
    private static readonly float[] Outputs = Enumerable.Range(-40, 81).Select(i => i * 0.25f + 0.0625f).Append(0f).ToArray();

    private static IEnumerable<(float Output, float Label)> RegressionPoints() =>
        from output in Outputs
        from label in new[] { -7.5f, -1f, 0f, 0.3f, 2f, 6f }
        select (output, label);

    private static IEnumerable<(float Output, float Label)> ClassificationPoints() =>
        from output in Outputs
        from label in new[] { 0f, 1f }
        select (output, label);

    [Fact]
    public void Regression_adapter_returns_the_loss_value_and_derivative()
    {
        ILoss<float>[] losses = [new Losses.HuberLoss<float>(delta: 1.5f), new Losses.LogCoshLoss<float>(), new Losses.QuantileLoss<float>(tau: 0.8f)];
        foreach (var loss in losses)
        {
            var adapter = loss.ToRegressionLoss();
            foreach (var (output, label) in RegressionPoints())
            {
                Assert.Equal(loss.Value(output, label), adapter.Loss(output, label));
                Assert.Equal(loss.Derivative(output, label), adapter.Derivative(output, label));
            }
        }
    }

    [Fact]
    public void Regression_adapter_of_a_double_loss_computes_in_double()
    {
        var loss = new Losses.HuberLoss<double>(delta: 0.7);
        var adapter = loss.ToRegressionLoss();
        foreach (var (output, label) in RegressionPoints())
        {
            Assert.Equal(loss.Value(output, label), adapter.Loss(output, label));
            Assert.Equal((float)loss.Derivative(output, label), adapter.Derivative(output, label));
        }
    }

    [Fact]
    public void Mean_squared_error_matches_MLNet_squared_loss()
    {
        var ours = new Losses.MeanSquaredErrorLoss<float>().ToRegressionLoss();
        var theirs = new SquaredLoss();
        foreach (var (output, label) in RegressionPoints())
        {
            Assert.Equal(theirs.Loss(output, label), ours.Loss(output, label));
            Assert.Equal(theirs.Derivative(output, label), ours.Derivative(output, label));
        }
    }

    [Fact]
    public void Hinge_with_zero_one_labels_matches_MLNet_hinge_loss_off_the_margin()
    {
        var ours = new Losses.HingeLoss<float>().ToClassificationLoss();
        var theirs = new HingeLoss();
        foreach (var (output, label) in ClassificationPoints().Where(p => MathF.Abs(p.Output) != 1f))
        {
            Assert.Equal(theirs.Loss(output, label), ours.Loss(output, label));
            Assert.Equal(theirs.Derivative(output, label), ours.Derivative(output, label));
        }
    }

    [Fact]
    public void Hinge_at_the_margin_takes_half_the_slope_where_MLNet_takes_none()
    {
        // LossGen's max splits the gradient at a tie (torch.maximum's convention, docs/losses.md); ML.NET's hinge tests
        // margin > label · output strictly. Both are subgradients; the values agree.
        var ours = new Losses.HingeLoss<float>().ToClassificationLoss();
        var theirs = new HingeLoss();
        Assert.Equal(theirs.Loss(1f, 1f), ours.Loss(1f, 1f));
        Assert.Equal(0f, theirs.Derivative(1f, 1f));
        Assert.Equal(-0.5f, ours.Derivative(1f, 1f));
        Assert.Equal(0.5f, ours.Derivative(-1f, 0f));
    }

    [Fact]
    public void Soft_margin_and_cross_entropy_with_logits_match_MLNet_log_loss()
    {
        // ML.NET's log loss rounds the probability to float before its log, so away from 0 it loses the tail
        // log(1 + exp(-|output|)) (at output 9, 1e-4 of it): compared with ML.NET where that rounding is below 1e-5,
        // and everywhere with the exact softplus in double.
        var theirs = new LogLoss();
        foreach (var ours in new[] { new Losses.SoftMarginLoss<float>().ToClassificationLoss(), new Losses.BinaryCrossEntropyWithLogitsLoss<float>().ToClassificationLoss() })
        {
            foreach (var (output, label) in ClassificationPoints())
            {
                var margin = label > 0 ? output : -output;
                var exact = Math.Max(-margin, 0) + Math.Log(1 + Math.Exp(-Math.Abs((double)margin)));
                Assert.Equal(exact, ours.Loss(output, label), 1e-6 * (1 + exact));
                if (Math.Abs(output) <= 4)
                {
                    Assert.Equal(theirs.Loss(output, label), ours.Loss(output, label), 1e-5 * (1 + exact));
                    Assert.Equal(theirs.Derivative(output, label), ours.Derivative(output, label), 1e-6f);
                }
            }
        }
    }

    [Theory]
    [InlineData(1f, 1f)]
    [InlineData(0.5f, 1f)]
    [InlineData(3f, 1f)]
    [InlineData(0f, 0f)]
    [InlineData(-1f, 0f)]
    [InlineData(float.NaN, 0f)]
    public void Zero_one_loss_sees_1_for_a_positive_label_and_0_otherwise(float label, float expected) =>
        Assert.Equal(expected, new ProbeLosses.ZeroOneEchoLoss().ToClassificationLoss().Derivative(0.25f, label));

    [Theory]
    [InlineData(1f, 1f)]
    [InlineData(0.5f, 1f)]
    [InlineData(0f, -1f)]
    [InlineData(-1f, -1f)]
    [InlineData(float.NaN, -1f)]
    public void Plus_minus_one_loss_sees_1_for_a_positive_label_and_minus_1_otherwise(float label, float expected) =>
        Assert.Equal(expected, new ProbeLosses.PlusMinusEchoLoss().ToClassificationLoss().Derivative(0.25f, label));

    [Fact]
    public void Regression_adapter_passes_the_label_as_it_is()
    {
        foreach (var label in new[] { -3.5f, 0f, 0.25f, 1f, 40f })
        {
            Assert.Equal(label, new ProbeLosses.PlusMinusEchoLoss().ToRegressionLoss().Derivative(0.25f, label));
        }
    }

    [Fact]
    public void Explicit_labels_override_what_the_loss_declares()
    {
        var echo = new ProbeLosses.AnyEchoLoss();
        Assert.Equal(-1f, echo.ToClassificationLoss(LossLabels.MinusOnePlusOne).Derivative(0.25f, 0f));
        Assert.Equal(0f, echo.ToClassificationLoss(LossLabels.ZeroOne).Derivative(0.25f, 0f));
        Assert.Equal(0f, new ProbeLosses.PlusMinusEchoLoss().ToClassificationLoss(LossLabels.ZeroOne).Derivative(0.25f, 0f));
    }

    [Fact]
    public void Classification_adapter_value_is_the_loss_of_the_converted_label()
    {
        var hinge = new Losses.HingeLoss<double>();
        var adapter = hinge.ToClassificationLoss();
        Assert.Equal(hinge.Value(0.25, -1.0), adapter.Loss(0.25f, 0f));
        Assert.Equal(hinge.Value(0.25, 1.0), adapter.Loss(0.25f, 1f));
    }

    [Fact]
    public void Null_loss_throws_naming_the_loss()
    {
        Assert.Equal("loss", Assert.Throws<ArgumentNullException>(() => MLNetLoss.ToRegressionLoss<float>(null!)).ParamName);
        Assert.Equal("loss", Assert.Throws<ArgumentNullException>(() => MLNetLoss.ToClassificationLoss<float>(null!)).ParamName);
        Assert.Equal("loss", Assert.Throws<ArgumentNullException>(() => MLNetLoss.ToClassificationLoss<float>(null!, LossLabels.ZeroOne)).ParamName);
    }

    [Fact]
    public void Regression_loss_as_a_classifier_needs_its_labels_said()
    {
        var exception = Assert.Throws<ArgumentException>(() => new Losses.MeanSquaredErrorLoss<float>().ToClassificationLoss());
        Assert.Equal("loss", exception.ParamName);
        Assert.Contains("LossLabels.Any", exception.Message, StringComparison.Ordinal);
        Assert.Contains("ToClassificationLoss(loss, LossLabels.ZeroOne)", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(LossLabels.Any)]
    [InlineData((LossLabels)42)]
    public void Explicit_labels_must_be_class_labels(LossLabels labels) =>
        Assert.Equal("labels", Assert.Throws<ArgumentOutOfRangeException>(() => new Losses.HingeLoss<float>().ToClassificationLoss(labels)).ParamName);

    [Fact]
    public void Adapters_are_the_interfaces_the_trainers_take()
    {
        Assert.IsAssignableFrom<IRegressionLoss>(new Losses.HuberLoss<float>().ToRegressionLoss());
        Assert.IsAssignableFrom<IClassificationLoss>(new Losses.FocalLoss<float>().ToClassificationLoss());
    }
}
