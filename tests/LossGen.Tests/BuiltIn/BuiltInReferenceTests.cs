using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;
using System.Text.Json;
using LossGen.Tests.Runtime;
using Xunit;

namespace LossGen.Tests.BuiltIn;

/// <summary>
/// Every non-<c>custom/*</c> case of <c>losses.json</c> (PyTorch, float64) reproduced by the built-in catalogue
/// <see cref="Losses"/>, in double and in float (inputs rounded to float, float tolerance): per-element values, the
/// scalar Value/Derivative, every reduction, Gradient and ValueAndGradient, unweighted and weighted.
/// </summary>
public class BuiltInReferenceTests
{
    private const string GaussianNll = "gaussian_nll";

    /// <summary>The case whose reference gradient is PyTorch's BCE kernel, not the derivative of the clamped formula.</summary>
    private const string BceEdges = "bce/edges";

    /// <summary>PyTorch's clamp of each log in <c>binary_cross_entropy</c>.</summary>
    private const double LogFloor = -100;

    /// <summary>The hyperparameters each loss name of the file may set, and how our built-in reads them.</summary>
    private static readonly Dictionary<string, string[]> KnownHyperparameters = new(StringComparer.Ordinal)
    {
        ["mse"] = [],
        ["l1"] = [],
        ["huber"] = ["delta"],
        ["smooth_l1"] = ["beta"],
        ["log_cosh"] = [],
        ["quantile"] = ["tau"],
        ["poisson_nll"] = ["log_input"],
        ["gaussian_nll"] = ["eps"],
        ["bce"] = [],
        ["bce_with_logits"] = ["pos_weight"],
        ["hinge"] = [],
        ["squared_hinge"] = [],
        ["soft_margin"] = [],
        ["focal"] = ["alpha", "gamma"],
    };

    public static TheoryData<string> PredictionTargetCaseNames()
    {
        var data = new TheoryData<string>();
        foreach (var name in PredictionTargetNames())
        {
            data.Add(name);
        }

        return data;
    }

    public static TheoryData<string> GaussianNllCaseNames()
    {
        var data = new TheoryData<string>();
        foreach (var name in GaussianNllNames())
        {
            data.Add(name);
        }

        return data;
    }

