using System;
using System.Linq;
using Xunit;

namespace LossGen.Tests.Runtime;

/// <summary>
/// The weighted overloads: Values writes wᵢℓᵢ, Sum = Σwℓ, Mean = Σwℓ/N, WeightedMean = Σwℓ/Σw, and their gradients.
/// </summary>
public class WeightedReductionTests
{
    private const double Rel = 1e-13;
    private const double Abs = 1e-15;

    private static readonly Reduction[] Reductions = [Reduction.Sum, Reduction.Mean, Reduction.WeightedMean];

    private static ILoss<double> Loss => new ReferenceLosses.PseudoHuberLoss();

    private static ReferenceCase Data => ReferenceData.Case("custom/pseudo_huber");

    private static double[] Weights(int n)
    {
        var weight = new double[n];
        for (var i = 0; i < n; i++)
        {
            weight[i] = 0.1 + 0.37 * (i % 7);
        }

        return weight;
    }

    [Fact]
    public void Unit_weights_give_the_unweighted_values_reductions_and_gradients()
    {
        double[] p = Data.Prediction, y = Data.Target;
        var ones = new double[p.Length];
        Array.Fill(ones, 1.0);
        var loss = Loss;

        var weighted = new double[p.Length];
        var plain = new double[p.Length];
        loss.Values(p, y, ones, weighted);
        loss.Values(p, y, plain);
        Assert.Equal(plain, weighted);

        foreach (var reduction in Reductions)
        {
            Near.Equal(loss.Value(p, y, reduction), loss.Value(p, y, ones, reduction), Rel, Abs, $"Value({reduction})");
            loss.Gradient(p, y, ones, weighted, reduction);
            loss.Gradient(p, y, plain, reduction);
            Near.Equal(plain, weighted, Rel, Abs, $"Gradient({reduction})");
            Near.Equal(loss.ValueAndGradient(p, y, plain, reduction), loss.ValueAndGradient(p, y, ones, weighted, reduction), Rel, Abs, $"ValueAndGradient({reduction})");
            Near.Equal(plain, weighted, Rel, Abs, $"ValueAndGradient({reduction}) gradient");
        }
    }

    /// <summary>An unweighted call is a call with every weight 1: WeightedMean is Mean there, bit for bit, in every call shape.</summary>
    [Fact]
    public void Unweighted_weighted_mean_is_mean_bit_for_bit_in_every_call()
    {
        var loss = new Losses.HuberLoss<double>();
        double[] p = Data.Prediction, y = Data.Target;
        double[] g1 = new double[p.Length], g2 = new double[p.Length], h1 = new double[p.Length], h2 = new double[p.Length];
        Assert.Equal(loss.Value(p, y, Reduction.Mean), loss.Value(p, y, Reduction.WeightedMean));
        Assert.Equal(loss.ValueAndGradient(p, y, g1, Reduction.Mean), loss.ValueAndGradient(p, y, g2, Reduction.WeightedMean));
        Assert.Equal(g1, g2);
        loss.Gradient(p, y, g1, Reduction.Mean);
        loss.Gradient(p, y, g2, Reduction.WeightedMean);
        Assert.Equal(g1, g2);
        loss.GradientAndHessian(p, y, g1, h1, Reduction.Mean);
        loss.GradientAndHessian(p, y, g2, h2, Reduction.WeightedMean);
        Assert.Equal(g1, g2);
        Assert.Equal(h1, h2);

        var rows = new Losses.SoftmaxCrossEntropyLoss<double>();
        int[] target = [0, 2, 1];
        double[] logits = [0.5, -1, 2, 3, 0, -2, 1, 1, 1], r1 = new double[9], r2 = new double[9];
        Assert.Equal(rows.ValueAndGradient(logits, target, 3, r1, Reduction.Mean), rows.ValueAndGradient(logits, target, 3, r2, Reduction.WeightedMean));
        Assert.Equal(r1, r2);
    }

