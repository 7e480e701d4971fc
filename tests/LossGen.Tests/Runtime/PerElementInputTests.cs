using System;
using System.Globalization;
using Xunit;
using Gaussian = LossGen.Tests.Runtime.OtherShapeLosses.GaussianNllLoss;

namespace LossGen.Tests.Runtime;

/// <summary>
/// A loss with a second differentiated input: Gaussian NLL with the variance as a
/// <c>[PerElement(Differentiable = true)]</c> span, against <c>losses.json</c>'s <c>gaussian_nll</c> and by finite differences.
/// </summary>
public class PerElementInputTests
{
    private const double Rel = Near.DoubleRelative;
    private const double Abs = Near.DoubleAbsolute;

    /// <summary>PyTorch's default eps, used when the case does not set one.</summary>
    private const double TorchDefaultEps = 1e-6;

    private static ReferenceCase Reference => ReferenceData.Case("gaussian_nll");

    private static Gaussian ReferenceLoss() => new(eps: Reference.HyperNumber("eps") ?? TorchDefaultEps);

    [Fact]
    public void Gaussian_nll_reproduces_elementwise_sum_and_mean_of_the_reference()
    {
        var (loss, p, y, v) = (ReferenceLoss(), Reference.Prediction, Reference.Target, Reference.Array("variance"));
        var elementwise = new double[p.Length];
        loss.Values(p, y, v, elementwise);
        Near.Equal(Reference.Elementwise, elementwise, Rel, Abs, "Values");
        Near.Equal(Reference.Sum, loss.Value(p, y, v, Reduction.Sum), Rel, Abs, "Value(Sum)");
        Near.Equal(Reference.Mean, loss.Value(p, y, v, Reduction.Mean), Rel, Abs, "Value(Mean)");
        Near.Equal(Reference.Mean, loss.Value(p, y, v), Rel, Abs, "Value(default = Mean)");
    }

    [Fact]
    public void Gaussian_nll_gradients_in_prediction_and_variance_reproduce_the_reference()
    {
        var (loss, p, y, v) = (ReferenceLoss(), Reference.Prediction, Reference.Target, Reference.Array("variance"));
        var expectedP = Reference.GradientOfSum;
        var expectedV = Reference.Array("gradient_of_sum_variance");

        var gradient = new double[p.Length];
        var vGradient = new double[p.Length];
        loss.Gradient(p, y, v, gradient, vGradient, Reduction.Sum);
        Near.Equal(expectedP, gradient, Rel, Abs, "Gradient(Sum) gradient");
        Near.Equal(expectedV, vGradient, Rel, Abs, "Gradient(Sum) vGradient");

        Array.Clear(gradient);
        Array.Clear(vGradient);
        Near.Equal(Reference.Sum, loss.ValueAndGradient(p, y, v, gradient, vGradient, Reduction.Sum), Rel, Abs, "ValueAndGradient(Sum) value");
        Near.Equal(expectedP, gradient, Rel, Abs, "ValueAndGradient(Sum) gradient");
        Near.Equal(expectedV, vGradient, Rel, Abs, "ValueAndGradient(Sum) vGradient");

        Near.Equal(Reference.Mean, loss.ValueAndGradient(p, y, v, gradient, vGradient, Reduction.Mean), Rel, Abs, "ValueAndGradient(Mean) value");
        Near.Equal(Near.Scale(expectedP, 1.0 / p.Length), gradient, Rel, Abs, "ValueAndGradient(Mean) gradient");
        Near.Equal(Near.Scale(expectedV, 1.0 / p.Length), vGradient, Rel, Abs, "ValueAndGradient(Mean) vGradient");

        for (var i = 0; i < p.Length; i++)
        {
            Near.Equal(Reference.Elementwise[i], loss.Value(p[i], y[i], v[i]), Rel, Abs, $"Value(p[{i}], y[{i}], v[{i}])");
            Near.Equal(expectedP[i], loss.Derivative(p[i], y[i], v[i]), Rel, Abs, $"Derivative(p[{i}], y[{i}], v[{i}])");
            Near.Equal(expectedV[i], loss.VDerivative(p[i], y[i], v[i]), Rel, Abs, $"VDerivative(p[{i}], y[{i}], v[{i}])");
        }
    }

    [Theory]
    [InlineData(1e-6)]
    [InlineData(0.5)]
    public void Gaussian_nll_derivatives_in_variance_and_prediction_match_central_differences(double eps)
    {
        var loss = new Gaussian(eps: eps);
        var random = new Random(20261128);
        for (var k = 0; k < 200; k++)
        {
            double p = -4 + 8 * random.NextDouble(), y = -4 + 8 * random.NextDouble(), v = 0.05 + 3 * random.NextDouble();
            if (Math.Abs(v - eps) < 1e-3)
            {
                continue;
            }

            var hv = 1e-6 * Math.Max(1, v);
            var centralV = (loss.Value(p, y, v + hv) - loss.Value(p, y, v - hv)) / ((v + hv) - (v - hv));
            var hp = 1e-6 * Math.Max(1, Math.Abs(p));
            var centralP = (loss.Value(p + hp, y, v) - loss.Value(p - hp, y, v)) / ((p + hp) - (p - hp));
            var scale = 1e-8 * Math.Max(1, Math.Abs(loss.Value(p, y, v)));
            AssertDerivative(centralV, loss.VDerivative(p, y, v), scale, $"VDerivative at p = {p:R}, y = {y:R}, v = {v:R}, eps = {eps:R}");
            AssertDerivative(centralP, loss.Derivative(p, y, v), scale, $"Derivative at p = {p:R}, y = {y:R}, v = {v:R}, eps = {eps:R}");
        }
    }

