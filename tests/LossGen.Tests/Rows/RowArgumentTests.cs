using System;
using System.Linq;
using Xunit;

namespace LossGen.Tests.Rows;

/// <summary>Bad input to the generated row-wise methods: a clear exception naming the argument, and nothing written.</summary>
public class RowArgumentTests
{
    private static readonly double[] Logits = { 1, 2, 3, 4, 5, 6 };

    private static double[] Sentinel(int length) => Enumerable.Repeat(-7.0, length).ToArray();

    private static void ThrowsAndWritesNothing<TException>(string parameter, double[] output, Action call)
        where TException : ArgumentException
    {
        var before = (double[])output.Clone();
        var exception = Assert.Throws<TException>(call);
        Assert.Equal(parameter, exception.ParamName);
        Assert.Equal(before, output);
    }

    [Fact]
    public void A_target_that_is_neither_a_class_nor_the_ignore_index_is_rejected_before_anything_is_written()
    {
        var loss = new Losses.SoftmaxCrossEntropyLoss<double>();
        var gradient = Sentinel(6);
        ThrowsAndWritesNothing<ArgumentOutOfRangeException>("target", gradient, () => loss.Gradient(Logits, new[] { 0, 3 }, 3, gradient));
        ThrowsAndWritesNothing<ArgumentOutOfRangeException>("target", gradient, () => loss.ValueAndGradient(Logits, new[] { -1, 0 }, 3, gradient));
        var values = Sentinel(2);
        ThrowsAndWritesNothing<ArgumentOutOfRangeException>("target", values, () => loss.Values(Logits, new[] { 2, 5 }, 3, values));
        Assert.Throws<ArgumentOutOfRangeException>("target", () => loss.Value(Logits.AsSpan(0, 3), 3));
    }

    [Fact]
    public void Shapes_that_do_not_match_are_rejected_naming_the_argument()
    {
        var loss = new Losses.SoftmaxCrossEntropyLoss<double>();
        var gradient = Sentinel(6);
        ThrowsAndWritesNothing<ArgumentOutOfRangeException>("classes", gradient, () => loss.Gradient(Logits, new[] { 0, 1 }, 0, gradient));
        ThrowsAndWritesNothing<ArgumentException>("logits", gradient, () => loss.Gradient(Logits, new[] { 0, 1 }, 4, gradient));
        ThrowsAndWritesNothing<ArgumentException>("target", gradient, () => loss.Gradient(Logits, new[] { 0, 1, 2 }, 3, gradient));
        ThrowsAndWritesNothing<ArgumentException>("weight", gradient, () => loss.Gradient(Logits, new[] { 0, 1 }, new[] { 1.0 }, 3, gradient));
        var shortGradient = Sentinel(5);
        ThrowsAndWritesNothing<ArgumentException>("gradient", shortGradient, () => loss.Gradient(Logits, new[] { 0, 1 }, 3, shortGradient));
        Assert.Throws<ArgumentException>("logits", () => loss.Value(ReadOnlySpan<double>.Empty, 0));

        var kl = new Losses.KLDivergenceLoss<double>();
        ThrowsAndWritesNothing<ArgumentException>("target", gradient, () => kl.Gradient(Logits, new double[5], 3, gradient));
    }

    [Fact]
    public void An_output_in_an_input_is_rejected_since_rows_are_read_after_others_are_written()
    {
        var loss = new Losses.SoftmaxCrossEntropyLoss<double>();
        var logits = (double[])Logits.Clone();
        ThrowsAndWritesNothing<ArgumentException>("gradient", logits, () => loss.Gradient(logits, new[] { 0, 1 }, 3, logits));
        ThrowsAndWritesNothing<ArgumentException>("destination", logits, () => loss.Values(logits, new[] { 0, 1 }, 3, logits.AsSpan(4)));
    }

    [Fact]
    public void Class_weights_must_be_finite_not_negative_and_one_per_class()
    {
        Assert.Throws<ArgumentOutOfRangeException>("ClassWeights", () => new Losses.SoftmaxCrossEntropyLoss<double> { ClassWeights = new[] { 1, -0.5, 1 } });
        Assert.Throws<ArgumentOutOfRangeException>("ClassWeights", () => new Losses.SoftmaxCrossEntropyLoss<double> { ClassWeights = new[] { 1, double.NaN, 1 } });
        var loss = new Losses.SoftmaxCrossEntropyLoss<double> { ClassWeights = new[] { 1.0, 2.0 } };
        var gradient = Sentinel(6);
        ThrowsAndWritesNothing<ArgumentException>("classes", gradient, () => loss.Gradient(Logits, new[] { 0, 1 }, 3, gradient));
    }

    [Fact]
    public void Class_weights_are_copied()
    {
        var weights = new[] { 1.0, 2.0, 3.0 };
        var loss = new Losses.SoftmaxCrossEntropyLoss<double> { ClassWeights = weights };
        var before = loss.Value(Logits, new[] { 1, 2 }, 3, Reduction.Sum);
        weights[1] = 100;
        Assert.Equal(before, loss.Value(Logits, new[] { 1, 2 }, 3, Reduction.Sum));
        Assert.Equal(new[] { 1.0, 2.0, 3.0 }, loss.ClassWeights.ToArray());
    }

    [Fact]
    public void Hyperparameters_out_of_range_are_rejected_naming_them()
    {
        Assert.Throws<ArgumentOutOfRangeException>("labelSmoothing", () => new Losses.SoftmaxCrossEntropyLoss<double>(1.5));
        Assert.Throws<ArgumentOutOfRangeException>("gamma", () => new Losses.CategoricalFocalLoss<float>(gamma: -1f));
    }
}