    /// <summary>
    /// Negative weights are used as given, not rejected (they have uses: importance-weight corrections, a term taken
    /// away): each element's loss and derivatives are multiplied by its weight, so weights −w give exactly the negated
    /// Sum, gradient and Hessian of weights w; WeightedMean divides by Σw whatever its sign.
    /// </summary>
    [Fact]
    public void Negative_weights_negate_exactly_what_the_positive_ones_give()
    {
        var loss = new Losses.HuberLoss<double>();
        double[] p = Data.Prediction, y = Data.Target;
        var weight = Weights(p.Length);
        var negated = weight.Select(w => -w).ToArray();
        double[] g1 = new double[p.Length], g2 = new double[p.Length], h1 = new double[p.Length], h2 = new double[p.Length];
        Assert.Equal(-loss.ValueAndGradient(p, y, weight, g1, Reduction.Sum), loss.ValueAndGradient(p, y, negated, g2, Reduction.Sum));
        Assert.Equal(g1.Select(g => -g), g2);
        loss.GradientAndHessian(p, y, weight, g1, h1, Reduction.Sum);
        loss.GradientAndHessian(p, y, negated, g2, h2, Reduction.Sum);
        Assert.Equal(g1.Select(g => -g), g2);
        Assert.Equal(h1.Select(h => -h), h2);
        Assert.Equal(loss.Value(p, y, weight, Reduction.WeightedMean), loss.Value(p, y, negated, Reduction.WeightedMean));

        var mixed = weight.Select((w, i) => i % 2 == 0 ? w : -w).ToArray();
        var values = new double[p.Length];
        loss.Values(p, y, mixed, values);
        var expected = Enumerable.Range(0, p.Length).Sum(i => mixed[i] * loss.Value(p[i], y[i])) / mixed.Sum();
        Near.Equal(expected, loss.Value(p, y, mixed, Reduction.WeightedMean), Rel, Abs, "WeightedMean with mixed signs");
        Assert.Equal(Enumerable.Range(0, p.Length).Select(i => mixed[i] * loss.Value(p[i], y[i])), values);
    }

    [Fact]
    public void Scaling_weights_by_three_triples_sum_and_its_gradient_and_leaves_weighted_mean_unchanged()
    {
        double[] p = Data.Prediction, y = Data.Target;
        var weight = Weights(p.Length);
        var tripled = Near.Scale(weight, 3);
        var loss = Loss;

        Near.Equal(3 * loss.Value(p, y, weight, Reduction.Sum), loss.Value(p, y, tripled, Reduction.Sum), Rel, Abs, "Sum");
        Near.Equal(loss.Value(p, y, weight, Reduction.WeightedMean), loss.Value(p, y, tripled, Reduction.WeightedMean), Rel, Abs, "WeightedMean");

        var gradient = new double[p.Length];
        var gradientTripled = new double[p.Length];
        loss.Gradient(p, y, weight, gradient, Reduction.Sum);
        loss.Gradient(p, y, tripled, gradientTripled, Reduction.Sum);
        Near.Equal(Near.Scale(gradient, 3), gradientTripled, Rel, Abs, "Gradient(Sum)");

        loss.Gradient(p, y, weight, gradient, Reduction.WeightedMean);
        loss.Gradient(p, y, tripled, gradientTripled, Reduction.WeightedMean);
        Near.Equal(gradient, gradientTripled, Rel, Abs, "Gradient(WeightedMean)");
    }

    [Fact]
    public void Weighted_reductions_are_sum_of_weight_times_loss_over_one_n_or_sum_of_weights()
    {
        double[] p = Data.Prediction, y = Data.Target, elementwise = Data.Elementwise, derivative = Data.GradientOfSum;
        var weight = Weights(p.Length);
        var loss = Loss;
        double weightedSum = 0, weightSum = 0;
        for (var i = 0; i < p.Length; i++)
        {
            weightedSum += weight[i] * elementwise[i];
            weightSum += weight[i];
        }

        var values = new double[p.Length];
        loss.Values(p, y, weight, values);
        for (var i = 0; i < p.Length; i++)
        {
            Near.Equal(weight[i] * elementwise[i], values[i], 1e-10, 1e-12, $"Values[{i}] = wℓ");
        }

        Near.Equal(weightedSum, loss.Value(p, y, weight, Reduction.Sum), 1e-10, 1e-12, "Sum = Σwℓ");
        Near.Equal(weightedSum / p.Length, loss.Value(p, y, weight, Reduction.Mean), 1e-10, 1e-12, "Mean = Σwℓ/N");
        Near.Equal(weightedSum / weightSum, loss.Value(p, y, weight, Reduction.WeightedMean), 1e-10, 1e-12, "WeightedMean = Σwℓ/Σw");
        Near.Equal(weightedSum / p.Length, loss.Value(p, y, weight), 1e-10, 1e-12, "default reduction = Mean");

        var gradient = new double[p.Length];
        Near.Equal(weightedSum / weightSum, loss.ValueAndGradient(p, y, weight, gradient, Reduction.WeightedMean), 1e-10, 1e-12, "ValueAndGradient(WeightedMean)");
        for (var i = 0; i < p.Length; i++)
        {
            Near.Equal(weight[i] * derivative[i] / weightSum, gradient[i], 1e-10, 1e-12, $"WeightedMean gradient[{i}] = wᵢ∂ℓᵢ/Σw");
        }

        loss.Gradient(p, y, weight, gradient, Reduction.Mean);
        for (var i = 0; i < p.Length; i++)
        {
            Near.Equal(weight[i] * derivative[i] / p.Length, gradient[i], 1e-10, 1e-12, $"Mean gradient[{i}] = wᵢ∂ℓᵢ/N");
        }
    }