    [Fact]
    public void Gaussian_nll_variance_below_eps_is_clamped_and_has_zero_variance_derivative()
    {
        var loss = new Gaussian(eps: 0.5);
        Assert.Equal(loss.Value(1, 0, 0.5), loss.Value(1, 0, 0.1));
        Assert.Equal(0, loss.VDerivative(1, 0, 0.1));
    }

    [Fact]
    public void Gaussian_nll_gradients_written_in_place_over_prediction_and_variance_equal_separate_outputs()
    {
        var (loss, p, y, v) = (ReferenceLoss(), Reference.Prediction, Reference.Target, Reference.Array("variance"));
        var gradient = new double[p.Length];
        var vGradient = new double[p.Length];
        var expected = loss.ValueAndGradient(p, y, v, gradient, vGradient, Reduction.Sum);

        double[] pInPlace = (double[])p.Clone(), vInPlace = (double[])v.Clone();
        var actual = loss.ValueAndGradient(pInPlace, y, vInPlace, pInPlace, vInPlace, Reduction.Sum);
        Assert.Equal(expected, actual);
        Assert.Equal(gradient, pInPlace);
        Assert.Equal(vGradient, vInPlace);

        // Crossed: the prediction's gradient over v's memory, v's gradient over the prediction's.
        double[] pCrossed = (double[])p.Clone(), vCrossed = (double[])v.Clone();
        Assert.Equal(expected, loss.ValueAndGradient(pCrossed, y, vCrossed, vCrossed, pCrossed, Reduction.Sum));
        Assert.Equal(gradient, vCrossed);
        Assert.Equal(vGradient, pCrossed);
    }

    [Fact]
    public void Gaussian_nll_weighted_sum_is_the_sum_of_weight_times_loss()
    {
        var (loss, p, y, v) = (ReferenceLoss(), Reference.Prediction, Reference.Target, Reference.Array("variance"));
        var weight = new double[p.Length];
        var expected = 0.0;
        for (var i = 0; i < p.Length; i++)
        {
            weight[i] = 0.25 + (i % 5);
            expected += weight[i] * Reference.Elementwise[i];
        }

        Near.Equal(expected, loss.Value(p, y, weight, v, Reduction.Sum), Rel, Abs, "weighted Value(Sum)");
        var gradient = new double[p.Length];
        var vGradient = new double[p.Length];
        loss.Gradient(p, y, weight, v, gradient, vGradient, Reduction.Sum);
        var expectedV = Reference.Array("gradient_of_sum_variance");
        for (var i = 0; i < p.Length; i++)
        {
            Near.Equal(weight[i] * Reference.GradientOfSum[i], gradient[i], Rel, Abs, $"weighted gradient[{i}]");
            Near.Equal(weight[i] * expectedV[i], vGradient[i], Rel, Abs, $"weighted vGradient[{i}]");
        }
    }

    [Fact]
    public void Gaussian_nll_rejects_overlapping_gradient_outputs_naming_vGradient_and_writes_nothing()
    {
        var loss = new Gaussian();
        double[] p = [1, 2, 3], y = [0, 0, 0], v = [1, 1, 1];
        var outputs = new double[6];
        Array.Fill(outputs, 42);
        var error = Assert.Throws<ArgumentException>(() => loss.Gradient(p, y, v, outputs.AsSpan(0, 3), outputs.AsSpan(2, 3)));
        Assert.Equal("vGradient", error.ParamName);
        Assert.All(outputs, o => Assert.Equal(42, o));
    }

    [Fact]
    public void Gaussian_nll_rejects_a_variance_span_of_another_length_naming_v()
    {
        var loss = new Gaussian();
        double[] p = [1, 2, 3], y = [0, 0, 0];
        var gradient = new[] { 42.0, 42, 42 };
        var vGradient = new[] { 42.0, 42, 42 };
        Assert.Equal("v", Assert.Throws<ArgumentException>(() => loss.Value(p, y, new double[2])).ParamName);
        Assert.Equal("v", Assert.Throws<ArgumentException>(() => loss.Gradient(p, y, new double[4], gradient, vGradient)).ParamName);
        Assert.Equal("vGradient", Assert.Throws<ArgumentException>(() => loss.Gradient(p, y, new double[3], gradient, new double[2])).ParamName);
        Assert.All(gradient, g => Assert.Equal(42, g));
        Assert.All(vGradient, g => Assert.Equal(42, g));
    }

    private static void AssertDerivative(double central, double derivative, double absolute, string what)
    {
        if (!(Math.Abs(derivative - central) <= 1e-6 * Math.Max(Math.Abs(derivative), Math.Abs(central)) + absolute))
        {
            Assert.Fail(string.Create(CultureInfo.InvariantCulture, $"{what}: generated {derivative:R}, central difference {central:R}"));
        }
    }
}