    [Fact]
    public void Every_non_custom_reference_case_maps_to_a_built_in_in_double_and_float()
    {
        var names = NonCustomCaseNames();
        Assert.Contains(BceEdges, names);
        Assert.Contains(GaussianNll, names);
        var unmapped = new List<string>();
        foreach (var name in names)
        {
            var reference = ReferenceData.Case(name);
            try
            {
                if (LossName(name) == GaussianNll)
                {
                    _ = CreateGaussianNll<double>(reference);
                    _ = CreateGaussianNll<float>(reference);
                }
                else
                {
                    _ = Create<double>(reference);
                    _ = Create<float>(reference);
                }
            }
            catch (KeyNotFoundException error)
            {
                unmapped.Add($"{name}: {error.Message}");
            }
        }

        Assert.Empty(unmapped);

        // The two theories together run every non-custom case.
        var run = PredictionTargetNames().Concat(GaussianNllNames());
        Assert.Equal(names.OrderBy(n => n, StringComparer.Ordinal), run.OrderBy(n => n, StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(PredictionTargetCaseNames))]
    public void Built_in_reproduces_the_reference_case_in_double(string name) => Reproduces<double>(name);

    [Theory]
    [MemberData(nameof(PredictionTargetCaseNames))]
    public void Built_in_reproduces_the_reference_case_in_float(string name) => Reproduces<float>(name);

    [Theory]
    [MemberData(nameof(GaussianNllCaseNames))]
    public void Gaussian_nll_reproduces_the_reference_case_with_variance_gradient_in_double(string name) => ReproducesGaussianNll<double>(name);

    [Theory]
    [MemberData(nameof(GaussianNllCaseNames))]
    public void Gaussian_nll_reproduces_the_reference_case_with_variance_gradient_in_float(string name) => ReproducesGaussianNll<float>(name);

    /// <summary>
    /// The closed forms the bce/edges checks use are PyTorch's: the clamped loss reproduces the file's values at the
    /// double inputs, so using it at the float-rounded inputs (where 1 − 0.9999999999999999 becomes 0) is sound.
    /// </summary>
    [Fact]
    public void Bce_edges_closed_form_used_by_these_tests_reproduces_pytorch_values()
    {
        var reference = ReferenceData.Case(BceEdges);
        var closedForm = reference.Prediction.Zip(reference.Target, ClampedBce).ToArray();
        Near.Equal(reference.Elementwise, closedForm, Near.DoubleRelative, Near.DoubleAbsolute, "clamped BCE closed form");
    }

    [Fact]
    public void Bce_at_edges_has_pytorch_values_and_the_finite_derivative_of_the_clamped_formula()
    {
        var reference = ReferenceData.Case(BceEdges);
        var loss = new Losses.BinaryCrossEntropyLoss<double>();
        double[] p = reference.Prediction, y = reference.Target;
        var gradient = new double[p.Length];
        var sum = loss.ValueAndGradient(p, y, gradient, Reduction.Sum);
        Near.Equal(reference.Sum, sum, Near.DoubleRelative, Near.DoubleAbsolute, "ValueAndGradient(Sum)");
        for (var i = 0; i < p.Length; i++)
        {
            Assert.True(double.IsFinite(gradient[i]), $"gradient[{i}] at p = {p[i]:R}, y = {y[i]:R} is {gradient[i]:R}");
        }

        // d/dp −log(1 − p) = 1/(1 − p), 1 at p = 0; d/dp −log p = −1/p, −1 at p = 1; a clamped log (log 0 < −100) is
        // a constant there and contributes 0.
        Assert.Equal(1 / (1 - 0.0), loss.Derivative(0, 0));
        Assert.Equal(-1 / 1.0, loss.Derivative(1, 1));
        Assert.Equal(0, loss.Derivative(0, 1));
        Assert.Equal(0, loss.Derivative(1, 0));
        Near.Equal(-1 / 1e-30, loss.Derivative(1e-30, 1), Near.DoubleRelative, 0, "Derivative(1e-30, 1) = −1/p");
        Near.Equal(1 / (1 - 0.9999999999999999), loss.Derivative(0.9999999999999999, 0), Near.DoubleRelative, 0, "Derivative(1 − 2⁻⁵³, 0) = 1/(1 − p)");
    }

    private static IEnumerable<string> PredictionTargetNames() => NonCustomCaseNames().Where(n => LossName(n) != GaussianNll);

    private static IEnumerable<string> GaussianNllNames() => NonCustomCaseNames().Where(n => LossName(n) == GaussianNll);

    internal static IReadOnlyList<string> NonCustomCaseNames() =>
        ReferenceData.Cases.Keys.Where(n => !n.StartsWith("custom/", StringComparison.Ordinal)).OrderBy(n => n, StringComparer.Ordinal).ToArray();

    /// <summary>The file's <c>loss</c> name of a case: the part of its name before the first '/'.</summary>
    internal static string LossName(string caseName) => caseName.Split('/')[0];

    /// <summary>The built-in for a (prediction, target) case, its hyperparameters read from the case (null = our default).</summary>
    internal static ILoss<T> Create<T>(ReferenceCase reference)
        where T : struct, IFloatingPointIeee754<T>
    {
        CheckHyperparameters(reference);
        T? Hyper(string name) => reference.HyperNumber(name) is { } value ? T.CreateChecked(value) : null;
        return LossName(reference.Name) switch
        {
            "mse" => new Losses.MeanSquaredErrorLoss<T>(),
            "l1" => new Losses.MeanAbsoluteErrorLoss<T>(),
            "huber" => new Losses.HuberLoss<T>(delta: Hyper("delta")),
            "smooth_l1" => new Losses.SmoothL1Loss<T>(beta: Hyper("beta")),
            "log_cosh" => new Losses.LogCoshLoss<T>(),
            "quantile" => new Losses.QuantileLoss<T>(tau: Hyper("tau")),
            "poisson_nll" => new Losses.PoissonNllLoss<T>(),
            "bce" => new Losses.BinaryCrossEntropyLoss<T>(),
            "bce_with_logits" => new Losses.BinaryCrossEntropyWithLogitsLoss<T>(posWeight: Hyper("pos_weight")),
            "hinge" => new Losses.HingeLoss<T>(),
            "squared_hinge" => new Losses.SquaredHingeLoss<T>(),
            "soft_margin" => new Losses.SoftMarginLoss<T>(),
            "focal" => new Losses.FocalLoss<T>(alpha: Hyper("alpha"), gamma: Hyper("gamma")),
            var other => throw new KeyNotFoundException($"no built-in for the loss '{other}'"),
        };
    }

    internal static Losses.GaussianNllLoss<T> CreateGaussianNll<T>(ReferenceCase reference)
        where T : struct, IFloatingPointIeee754<T>
    {
        CheckHyperparameters(reference);
        return LossName(reference.Name) == GaussianNll
            ? new Losses.GaussianNllLoss<T>(eps: reference.HyperNumber("eps") is { } eps ? T.CreateChecked(eps) : null)
            : throw new KeyNotFoundException($"'{reference.Name}' is not a gaussian_nll case");
    }

    /// <summary>Throws unless every hyperparameter of the case is one the built-in reads (a new option would go unnoticed).</summary>
    private static void CheckHyperparameters(ReferenceCase reference)
    {
        var loss = LossName(reference.Name);
        if (!KnownHyperparameters.TryGetValue(loss, out var known))
        {
            throw new KeyNotFoundException($"no built-in for the loss '{loss}'");
        }

        foreach (var property in reference.Hyper.EnumerateObject())
        {
            if (!known.Contains(property.Name, StringComparer.Ordinal))
            {
                throw new KeyNotFoundException($"'{reference.Name}' sets the hyperparameter '{property.Name}', which the built-in does not read");
            }
        }

        // The built-in Poisson NLL takes a log-rate: PyTorch's log_input = True.
        if (loss == "poisson_nll" && reference.Hyper.TryGetProperty("log_input", out var logInput) && logInput.ValueKind != JsonValueKind.True)
        {
            throw new KeyNotFoundException($"'{reference.Name}' has log_input = {logInput}; the built-in takes log-rates");
        }
    }

    private static void Reproduces<T>(string name)
        where T : struct, IFloatingPointIeee754<T>
    {
        var reference = ReferenceData.Case(name);
        var loss = Create<T>(reference);
        var (rel, abs) = Tolerance<T>();
        T[] p = To<T>(reference.Prediction), y = To<T>(reference.Target);
        var n = p.Length;
        var expected = Expected.For<T>(reference);
        var perElementDerivative = expected.PerElementDerivative;

        // Per element: Values, and the scalar Value and Derivative.
        var values = new T[n];
        loss.Values(p, y, values);
        Near.Equal(expected.Elementwise, ToDouble(values), rel, abs, $"{name}: Values");
        for (var i = 0; i < n; i++)
        {
            var at = Invariant($"{name}: at p = {p[i]}, y = {y[i]}");
            Near.Equal(expected.Elementwise[i], double.CreateTruncating(loss.Value(p[i], y[i])), rel, abs, $"{at}: Value");
            var derivative = double.CreateTruncating(loss.Derivative(p[i], y[i]));
            Assert.True(double.IsFinite(derivative), $"{at}: Derivative is {derivative}");
            Near.Equal(perElementDerivative[i], derivative, rel, abs, $"{at}: Derivative");
        }

        // Unweighted reductions: Sum, Mean (the default), WeightedMean (= Mean without weights).
        Near.Equal(expected.Sum, double.CreateTruncating(loss.Value(p, y, Reduction.Sum)), rel, abs, $"{name}: Value(Sum)");
        Near.Equal(expected.Mean, double.CreateTruncating(loss.Value(p, y, Reduction.Mean)), rel, abs, $"{name}: Value(Mean)");
        Near.Equal(expected.Mean, double.CreateTruncating(loss.Value(p, y)), rel, abs, $"{name}: Value(default reduction)");
        Near.Equal(expected.Mean, double.CreateTruncating(loss.Value(p, y, Reduction.WeightedMean)), rel, abs, $"{name}: Value(WeightedMean, no weights)");

        var gradient = new T[n];
        loss.Gradient(p, y, gradient, Reduction.Sum);
        AssertGradient(perElementDerivative, gradient, rel, abs, $"{name}: Gradient(Sum)");

        Array.Fill(gradient, T.NaN);
        Near.Equal(expected.Sum, double.CreateTruncating(loss.ValueAndGradient(p, y, gradient, Reduction.Sum)), rel, abs, $"{name}: ValueAndGradient(Sum) value");
        AssertGradient(perElementDerivative, gradient, rel, abs, $"{name}: ValueAndGradient(Sum) gradient");

        Array.Fill(gradient, T.NaN);
        loss.Gradient(p, y, gradient, Reduction.Mean);
        AssertGradient(Near.Scale(perElementDerivative, 1.0 / n), gradient, rel, abs, $"{name}: Gradient(Mean) = gradient_of_sum / N");

        Array.Fill(gradient, T.NaN);
        Near.Equal(expected.Mean, double.CreateTruncating(loss.ValueAndGradient(p, y, gradient, Reduction.Mean)), rel, abs, $"{name}: ValueAndGradient(Mean) value");
        AssertGradient(Near.Scale(perElementDerivative, 1.0 / n), gradient, rel, abs, $"{name}: ValueAndGradient(Mean) gradient");

        // Weighted overloads: the case's weights, or synthetic ones where it has none.
        var w = To<T>(expected.Weight);
        loss.Values(p, y, w, values);
        Near.Equal(expected.Elementwise.Zip(expected.Weight, (e, wi) => wi * e).ToArray(), ToDouble(values), rel, abs, $"{name}: Values(weighted)");
        Near.Equal(expected.WeightedSum, double.CreateTruncating(loss.Value(p, y, w, Reduction.Sum)), rel, abs, $"{name}: Value(weighted, Sum)");
        Near.Equal(expected.WeightedSum / n, double.CreateTruncating(loss.Value(p, y, w, Reduction.Mean)), rel, abs, $"{name}: Value(weighted, Mean)");
        Near.Equal(expected.WeightedMean, double.CreateTruncating(loss.Value(p, y, w, Reduction.WeightedMean)), rel, abs, $"{name}: Value(weighted, WeightedMean)");

        Array.Fill(gradient, T.NaN);
        loss.Gradient(p, y, w, gradient, Reduction.Sum);
        AssertGradient(expected.WeightedGradientOfSum, gradient, rel, abs, $"{name}: Gradient(weighted, Sum)");

        Array.Fill(gradient, T.NaN);
        Near.Equal(expected.WeightedSum, double.CreateTruncating(loss.ValueAndGradient(p, y, w, gradient, Reduction.Sum)), rel, abs, $"{name}: ValueAndGradient(weighted, Sum) value");
        AssertGradient(expected.WeightedGradientOfSum, gradient, rel, abs, $"{name}: ValueAndGradient(weighted, Sum) gradient");

        Array.Fill(gradient, T.NaN);
        loss.Gradient(p, y, w, gradient, Reduction.Mean);
        AssertGradient(Near.Scale(expected.WeightedGradientOfSum, 1.0 / n), gradient, rel, abs, $"{name}: Gradient(weighted, Mean)");

        Array.Fill(gradient, T.NaN);
        Near.Equal(expected.WeightedMean, double.CreateTruncating(loss.ValueAndGradient(p, y, w, gradient, Reduction.WeightedMean)), rel, abs, $"{name}: ValueAndGradient(weighted, WeightedMean) value");
        AssertGradient(Near.Scale(expected.WeightedGradientOfSum, 1.0 / expected.Weight.Sum()), gradient, rel, abs, $"{name}: ValueAndGradient(weighted, WeightedMean) gradient");
    }

    private static void ReproducesGaussianNll<T>(string name)
        where T : struct, IFloatingPointIeee754<T>
    {
        var reference = ReferenceData.Case(name);
        var loss = CreateGaussianNll<T>(reference);
        var (rel, abs) = Tolerance<T>();
        T[] p = To<T>(reference.Prediction), y = To<T>(reference.Target), v = To<T>(reference.Array("variance"));
        var n = p.Length;
        var elementwise = reference.Elementwise;
        var gradientOfSum = reference.GradientOfSum;
        var varianceGradientOfSum = reference.Array("gradient_of_sum_variance");
        Assert.Null(reference.Number("weighted_mean"));

        var values = new T[n];
        loss.Values(p, y, v, values);
        Near.Equal(elementwise, ToDouble(values), rel, abs, $"{name}: Values");
        for (var i = 0; i < n; i++)
        {
            var at = Invariant($"{name}: at p = {p[i]}, y = {y[i]}, variance = {v[i]}");
            Near.Equal(elementwise[i], double.CreateTruncating(loss.Value(p[i], y[i], v[i])), rel, abs, $"{at}: Value");
            Near.Equal(gradientOfSum[i], double.CreateTruncating(loss.Derivative(p[i], y[i], v[i])), rel, abs, $"{at}: Derivative");
            Near.Equal(varianceGradientOfSum[i], double.CreateTruncating(loss.VarianceDerivative(p[i], y[i], v[i])), rel, abs, $"{at}: VarianceDerivative");
        }

        Near.Equal(reference.Sum, double.CreateTruncating(loss.Value(p, y, v, Reduction.Sum)), rel, abs, $"{name}: Value(Sum)");
        Near.Equal(reference.Mean, double.CreateTruncating(loss.Value(p, y, v, Reduction.Mean)), rel, abs, $"{name}: Value(Mean)");
        Near.Equal(reference.Mean, double.CreateTruncating(loss.Value(p, y, v)), rel, abs, $"{name}: Value(default reduction)");

        T[] gradient = new T[n], varianceGradient = new T[n];
        loss.Gradient(p, y, v, gradient, varianceGradient, Reduction.Sum);
        AssertGradient(gradientOfSum, gradient, rel, abs, $"{name}: Gradient(Sum) gradient");
        AssertGradient(varianceGradientOfSum, varianceGradient, rel, abs, $"{name}: Gradient(Sum) varianceGradient");

        Array.Fill(gradient, T.NaN);
        Array.Fill(varianceGradient, T.NaN);
        Near.Equal(reference.Sum, double.CreateTruncating(loss.ValueAndGradient(p, y, v, gradient, varianceGradient, Reduction.Sum)), rel, abs, $"{name}: ValueAndGradient(Sum) value");
        AssertGradient(gradientOfSum, gradient, rel, abs, $"{name}: ValueAndGradient(Sum) gradient");
        AssertGradient(varianceGradientOfSum, varianceGradient, rel, abs, $"{name}: ValueAndGradient(Sum) varianceGradient");

        Array.Fill(gradient, T.NaN);
        Array.Fill(varianceGradient, T.NaN);
        loss.Gradient(p, y, v, gradient, varianceGradient, Reduction.Mean);
        AssertGradient(Near.Scale(gradientOfSum, 1.0 / n), gradient, rel, abs, $"{name}: Gradient(Mean) gradient = gradient_of_sum / N");
        AssertGradient(Near.Scale(varianceGradientOfSum, 1.0 / n), varianceGradient, rel, abs, $"{name}: Gradient(Mean) varianceGradient");

        // Weighted overloads with synthetic weights: Σ wᵢℓᵢ, and wᵢ times each gradient.
        var weight = SyntheticWeights(n);
        var w = To<T>(weight);
        var weightedSum = Dot(weight, elementwise);
        Near.Equal(weightedSum, double.CreateTruncating(loss.Value(p, y, w, v, Reduction.Sum)), rel, abs, $"{name}: Value(weighted, Sum)");
        Near.Equal(weightedSum / weight.Sum(), double.CreateTruncating(loss.Value(p, y, w, v, Reduction.WeightedMean)), rel, abs, $"{name}: Value(weighted, WeightedMean)");
        Array.Fill(gradient, T.NaN);
        Array.Fill(varianceGradient, T.NaN);
        Near.Equal(weightedSum, double.CreateTruncating(loss.ValueAndGradient(p, y, w, v, gradient, varianceGradient, Reduction.Sum)), rel, abs, $"{name}: ValueAndGradient(weighted, Sum) value");
        AssertGradient(Multiply(weight, gradientOfSum), gradient, rel, abs, $"{name}: ValueAndGradient(weighted, Sum) gradient");
        AssertGradient(Multiply(weight, varianceGradientOfSum), varianceGradient, rel, abs, $"{name}: ValueAndGradient(weighted, Sum) varianceGradient");
    }

    /// <summary>−(y·max(log p, −100) + (1 − y)·max(log(1 − p), −100)), PyTorch's <c>binary_cross_entropy</c>.</summary>
    private static double ClampedBce(double p, double y) =>
        -(y * Math.Max(Math.Log(p), LogFloor) + (1 - y) * Math.Max(Math.Log(1 - p), LogFloor));

    /// <summary>
    /// The derivative of <see cref="ClampedBce"/> in p: −y/p + (1 − y)/(1 − p), where a term whose log is clamped
    /// (log &lt; −100, a constant there) contributes 0.
    /// </summary>
    private static double ClampedBceDerivative(double p, double y) =>
        (Math.Log(p) > LogFloor ? -y / p : 0) + (Math.Log(1 - p) > LogFloor ? (1 - y) / (1 - p) : 0);

    private static void AssertGradient<T>(double[] expected, T[] actual, double rel, double abs, string what)
        where T : struct, IFloatingPointIeee754<T>
    {
        var values = ToDouble(actual);
        for (var i = 0; i < values.Length; i++)
        {
            Assert.True(double.IsFinite(values[i]), Invariant($"{what}[{i}] is {values[i]}"));
        }

        Near.Equal(expected, values, rel, abs, what);
    }

    private static (double Relative, double Absolute) Tolerance<T>()
        where T : struct, IFloatingPointIeee754<T> =>
        typeof(T) == typeof(double) ? (Near.DoubleRelative, Near.DoubleAbsolute) : (Near.FloatRelative, Near.FloatAbsolute);

    private static T[] To<T>(double[] values)
        where T : struct, IFloatingPointIeee754<T> => Array.ConvertAll(values, T.CreateTruncating);

    private static double[] ToDouble<T>(T[] values)
        where T : struct, IFloatingPointIeee754<T> => Array.ConvertAll(values, double.CreateTruncating);

    /// <summary>Weights 0.25, 0.75, …, 2.25 (exact in float), for cases that have none.</summary>
    private static double[] SyntheticWeights(int count) => Enumerable.Range(0, count).Select(i => 0.25 + 0.5 * (i % 5)).ToArray();

    private static double Dot(double[] a, double[] b) => a.Zip(b, (x, z) => x * z).Sum();

    private static double[] Multiply(double[] a, double[] b) => a.Zip(b, (x, z) => x * z).ToArray();

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>What a case expects of the built-in at the element type's inputs.</summary>
    private sealed record Expected(
        double[] Elementwise,
        double[] PerElementDerivative,
        double Sum,
        double Mean,
        double[] Weight,
        double WeightedSum,
        double WeightedMean,
        double[] WeightedGradientOfSum)
    {
        public static Expected For<T>(ReferenceCase reference)
            where T : struct, IFloatingPointIeee754<T>
        {
            var n = reference.Prediction.Length;
            if (reference.Name == BceEdges)
            {
                return ForBceEdges<T>(reference);
            }

            var weightedMean = reference.Number("weighted_mean");
            if (weightedMean is null)
            {
                // No weights: sum and mean are unweighted, gradient_of_sum is the per-element derivative.
                var weight = SyntheticWeights(n);
                var weightedSum = Dot(weight, reference.Elementwise);
                return new Expected(
                    reference.Elementwise, reference.GradientOfSum, reference.Sum, reference.Mean,
                    weight, weightedSum, weightedSum / weight.Sum(), Multiply(weight, reference.GradientOfSum));
            }

            // Weighted: the file's sum, mean and gradient_of_sum include the weights; elementwise does not.
            var w = reference.Array("weight");
            var sum = reference.Elementwise.Sum();
            return new Expected(
                reference.Elementwise, reference.GradientOfSum.Zip(w, (g, wi) => g / wi).ToArray(), sum, sum / n,
                w, reference.Sum, weightedMean.Value, reference.GradientOfSum);
        }

        /// <summary>
        /// bce/edges: the values are PyTorch's (at the double inputs; at float-rounded inputs the same clamped formula,
        /// since 0.9999999999999999 rounds to 1); the gradient is the closed-form derivative of the clamped formula,
        /// not PyTorch's kernel (p − y)/max(p(1 − p), 1e-12) stored in the file.
        /// </summary>
        private static Expected ForBceEdges<T>(ReferenceCase reference)
            where T : struct, IFloatingPointIeee754<T>
        {
            var p = To<T>(reference.Prediction).Select(double.CreateTruncating).ToArray();
            var y = To<T>(reference.Target).Select(double.CreateTruncating).ToArray();
            var n = p.Length;
            var elementwise = typeof(T) == typeof(double) ? reference.Elementwise : p.Zip(y, ClampedBce).ToArray();
            var derivative = p.Zip(y, ClampedBceDerivative).ToArray();
            var sum = typeof(T) == typeof(double) ? reference.Sum : elementwise.Sum();
            var mean = typeof(T) == typeof(double) ? reference.Mean : sum / n;
            var weight = SyntheticWeights(n);
            var weightedSum = Dot(weight, elementwise);
            return new Expected(elementwise, derivative, sum, mean, weight, weightedSum, weightedSum / weight.Sum(), Multiply(weight, derivative));
        }
    }
}