    [Theory]
    [InlineData(new[] { 0.0, 0.0, 0.0 })]
    [InlineData(new[] { 1.0, -1.0, 0.0 })]
    public void Weighted_mean_with_weights_summing_to_zero_is_NaN(double[] weight)
    {
        double[] p = [0.5, -1, 2], y = [0, 0, 1];
        var loss = Loss;
        Assert.True(double.IsNaN(loss.Value(p, y, weight, Reduction.WeightedMean)));
        var gradient = new double[3];
        Assert.True(double.IsNaN(loss.ValueAndGradient(p, y, weight, gradient, Reduction.WeightedMean)));
        Assert.False(double.IsNaN(loss.Value(p, y, weight, Reduction.Sum)));
        Assert.False(double.IsNaN(loss.Value(p, y, weight, Reduction.Mean)));
    }

    [Fact]
    public void Mse_reproduces_the_weighted_reference_case()
    {
        var reference = ReferenceData.Case("mse/weighted");
        var loss = new OtherShapeLosses.MseLoss();
        double[] p = reference.Prediction, y = reference.Target, weight = reference.Array("weight");
        Near.Equal(reference.Sum, loss.Value(p, y, weight, Reduction.Sum), Near.DoubleRelative, Near.DoubleAbsolute, "Sum");
        Near.Equal(reference.Mean, loss.Value(p, y, weight, Reduction.Mean), Near.DoubleRelative, Near.DoubleAbsolute, "Mean");
        Near.Equal(reference.Number("weighted_mean")!.Value, loss.Value(p, y, weight, Reduction.WeightedMean), Near.DoubleRelative, Near.DoubleAbsolute, "WeightedMean");
        var gradient = new double[p.Length];
        loss.Gradient(p, y, weight, gradient, Reduction.Sum);
        Near.Equal(reference.GradientOfSum, gradient, Near.DoubleRelative, Near.DoubleAbsolute, "Gradient(Sum)");
    }

    [Fact]
    public void Float_weighted_reductions_match_double()
    {
        float[] p = Near.ToFloat(Data.Prediction), y = Near.ToFloat(Data.Target), weight = Near.ToFloat(Weights(p.Length));
        ILoss<float> single = new ReferenceLosses.PseudoHuberFLoss();
        double[] pd = Array.ConvertAll(p, v => (double)v), yd = Array.ConvertAll(y, v => (double)v), wd = Array.ConvertAll(weight, v => (double)v);
        foreach (var reduction in Reductions)
        {
            Near.Equal(Loss.Value(pd, yd, wd, reduction), single.Value(p, y, weight, reduction), Near.FloatRelative, Near.FloatAbsolute, $"Value({reduction})");
        }
    }

    /// <summary>
    /// Σw, WeightedMean's denominator, is summed over SIMD vectors and a scalar tail: at every length across several
    /// vector widths each weight counts once, and a float Σw over 10⁶ weights of mixed magnitude stays within one float
    /// rounding of the exact sum.
    /// </summary>
    [Fact]
    public void Weight_sum_counts_every_weight_once_at_every_length_and_stays_accurate()
    {
        var loss = new OtherShapeLosses.MseLoss();
        for (var n = 1; n <= 70; n++)
        {
            var p = new double[n];
            var y = new double[n];
            var w = new double[n];
            for (var i = 0; i < n; i++)
            {
                y[i] = 1;
                w[i] = i + 1;
            }

            // ℓ = 1 everywhere, so WeightedMean = Σw / Σw = 1 and Sum = Σw = n(n + 1)/2.
            Assert.Equal(n * (n + 1) / 2.0, loss.Value(p, y, w, Reduction.Sum));
            Assert.Equal(1.0, loss.Value(p, y, w, Reduction.WeightedMean));
        }

        const int N = 1_000_000;
        var random = new Random(5);
        var weights = new float[N];
        var exact = 0m;
        for (var i = 0; i < N; i++)
        {
            weights[i] = (float)Math.Pow(10, 6 * random.NextDouble() - 3);
            exact += (decimal)weights[i];
        }

        var ones = new float[N];
        Array.Fill(ones, 1f);
        ILoss<float> single = new Losses.MeanSquaredErrorLoss<float>();

        // Σwℓ / Σw with ℓ = 1: both sums are accurate, so the ratio is 1 within a rounding or two.
        Assert.Equal(1f, single.Value(new float[N], ones, weights, Reduction.WeightedMean), 1e-6f);
        Assert.Equal((double)exact, single.Value(new float[N], ones, weights, Reduction.Sum), (double)exact * 1e-7);
    }

    /// <summary>
    /// Issue 19: a weighted mean whose weights sum to 0 is NaN, and its gradient and Hessian are 0 in every element (they
    /// were NaN everywhere), at every length (the scalar loop and the vector loops), for element and row losses.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(17)]
    [InlineData(100)]
    public void A_weighted_mean_over_weights_summing_to_0_is_NaN_with_a_zero_gradient_and_Hessian(int n)
    {
        var p = Enumerable.Range(0, n).Select(i => 0.1 * i - 1).ToArray();
        var y = Enumerable.Range(0, n).Select(i => (double)(i % 2)).ToArray();
        var zero = new double[n];
        var balanced = Enumerable.Range(0, n).Select(i => n > 1 && i < 2 ? (i == 0 ? 1.0 : -1.0) : 0.0).ToArray();
        foreach (var weight in n > 1 ? new[] { zero, balanced } : new[] { zero })
        {
            var loss = new Losses.BinaryCrossEntropyWithLogitsLoss<double>();
            var gradient = Enumerable.Repeat(7.0, n).ToArray();
            var hessian = Enumerable.Repeat(7.0, n).ToArray();
            Assert.True(double.IsNaN(loss.ValueAndGradient(p, y, weight, gradient, Reduction.WeightedMean)));
            Assert.All(gradient, g => Assert.Equal(0.0, g));
            Array.Fill(gradient, 7.0);
            loss.Gradient(p, y, weight, gradient, Reduction.WeightedMean);
            Assert.All(gradient, g => Assert.Equal(0.0, g));
            loss.GradientAndHessian(p, y, weight, gradient, hessian, Reduction.WeightedMean);
            Assert.All(gradient, g => Assert.Equal(0.0, g));
            Assert.All(hessian, h => Assert.Equal(0.0, h));
            Assert.True(double.IsNaN(loss.Value(p, y, weight, Reduction.WeightedMean)));
        }

        var logits = Enumerable.Range(0, 3 * n).Select(i => 0.3 * (i % 5) - 0.6).ToArray();
        var soft = Enumerable.Range(0, 3 * n).Select(i => 1.0 / 3).ToArray();
        var rowGradient = Enumerable.Repeat(7.0, 3 * n).ToArray();
        Assert.True(double.IsNaN(new Losses.SoftTargetCrossEntropyLoss<double>().ValueAndGradient(logits, soft, zero, 3, rowGradient, Reduction.WeightedMean)));
        Assert.All(rowGradient, g => Assert.Equal(0.0, g));
        Array.Fill(rowGradient, 7.0);
        var classes = Enumerable.Range(0, n).Select(i => i % 3).ToArray();
        Assert.True(double.IsNaN(new Losses.SoftmaxCrossEntropyLoss<double>().ValueAndGradient(logits, classes, zero, 3, rowGradient, Reduction.WeightedMean)));
        Assert.All(rowGradient, g => Assert.Equal(0.0, g));
    }
}
