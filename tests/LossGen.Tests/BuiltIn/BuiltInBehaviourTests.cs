using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;
using System.Reflection;
using System.Runtime.InteropServices;
using LossGen.Tests.Runtime;
using Xunit;

namespace LossGen.Tests.BuiltIn;

/// <summary>
/// Behaviour of the built-in catalogue <see cref="Losses"/> beyond the PyTorch cases: extreme inputs, documented
/// conventions, hyperparameter validation and defaults, finite differences, and element types other than float/double.
/// </summary>
public class BuiltInBehaviourTests
{
    private const int Points = 200;
    private const int Seed = 20261207;
    private const double KinkMargin = 1e-3;

    // ---------------------------------------------------------------- Focal at extreme logits

    [Theory]
    [InlineData(0.25)]
    [InlineData(0.5)]
    [InlineData(0.75)]
    public void Focal_gradient_is_finite_at_extreme_logits_with_gamma_below_one_in_double(double gamma) =>
        FocalAtExtremeLogits<double>(gamma, finiteDifferenceStep: 1e-6, finiteDifferenceTolerance: 1e-6, resolvable: 1e-290, asymptoteTolerance: 1e-10, underflow: 0);

    [Theory]
    [InlineData(0.25)]
    [InlineData(0.5)]
    [InlineData(0.75)]
    public void Focal_gradient_is_finite_at_extreme_logits_with_gamma_below_one_in_float(double gamma) =>
        FocalAtExtremeLogits<float>(gamma, finiteDifferenceStep: 1e-3, finiteDifferenceTolerance: 1e-3, resolvable: 1e-30, asymptoteTolerance: 1e-5, underflow: 1e-36);

    [Theory]
    [InlineData(0.25)]
    [InlineData(0.5)]
    [InlineData(2.0)]
    public void Focal_with_soft_targets_is_finite_at_extreme_logits_in_double(double gamma) => FocalSoftTargetsAtExtremeLogits<double>(gamma, 1e-10);

    [Theory]
    [InlineData(0.25)]
    [InlineData(0.5)]
    [InlineData(2.0)]
    public void Focal_with_soft_targets_is_finite_at_extreme_logits_in_float(double gamma) => FocalSoftTargetsAtExtremeLogits<float>(gamma, 1e-5);

    [Fact]
    public void Focal_with_gamma_zero_and_negative_alpha_equals_bce_with_logits_in_double() => FocalIsBceWithLogits<double>();

    [Fact]
    public void Focal_with_gamma_zero_and_negative_alpha_equals_bce_with_logits_in_float() => FocalIsBceWithLogits<float>();

    // ---------------------------------------------------------------- Gaussian NLL at the eps clamp

    [Fact]
    public void Gaussian_nll_below_eps_uses_eps_and_has_zero_variance_derivative_in_double() => GaussianNllAroundEps<double>(1e-10);

    [Fact]
    public void Gaussian_nll_below_eps_uses_eps_and_has_zero_variance_derivative_in_float() => GaussianNllAroundEps<float>(1e-5);

    // ---------------------------------------------------------------- Smooth L1 and Huber at their kinks

    [Fact]
    public void Smooth_l1_with_beta_zero_is_the_absolute_error_in_double() => SmoothL1BetaZeroIsAbsoluteError<double>();

    [Fact]
    public void Smooth_l1_with_beta_zero_is_the_absolute_error_in_float() => SmoothL1BetaZeroIsAbsoluteError<float>();

    [Theory]
    [InlineData(0.5)]
    [InlineData(1.0)]
    [InlineData(2.0)]
    public void Huber_derivative_is_continuous_at_the_kink(double delta)
    {
        var loss = new Losses.HuberLoss<double>(delta: delta);
        const double Target = 0.75;
        foreach (var sign in new[] { -1.0, 1.0 })
        {
            // The limit of r (inside) and of δ·sign(r) (outside) at r = ±δ is ±δ.
            AssertContinuousAt(loss, Target + sign * delta, Target, sign * delta, $"Huber(delta = {delta}) at r = {sign * delta}");
        }
    }

    [Theory]
    [InlineData(0.25)]
    [InlineData(1.0)]
    [InlineData(3.0)]
    public void Smooth_l1_derivative_is_continuous_at_the_kink(double beta)
    {
        var loss = new Losses.SmoothL1Loss<double>(beta: beta);
        const double Target = -0.5;
        foreach (var sign in new[] { -1.0, 1.0 })
        {
            // The limit of r/β (inside) and of sign(r) (outside) at r = ±β is ±1.
            AssertContinuousAt(loss, Target + sign * beta, Target, sign, $"SmoothL1(beta = {beta}) at r = {sign * beta}");
        }
    }

    // ---------------------------------------------------------------- Hyperparameters

    [Theory]
    [InlineData("Huber", "delta", 0.0)]
    [InlineData("Huber", "delta", -1.0)]
    [InlineData("Huber", "delta", double.NaN)]
    [InlineData("Huber", "delta", double.NegativeInfinity)]
    [InlineData("SmoothL1", "beta", -1e-3)]
    [InlineData("SmoothL1", "beta", double.NaN)]
    [InlineData("Quantile", "tau", -0.01)]
    [InlineData("Quantile", "tau", 1.01)]
    [InlineData("Quantile", "tau", double.NaN)]
    [InlineData("GaussianNll", "eps", 0.0)]
    [InlineData("GaussianNll", "eps", -1e-6)]
    [InlineData("GaussianNll", "eps", double.NaN)]
    [InlineData("BinaryCrossEntropyWithLogits", "posWeight", 0.0)]
    [InlineData("BinaryCrossEntropyWithLogits", "posWeight", -1.0)]
    [InlineData("BinaryCrossEntropyWithLogits", "posWeight", double.NaN)]
    [InlineData("Focal", "alpha", 1.01)]
    [InlineData("Focal", "alpha", double.PositiveInfinity)]
    [InlineData("Focal", "alpha", double.NaN)]
    [InlineData("Focal", "gamma", -0.1)]
    [InlineData("Focal", "gamma", double.NaN)]
    [InlineData("L2Penalty", "lambda", -0.1)]
    [InlineData("L2Penalty", "lambda", double.NaN)]
    [InlineData("L1Penalty", "lambda", -0.1)]
    [InlineData("L1Penalty", "lambda", double.NaN)]
    public void Out_of_range_hyperparameter_throws_naming_the_parameter(string loss, string parameter, double value)
    {
        var inDouble = Assert.Throws<ArgumentOutOfRangeException>(() => Construct<double>(loss, parameter, value));
        Assert.Equal(parameter, inDouble.ParamName);
        var inFloat = Assert.Throws<ArgumentOutOfRangeException>(() => Construct<float>(loss, parameter, value));
        Assert.Equal(parameter, inFloat.ParamName);
    }

    [Theory]
    [InlineData("Quantile", "tau", 0.0)]
    [InlineData("Quantile", "tau", 1.0)]
    [InlineData("SmoothL1", "beta", 0.0)]
    [InlineData("Focal", "gamma", 0.0)]
    [InlineData("Focal", "alpha", 1.0)]
    [InlineData("Focal", "alpha", 0.0)]
    [InlineData("Focal", "alpha", -1.0)]
    [InlineData("L2Penalty", "lambda", 0.0)]
    [InlineData("L1Penalty", "lambda", 0.0)]
    [InlineData("Huber", "delta", 1e-9)]
    [InlineData("GaussianNll", "eps", 1e-30)]
    [InlineData("BinaryCrossEntropyWithLogits", "posWeight", 1e-3)]
    public void Boundary_hyperparameter_is_accepted_and_kept(string loss, string parameter, double value)
    {
        Assert.Equal(value, Construct<double>(loss, parameter, value));
        Assert.Equal((float)value, (float)Construct<float>(loss, parameter, value));
    }

    [Fact]
    public void Hyperparameter_defaults_are_the_documented_ones()
    {
        var focal = new Losses.FocalLoss<float>(gamma: 0.5f);
        Assert.Equal(0.25f, focal.Alpha);
        Assert.Equal(0.5f, focal.Gamma);
        var defaultFocal = new Losses.FocalLoss<double>();
        Assert.Equal(0.25, defaultFocal.Alpha);
        Assert.Equal(2.0, defaultFocal.Gamma);
        Assert.Equal(1.0, new Losses.HuberLoss<double>().Delta);
        Assert.Equal(1.0f, new Losses.HuberLoss<float>().Delta);
        Assert.Equal(1.0, new Losses.SmoothL1Loss<double>().Beta);
        Assert.Equal(0.5, new Losses.QuantileLoss<double>().Tau);
        Assert.Equal(0.5f, new Losses.QuantileLoss<float>().Tau);
        Assert.Equal(1e-6, new Losses.GaussianNllLoss<double>().Eps);
        Assert.Equal(1e-6f, new Losses.GaussianNllLoss<float>().Eps);
        Assert.Equal(1.0, new Losses.BinaryCrossEntropyWithLogitsLoss<double>().PosWeight);
        Assert.Equal(1.0f, new Losses.BinaryCrossEntropyWithLogitsLoss<float>().PosWeight);

        // null means the default; a given value is kept.
        Assert.Equal(0.25, new Losses.FocalLoss<double>(alpha: null, gamma: 0.5).Alpha);
        Assert.Equal(0.7, new Losses.HuberLoss<double>(delta: 0.7).Delta);
    }

    // ---------------------------------------------------------------- Shapes

    [Fact]
    public void Every_prediction_target_built_in_is_an_iloss_of_float_and_double()
    {
        object[] inFloat =
        [
            new Losses.MeanSquaredErrorLoss<float>(), new Losses.MeanAbsoluteErrorLoss<float>(), new Losses.HuberLoss<float>(),
            new Losses.SmoothL1Loss<float>(), new Losses.LogCoshLoss<float>(), new Losses.QuantileLoss<float>(),
            new Losses.PoissonNllLoss<float>(), new Losses.BinaryCrossEntropyLoss<float>(), new Losses.BinaryCrossEntropyWithLogitsLoss<float>(),
            new Losses.HingeLoss<float>(), new Losses.SquaredHingeLoss<float>(), new Losses.SoftMarginLoss<float>(), new Losses.FocalLoss<float>(),
        ];
        object[] inDouble =
        [
            new Losses.MeanSquaredErrorLoss<double>(), new Losses.MeanAbsoluteErrorLoss<double>(), new Losses.HuberLoss<double>(),
            new Losses.SmoothL1Loss<double>(), new Losses.LogCoshLoss<double>(), new Losses.QuantileLoss<double>(),
            new Losses.PoissonNllLoss<double>(), new Losses.BinaryCrossEntropyLoss<double>(), new Losses.BinaryCrossEntropyWithLogitsLoss<double>(),
            new Losses.HingeLoss<double>(), new Losses.SquaredHingeLoss<double>(), new Losses.SoftMarginLoss<double>(), new Losses.FocalLoss<double>(),
        ];
        Assert.All(inFloat, loss => Assert.IsAssignableFrom<ILoss<float>>(loss));
        Assert.All(inDouble, loss => Assert.IsAssignableFrom<ILoss<double>>(loss));

        // And every nested loss type with a (prediction, target) Value, including any added later.
        var lossTypes = typeof(Losses).GetNestedTypes(BindingFlags.Public).Where(t => t.IsGenericTypeDefinition).ToArray();
        var withTarget = lossTypes.Select(t => t.MakeGenericType(typeof(float)))
            .Where(t => t.GetMethod("Value", [typeof(float), typeof(float)]) is not null)
            .ToArray();
        Assert.True(withTarget.Length >= inFloat.Length, $"only {withTarget.Length} nested (prediction, target) loss types");
        Assert.All(withTarget, t => Assert.True(typeof(ILoss<float>).IsAssignableFrom(t), $"{t} is not an ILoss<float>"));
    }

    [Fact]
    public void Classification_losses_declare_their_labels_and_regression_losses_any()
    {
        Assert.Equal(LossLabels.MinusOnePlusOne, Losses.HingeLoss<float>.Labels);
        Assert.Equal(LossLabels.MinusOnePlusOne, Losses.SquaredHingeLoss<float>.Labels);
        Assert.Equal(LossLabels.MinusOnePlusOne, Losses.SoftMarginLoss<float>.Labels);
        Assert.Equal(LossLabels.ZeroOne, Losses.BinaryCrossEntropyLoss<float>.Labels);
        Assert.Equal(LossLabels.ZeroOne, Losses.BinaryCrossEntropyWithLogitsLoss<float>.Labels);
        Assert.Equal(LossLabels.ZeroOne, Losses.FocalLoss<float>.Labels);
        Assert.Equal(LossLabels.Any, Losses.HuberLoss<float>.Labels);

        // The interface reports the same as the constant, so a bridge holding an ILoss<T> sees the declaration.
        ILoss<double> hinge = new Losses.HingeLoss<double>();
        ILoss<double> squared = new Losses.MeanSquaredErrorLoss<double>();
        Assert.Equal(LossLabels.MinusOnePlusOne, hinge.Labels);
        Assert.Equal(LossLabels.Any, squared.Labels);
    }

    [Fact]
    public void L2_penalty_is_lambda_times_sum_of_squares_with_gradient_two_lambda_w() => L2Penalty<double>(1e-14);

    [Fact]
    public void L2_penalty_is_lambda_times_sum_of_squares_with_gradient_two_lambda_w_in_float() => L2Penalty<float>(1e-6);

    [Fact]
    public void L1_penalty_is_lambda_times_sum_of_magnitudes_with_gradient_lambda_sign_w() => L1Penalty<double>(1e-14);

    [Fact]
    public void L1_penalty_is_lambda_times_sum_of_magnitudes_with_gradient_lambda_sign_w_in_float() => L1Penalty<float>(1e-6);

    // ---------------------------------------------------------------- Finite differences

    public static TheoryData<string> FiniteDifferenceCaseNames()
    {
        var data = new TheoryData<string>();
        foreach (var name in FiniteDifferenceCases.Keys)
        {
            data.Add(name);
        }

        return data;
    }

    [Fact]
    public void Finite_difference_cases_cover_every_built_in()
    {
        var covered = FiniteDifferenceCases.Keys.Select(k => k.Split('(')[0]).Append("GaussianNll").ToHashSet(StringComparer.Ordinal);
        // The row-wise losses have their own finite-difference test (RowBehaviourTests).
        var builtIns = typeof(Losses).GetNestedTypes(BindingFlags.Public)
            .Where(t => t.IsGenericTypeDefinition && t.Name.EndsWith("Loss`1", StringComparison.Ordinal))
            .Where(t => !t.GetInterfaces().Any(i => i.Name is "IClassIndexLoss`1" or "IRowTargetLoss`1"))
            .Select(t => t.Name[..^"Loss`1".Length]);
        Assert.All(builtIns, b => Assert.Contains(b, covered));
    }

    [Theory]
    [MemberData(nameof(FiniteDifferenceCaseNames))]
    public void Derivative_matches_central_differences_at_random_points(string name)
    {
        var (value, derivative, sample, kink) = FiniteDifferenceCases[name];
        var random = new Random(Seed);
        var tested = 0;
        for (var k = 0; k < Points; k++)
        {
            var (p, y) = sample(random);
            if (kink(p, y) < KinkMargin)
            {
                continue;
            }

            tested++;
            AssertMatchesCentralDifference(x => value(x, y), derivative(p, y), p, Invariant($"{name}: at p = {p:R}, y = {y:R}"));
        }

        Assert.True(tested >= Points * 3 / 4, $"only {tested} of {Points} points were away from kinks");
    }

    [Theory]
    [InlineData(1e-6)]
    [InlineData(0.5)]
    public void Gaussian_nll_derivatives_in_prediction_and_variance_match_central_differences(double eps)
    {
        var loss = new Losses.GaussianNllLoss<double>(eps: eps);
        var random = new Random(Seed);
        var tested = 0;
        for (var k = 0; k < Points; k++)
        {
            double p = Uniform(random, -4, 4), y = Uniform(random, -4, 4), v = Uniform(random, 0.05, 3);
            if (Math.Abs(v - eps) < KinkMargin)
            {
                continue;
            }

            tested++;
            var at = Invariant($"GaussianNll(eps = {eps}): at p = {p:R}, y = {y:R}, variance = {v:R}");
            AssertMatchesCentralDifference(x => loss.Value(x, y, v), loss.Derivative(p, y, v), p, $"{at}: Derivative");
            AssertMatchesCentralDifference(x => loss.Value(p, y, x), loss.VarianceDerivative(p, y, v), v, $"{at}: VarianceDerivative");
        }

        Assert.True(tested >= Points * 3 / 4, $"only {tested} of {Points} points were away from eps");
    }

    // ---------------------------------------------------------------- Other element types

    [Fact]
    public void Mean_squared_error_and_huber_work_in_half_close_to_double()
    {
        // Multiples of 1/8 in [-3, 3]: exact in Half, so only Half's arithmetic differs from double's.
        var p = Enumerable.Range(-24, 49).Select(k => k / 8.0).ToArray();
        var y = p.Select((_, i) => ((i * 7) % 17 - 8) / 4.0).ToArray();
        AssertCloseToDouble<Half>(new Losses.MeanSquaredErrorLoss<Half>(), new Losses.MeanSquaredErrorLoss<double>(), p, y, 2e-3, 2e-3, "MeanSquaredError<Half>");
        AssertCloseToDouble<Half>(new Losses.HuberLoss<Half>(delta: (Half)0.75), new Losses.HuberLoss<double>(delta: 0.75), p, y, 2e-3, 2e-3, "Huber<Half>");
    }

    [Fact]
    public void Mean_squared_error_and_huber_work_in_nfloat_close_to_double()
    {
        var p = Enumerable.Range(-24, 49).Select(k => k / 7.0).ToArray();
        var y = p.Select((_, i) => ((i * 7) % 17 - 8) / 3.0).ToArray();
        AssertCloseToDouble<NFloat>(new Losses.MeanSquaredErrorLoss<NFloat>(), new Losses.MeanSquaredErrorLoss<double>(), p, y, Near.FloatRelative, Near.FloatAbsolute, "MeanSquaredError<NFloat>");
        AssertCloseToDouble<NFloat>(new Losses.HuberLoss<NFloat>(delta: (NFloat)0.75), new Losses.HuberLoss<double>(delta: 0.75), p, y, Near.FloatRelative, Near.FloatAbsolute, "Huber<NFloat>");
    }

    // ================================================================ Helpers

    /// <summary>
    /// Focal loss at logits ±100, ±1000 with hard targets: finite everywhere; on the wrong side (the wrong class has
    /// probability → 1) the loss is αₜ·|x| with derivative ±αₜ; on the right side it is αₜ·e^(−(1+γ)|x|) → 0;
    /// the derivative matches a central difference of the value; the batch methods agree with the scalar ones.
    /// <paramref name="underflow"/> is the absolute slack for values the type cannot hold (e^−125 is 0 in float).
    /// </summary>
    private static void FocalAtExtremeLogits<T>(double gamma, double finiteDifferenceStep, double finiteDifferenceTolerance, double resolvable, double asymptoteTolerance, double underflow)
        where T : struct, IFloatingPointIeee754<T>
    {
        const double Alpha = 0.25;
        var loss = new Losses.FocalLoss<T>(alpha: T.CreateChecked(Alpha), gamma: T.CreateChecked(gamma));
        var points = (from x in new[] { -1000.0, -100.0, 100.0, 1000.0 } from y in new[] { 0.0, 1.0 } select (X: x, Y: y)).ToArray();
        foreach (var (x, y) in points)
        {
            var at = Invariant($"Focal(gamma = {gamma}) in {typeof(T).Name} at x = {x}, y = {y}");
            var value = double.CreateTruncating(loss.Value(T.CreateChecked(x), T.CreateChecked(y)));
            var derivative = double.CreateTruncating(loss.Derivative(T.CreateChecked(x), T.CreateChecked(y)));
            Assert.True(double.IsFinite(value), $"{at}: Value is {value}");
            Assert.True(double.IsFinite(derivative), $"{at}: Derivative is {derivative}");

            var alphaT = Alpha * y + (1 - Alpha) * (1 - y);
            var wrongSide = y == 0 ? x > 0 : x < 0;

            // Wrong side: ce = softplus(|x|) = |x| + O(e^−|x|), (1 − pₜ)^γ = σ(|x|)^γ = 1 − O(e^−|x|).
            // Right side: ce = softplus(−|x|) ≈ e^−|x|, (1 − pₜ)^γ ≈ e^(−γ|x|), so ℓ ≈ αₜe^(−(1+γ)|x|), ℓ' = ±(1+γ)ℓ.
            var expectedValue = wrongSide ? alphaT * Math.Abs(x) : alphaT * Math.Exp(-(1 + gamma) * Math.Abs(x));
            var expectedDerivative = wrongSide ? (y == 0 ? alphaT : -alphaT) : (y == 0 ? 1 : -1) * (1 + gamma) * expectedValue;
            Near.Equal(expectedValue, value, asymptoteTolerance, underflow, $"{at}: Value");
            Near.Equal(expectedDerivative, derivative, asymptoteTolerance, underflow, $"{at}: Derivative");

            // Central difference of the value itself, where it is not too tiny to resolve.
            var h = finiteDifferenceStep * Math.Abs(x);
            T up = T.CreateChecked(x + h), down = T.CreateChecked(x - h);
            var central = (double.CreateTruncating(loss.Value(up, T.CreateChecked(y))) - double.CreateTruncating(loss.Value(down, T.CreateChecked(y))))
                / double.CreateTruncating(up - down);
            if (Math.Max(Math.Abs(central), Math.Abs(derivative)) > resolvable)
            {
                Near.Equal(central, derivative, finiteDifferenceTolerance, 0, $"{at}: Derivative against a central difference");
            }
        }

        // The batch methods on the same points.
        var xs = points.Select(q => T.CreateChecked(q.X)).ToArray();
        var ys = points.Select(q => T.CreateChecked(q.Y)).ToArray();
        var gradient = new T[points.Length];
        var sum = double.CreateTruncating(loss.ValueAndGradient(xs, ys, gradient, Reduction.Sum));
        Assert.True(double.IsFinite(sum), $"ValueAndGradient(Sum) is {sum}");
        var expectedSum = points.Sum(q => double.CreateTruncating(loss.Value(T.CreateChecked(q.X), T.CreateChecked(q.Y))));
        Near.Equal(expectedSum, sum, 1e-12, 0, "ValueAndGradient(Sum) against the scalar values");
        for (var i = 0; i < points.Length; i++)
        {
            var g = double.CreateTruncating(gradient[i]);
            Assert.True(double.IsFinite(g), $"ValueAndGradient gradient[{i}] is {g}");
            // The batch runs the SIMD kernels, the scalar Derivative the scalar ones: equal to a few ulps of the vector math.
            Near.Equal(double.CreateTruncating(loss.Derivative(xs[i], ys[i])), g, typeof(T) == typeof(float) ? 1e-6 : 1e-13, 0, $"ValueAndGradient gradient[{i}]");
        }

        var mean = double.CreateTruncating(loss.ValueAndGradient(xs, ys, gradient, Reduction.Mean));
        Assert.True(double.IsFinite(mean), $"ValueAndGradient(Mean) is {mean}");
        Assert.All(gradient, g => Assert.True(T.IsFinite(g), $"ValueAndGradient(Mean) gradient {g}"));
    }

    /// <summary>
    /// Soft target y = 0.3 at x = ±1000: 1 − pₜ = y·σ(−x) + (1 − y)·σ(x) is 1 − y or y, ce = (1 − y)·x or −y·x, so
    /// ℓ = αₜ·(1 − pₜ)^γ·ce and ℓ' = αₜ·(1 − pₜ)^γ·((1 − y)σ(x) − yσ(−x)) (the σ(x)σ(−x) term is 0).
    /// </summary>
    private static void FocalSoftTargetsAtExtremeLogits<T>(double gamma, double tolerance)
        where T : struct, IFloatingPointIeee754<T>
    {
        const double Alpha = 0.25;
        var loss = new Losses.FocalLoss<T>(alpha: T.CreateChecked(Alpha), gamma: T.CreateChecked(gamma));
        var target = T.CreateChecked(0.3);
        var y = double.CreateTruncating(target);
        var alphaT = double.CreateTruncating(loss.Alpha) * y + (1 - double.CreateTruncating(loss.Alpha)) * (1 - y);
        var g = double.CreateTruncating(loss.Gamma);
        foreach (var x in new[] { -1000.0, 1000.0 })
        {
            var at = Invariant($"Focal(gamma = {gamma}) in {typeof(T).Name} at x = {x}, y = {y}");
            var value = double.CreateTruncating(loss.Value(T.CreateChecked(x), target));
            var derivative = double.CreateTruncating(loss.Derivative(T.CreateChecked(x), target));
            Assert.True(double.IsFinite(value), $"{at}: Value is {value}");
            Assert.True(double.IsFinite(derivative), $"{at}: Derivative is {derivative}");

            var (miss, crossEntropy, slope) = x > 0 ? (1 - y, (1 - y) * x, 1 - y) : (y, -y * x, -y);
            Near.Equal(alphaT * Math.Pow(miss, g) * crossEntropy, value, tolerance, 0, $"{at}: Value");
            Near.Equal(alphaT * Math.Pow(miss, g) * slope, derivative, tolerance, 0, $"{at}: Derivative");
        }
    }

    private static void FocalIsBceWithLogits<T>()
        where T : struct, IFloatingPointIeee754<T>
    {
        var reference = ReferenceData.Case("bce_with_logits/extreme_logits");
        var (rel, abs) = Tolerance<T>();
        var focal = new Losses.FocalLoss<T>(alpha: -T.One, gamma: T.Zero);
        var bce = new Losses.BinaryCrossEntropyWithLogitsLoss<T>();
        var x = Array.ConvertAll(reference.Prediction, T.CreateTruncating);
        var y = Array.ConvertAll(reference.Target, T.CreateTruncating);
        for (var i = 0; i < x.Length; i++)
        {
            var at = Invariant($"at x = {x[i]}, y = {y[i]}");
            Near.Equal(double.CreateTruncating(bce.Value(x[i], y[i])), double.CreateTruncating(focal.Value(x[i], y[i])), rel, abs, $"{at}: Value");
            Near.Equal(double.CreateTruncating(bce.Derivative(x[i], y[i])), double.CreateTruncating(focal.Derivative(x[i], y[i])), rel, abs, $"{at}: Derivative");
            Near.Equal(reference.Elementwise[i], double.CreateTruncating(focal.Value(x[i], y[i])), rel, abs, $"{at}: Value against PyTorch");
            Near.Equal(reference.GradientOfSum[i], double.CreateTruncating(focal.Derivative(x[i], y[i])), rel, abs, $"{at}: Derivative against PyTorch");
        }

        T[] focalGradient = new T[x.Length], bceGradient = new T[x.Length];
        var focalSum = double.CreateTruncating(focal.ValueAndGradient(x, y, focalGradient, Reduction.Sum));
        var bceSum = double.CreateTruncating(bce.ValueAndGradient(x, y, bceGradient, Reduction.Sum));
        Near.Equal(bceSum, focalSum, rel, abs, "ValueAndGradient(Sum)");
        Near.Equal(reference.Sum, focalSum, rel, abs, "ValueAndGradient(Sum) against PyTorch");
        Near.Equal(Array.ConvertAll(bceGradient, double.CreateTruncating), Array.ConvertAll(focalGradient, double.CreateTruncating), rel, abs, "ValueAndGradient(Sum) gradient");
        Assert.All(focalGradient, g => Assert.True(T.IsFinite(g)));
    }

    /// <summary>
    /// Below eps the variance is eps: ℓ = ½(log ε + r²/ε), ∂ℓ/∂p = r/ε and ∂ℓ/∂v exactly 0 (our convention; PyTorch passes
    /// the gradient through its clamp). Above eps: ½(log v + r²/v), r/v and −½r²/v² + ½/v.
    /// </summary>
    private static void GaussianNllAroundEps<T>(double rel)
        where T : struct, IFloatingPointIeee754<T>
    {
        foreach (var eps in new double?[] { null, 1e-4, 0.5 })
        {
            var loss = new Losses.GaussianNllLoss<T>(eps: eps is { } e ? T.CreateChecked(e) : null);
            var epsilon = double.CreateTruncating(loss.Eps);
            double[] variances = [-1, 0, epsilon / 1000, epsilon / 2, epsilon * 0.999, epsilon * 2, epsilon * 10 + 0.25, 3];
            double[] residuals = [0.3, -1.5, 0];
            foreach (var variance in variances)
            {
                foreach (var residual in residuals)
                {
                    T p = T.CreateChecked(1 + residual), y = T.One, v = T.CreateChecked(variance);
                    var r = double.CreateTruncating(p - y);
                    var vd = double.CreateTruncating(v);
                    var at = Invariant($"GaussianNll(eps = {epsilon}) in {typeof(T).Name} at r = {r}, variance = {vd}");
                    var value = double.CreateTruncating(loss.Value(p, y, v));
                    var derivative = double.CreateTruncating(loss.Derivative(p, y, v));
                    var varianceDerivative = double.CreateTruncating(loss.VarianceDerivative(p, y, v));
                    if (vd < epsilon)
                    {
                        Near.Equal(0.5 * (Math.Log(epsilon) + r * r / epsilon), value, rel, 0, $"{at}: Value uses eps");
                        Near.Equal(r / epsilon, derivative, rel, 0, $"{at}: Derivative uses eps");
                        Assert.Equal(0.0, varianceDerivative);
                    }
                    else
                    {
                        Assert.True(vd > epsilon, at);
                        Near.Equal(0.5 * (Math.Log(vd) + r * r / vd), value, rel, rel, $"{at}: Value");
                        Near.Equal(r / vd, derivative, rel, 0, $"{at}: Derivative");
                        Near.Equal(-0.5 * r * r / (vd * vd) + 0.5 / vd, varianceDerivative, rel, 0, $"{at}: VarianceDerivative");
                    }
                }
            }

            // The batch variance gradient is 0 below eps too.
            T[] pb = [T.CreateChecked(1.3), T.CreateChecked(-0.2), T.CreateChecked(2.0)];
            T[] yb = [T.One, T.One, T.One];
            T[] vb = [T.Zero, T.CreateChecked(epsilon / 2), T.CreateChecked(epsilon * 4)];
            T[] gradient = new T[3], varianceGradient = new T[3];
            var sum = double.CreateTruncating(loss.ValueAndGradient(pb, yb, vb, gradient, varianceGradient, Reduction.Sum));
            Assert.True(double.IsFinite(sum));
            Assert.Equal(0.0, double.CreateTruncating(varianceGradient[0]));
            Assert.Equal(0.0, double.CreateTruncating(varianceGradient[1]));
            double r2 = double.CreateTruncating(pb[2] - yb[2]), v2 = double.CreateTruncating(vb[2]);
            Near.Equal(-0.5 * r2 * r2 / (v2 * v2) + 0.5 / v2, double.CreateTruncating(varianceGradient[2]), rel, 0, "batch variance gradient above eps");
        }
    }

    private static void SmoothL1BetaZeroIsAbsoluteError<T>()
        where T : struct, IFloatingPointIeee754<T>
    {
        var smooth = new Losses.SmoothL1Loss<T>(beta: T.Zero);
        var absolute = new Losses.MeanAbsoluteErrorLoss<T>();
        double[] residuals = [-3, -1, -1e-3, -1e-30, 0, 1e-30, 1e-3, 0.5, 2.5];
        var p = residuals.Select(T.CreateChecked).Concat(residuals.Select(r => T.CreateChecked(r) + T.CreateChecked(0.25))).ToArray();
        var ys = residuals.Select(_ => T.Zero).Concat(residuals.Select(_ => T.CreateChecked(0.25))).ToArray();
        Assert.Contains(T.Zero, p.Zip(ys, (a, b) => a - b));
        for (var i = 0; i < p.Length; i++)
        {
            T prediction = p[i], y = ys[i];
            var r = double.CreateTruncating(prediction - y);
            var at = Invariant($"SmoothL1(beta = 0) in {typeof(T).Name} at r = {r:R}");
            var value = double.CreateTruncating(smooth.Value(prediction, y));
            var derivative = double.CreateTruncating(smooth.Derivative(prediction, y));
            Assert.False(double.IsNaN(value), $"{at}: Value is NaN");
            Assert.False(double.IsNaN(derivative), $"{at}: Derivative is NaN");
            Assert.Equal(Math.Abs(r), value);
            Assert.Equal((double)Math.Sign(r), derivative);
            Assert.Equal(double.CreateTruncating(absolute.Value(prediction, y)), value);
            Assert.Equal(double.CreateTruncating(absolute.Derivative(prediction, y)), derivative);
        }

        T[] smoothGradient = new T[p.Length], absoluteGradient = new T[p.Length];
        Assert.Equal(absolute.ValueAndGradient(p, ys, absoluteGradient, Reduction.Sum), smooth.ValueAndGradient(p, ys, smoothGradient, Reduction.Sum));
        Assert.Equal(absoluteGradient, smoothGradient);
        Assert.DoesNotContain(smoothGradient, g => T.IsNaN(g));
    }

    /// <summary>Value and derivative just inside and just outside a kink agree with each other and with the limit there.</summary>
    private static void AssertContinuousAt(ILoss<double> loss, double kink, double target, double limit, string what)
    {
        const double Step = 1e-9;
        double inside = kink - Math.Sign(limit) * Step, outside = kink + Math.Sign(limit) * Step;
        var dInside = loss.Derivative(inside, target);
        var dOutside = loss.Derivative(outside, target);
        var dAt = loss.Derivative(kink, target);
        Near.Equal(limit, dInside, 0, 1e-8, $"{what}: derivative just inside");
        Near.Equal(limit, dOutside, 0, 1e-8, $"{what}: derivative just outside");
        Near.Equal(limit, dAt, 0, 1e-8, $"{what}: derivative at the kink");
        Near.Equal(loss.Value(inside, target), loss.Value(outside, target), 0, 1e-8, $"{what}: value across the kink");
    }

    /// <summary>Builds a built-in with one hyperparameter set and returns that hyperparameter as stored.</summary>
    private static double Construct<T>(string loss, string parameter, double value)
        where T : struct, IFloatingPointIeee754<T>
    {
        var v = T.CreateChecked(value);
        var stored = (loss, parameter) switch
        {
            ("Huber", "delta") => new Losses.HuberLoss<T>(delta: v).Delta,
            ("SmoothL1", "beta") => new Losses.SmoothL1Loss<T>(beta: v).Beta,
            ("Quantile", "tau") => new Losses.QuantileLoss<T>(tau: v).Tau,
            ("GaussianNll", "eps") => new Losses.GaussianNllLoss<T>(eps: v).Eps,
            ("BinaryCrossEntropyWithLogits", "posWeight") => new Losses.BinaryCrossEntropyWithLogitsLoss<T>(posWeight: v).PosWeight,
            ("Focal", "alpha") => new Losses.FocalLoss<T>(alpha: v).Alpha,
            ("Focal", "gamma") => new Losses.FocalLoss<T>(gamma: v).Gamma,
            ("L2Penalty", "lambda") => new Losses.L2PenaltyLoss<T>(lambda: v).Lambda,
            ("L1Penalty", "lambda") => new Losses.L1PenaltyLoss<T>(lambda: v).Lambda,
            _ => throw new ArgumentException($"unknown hyperparameter {loss}.{parameter}"),
        };
        return double.CreateTruncating(stored);
    }

    private static readonly double[] PenaltyWeights = [0.5, -1.25, 3.0, 0.0, -2.0, 1e-3];

    private static void L2Penalty<T>(double rel)
        where T : struct, IFloatingPointIeee754<T>
    {
        const double Lambda = 0.3;
        var penalty = new Losses.L2PenaltyLoss<T>(lambda: T.CreateChecked(Lambda));
        var w = Array.ConvertAll(PenaltyWeights, T.CreateChecked);
        var lambda = double.CreateTruncating(penalty.Lambda);
        var wd = Array.ConvertAll(w, double.CreateTruncating);
        var expected = lambda * wd.Sum(x => x * x);
        Near.Equal(expected, double.CreateTruncating(penalty.Value(w)), rel, 0, "L2 Value(w) with the default reduction (Sum)");
        Near.Equal(expected, double.CreateTruncating(penalty.Value(w, Reduction.Sum)), rel, 0, "L2 Value(w, Sum)");
        Near.Equal(expected / w.Length, double.CreateTruncating(penalty.Value(w, Reduction.Mean)), rel, 0, "L2 Value(w, Mean)");

        var gradient = new T[w.Length];
        Near.Equal(expected, double.CreateTruncating(penalty.ValueAndGradient(w, gradient)), rel, 0, "L2 ValueAndGradient(w) value");
        for (var i = 0; i < w.Length; i++)
        {
            Near.Equal(2 * lambda * wd[i], double.CreateTruncating(gradient[i]), rel, 0, $"L2 gradient[{i}]");
            Near.Equal(2 * lambda * wd[i], double.CreateTruncating(penalty.Derivative(w[i])), rel, 0, $"L2 Derivative({wd[i]})");
            Near.Equal(lambda * wd[i] * wd[i], double.CreateTruncating(penalty.Value(w[i])), rel, 0, $"L2 Value({wd[i]})");
        }

        penalty.Gradient(w, gradient, Reduction.Mean);
        for (var i = 0; i < w.Length; i++)
        {
            Near.Equal(2 * lambda * wd[i] / w.Length, double.CreateTruncating(gradient[i]), rel, 0, $"L2 Gradient(Mean)[{i}]");
        }
    }

    private static void L1Penalty<T>(double rel)
        where T : struct, IFloatingPointIeee754<T>
    {
        const double Lambda = 0.3;
        var penalty = new Losses.L1PenaltyLoss<T>(lambda: T.CreateChecked(Lambda));
        var w = Array.ConvertAll(PenaltyWeights, T.CreateChecked);
        var lambda = double.CreateTruncating(penalty.Lambda);
        var wd = Array.ConvertAll(w, double.CreateTruncating);
        var expected = lambda * wd.Sum(Math.Abs);
        Near.Equal(expected, double.CreateTruncating(penalty.Value(w)), rel, 0, "L1 Value(w) with the default reduction (Sum)");
        Near.Equal(expected / w.Length, double.CreateTruncating(penalty.Value(w, Reduction.Mean)), rel, 0, "L1 Value(w, Mean)");

        var gradient = new T[w.Length];
        Near.Equal(expected, double.CreateTruncating(penalty.ValueAndGradient(w, gradient)), rel, 0, "L1 ValueAndGradient(w) value");
        for (var i = 0; i < w.Length; i++)
        {
            // λ·sign(w), 0 at w = 0.
            Near.Equal(lambda * Math.Sign(wd[i]), double.CreateTruncating(gradient[i]), rel, 0, $"L1 gradient[{i}]");
            Near.Equal(lambda * Math.Sign(wd[i]), double.CreateTruncating(penalty.Derivative(w[i])), rel, 0, $"L1 Derivative({wd[i]})");
            Near.Equal(lambda * Math.Abs(wd[i]), double.CreateTruncating(penalty.Value(w[i])), rel, 0, $"L1 Value({wd[i]})");
        }
    }

    private static void AssertCloseToDouble<T>(ILoss<T> loss, ILoss<double> twin, double[] p, double[] y, double rel, double abs, string what)
        where T : struct, IFloatingPointIeee754<T>
    {
        var pt = Array.ConvertAll(p, T.CreateChecked);
        var yt = Array.ConvertAll(y, T.CreateChecked);
        for (var i = 0; i < p.Length; i++)
        {
            // The twin runs at the same (rounded) inputs.
            double pi = double.CreateTruncating(pt[i]), yi = double.CreateTruncating(yt[i]);
            Near.Equal(twin.Value(pi, yi), double.CreateTruncating(loss.Value(pt[i], yt[i])), rel, abs, Invariant($"{what}: Value({pi}, {yi})"));
            Near.Equal(twin.Derivative(pi, yi), double.CreateTruncating(loss.Derivative(pt[i], yt[i])), rel, abs, Invariant($"{what}: Derivative({pi}, {yi})"));
        }

        var pd = Array.ConvertAll(pt, double.CreateTruncating);
        var yd = Array.ConvertAll(yt, double.CreateTruncating);
        Near.Equal(twin.Value(pd, yd, Reduction.Sum), double.CreateTruncating(loss.Value(pt, yt, Reduction.Sum)), rel, abs, $"{what}: Value(Sum)");
        var gradient = new T[p.Length];
        var expectedGradient = new double[p.Length];
        Near.Equal(twin.ValueAndGradient(pd, yd, expectedGradient, Reduction.Mean), double.CreateTruncating(loss.ValueAndGradient(pt, yt, gradient, Reduction.Mean)), rel, abs, $"{what}: ValueAndGradient(Mean)");
        Near.Equal(expectedGradient, Array.ConvertAll(gradient, double.CreateTruncating), rel, abs, $"{what}: ValueAndGradient(Mean) gradient");
    }

    /// <summary>Central difference with a relative step of 1e-6, against the derivative to ~1e-6 relative.</summary>
    private static void AssertMatchesCentralDifference(Func<double, double> value, double derivative, double at, string what)
    {
        var h = 1e-6 * Math.Max(1, Math.Abs(at));
        double up = at + h, down = at - h;
        var central = (value(up) - value(down)) / (up - down);

        // 1e-6 relative covers the O(h²) truncation; the absolute part covers rounding, ε·|ℓ|/h ≈ 1e-10·|ℓ|.
        var tolerance = 1e-6 * Math.Max(Math.Abs(derivative), Math.Abs(central)) + 1e-8 * Math.Max(1, Math.Abs(value(at)));
        if (!(Math.Abs(derivative - central) <= tolerance))
        {
            Assert.Fail(Invariant($"{what}: Derivative = {derivative:R} but central difference = {central:R} (ℓ = {value(at):R})"));
        }
    }

    private static (double Relative, double Absolute) Tolerance<T>()
        where T : struct, IFloatingPointIeee754<T> =>
        typeof(T) == typeof(double) ? (Near.DoubleRelative, Near.DoubleAbsolute) : (Near.FloatRelative, Near.FloatAbsolute);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static double Uniform(Random r, double low, double high) => low + (high - low) * r.NextDouble();

    /// <summary>A built-in in double: its value and derivative, where to sample (p, y), and the distance to its kinks.</summary>
    private sealed record FiniteDifferenceCase(
        Func<double, double, double> Value,
        Func<double, double, double> Derivative,
        Func<Random, (double P, double Y)> Sample,
        Func<double, double, double> KinkDistance)
    {
        public static FiniteDifferenceCase Of(ILoss<double> loss, Func<Random, (double P, double Y)> sample, Func<double, double, double>? kink = null) =>
            new(loss.Value, loss.Derivative, sample, kink ?? ((_, _) => double.PositiveInfinity));
    }

    private static readonly Dictionary<string, FiniteDifferenceCase> FiniteDifferenceCases = new(StringComparer.Ordinal)
    {
        ["MeanSquaredError"] = FiniteDifferenceCase.Of(new Losses.MeanSquaredErrorLoss<double>(), Sample.Residual),
        ["MeanAbsoluteError"] = FiniteDifferenceCase.Of(new Losses.MeanAbsoluteErrorLoss<double>(), Sample.Residual, Kink.AtResidual(0)),
        ["Huber(default)"] = FiniteDifferenceCase.Of(new Losses.HuberLoss<double>(), Sample.Residual, Kink.AtResidual(-1, 1)),
        ["Huber(delta=0.7)"] = FiniteDifferenceCase.Of(new Losses.HuberLoss<double>(delta: 0.7), Sample.Residual, Kink.AtResidual(-0.7, 0.7)),
        ["SmoothL1(default)"] = FiniteDifferenceCase.Of(new Losses.SmoothL1Loss<double>(), Sample.Residual, Kink.AtResidual(-1, 1)),
        ["SmoothL1(beta=0.6)"] = FiniteDifferenceCase.Of(new Losses.SmoothL1Loss<double>(beta: 0.6), Sample.Residual, Kink.AtResidual(-0.6, 0.6)),
        ["SmoothL1(beta=0)"] = FiniteDifferenceCase.Of(new Losses.SmoothL1Loss<double>(beta: 0), Sample.Residual, Kink.AtResidual(0)),
        ["LogCosh"] = FiniteDifferenceCase.Of(new Losses.LogCoshLoss<double>(), Sample.WideResidual),
        ["Quantile(default)"] = FiniteDifferenceCase.Of(new Losses.QuantileLoss<double>(), Sample.Residual, Kink.AtResidual(0)),
        ["Quantile(tau=0.1)"] = FiniteDifferenceCase.Of(new Losses.QuantileLoss<double>(tau: 0.1), Sample.Residual, Kink.AtResidual(0)),
        ["PoissonNll"] = FiniteDifferenceCase.Of(new Losses.PoissonNllLoss<double>(), Sample.LogRateAndCount),
        ["BinaryCrossEntropy"] = FiniteDifferenceCase.Of(new Losses.BinaryCrossEntropyLoss<double>(), Sample.ProbabilityAndTarget),
        ["BinaryCrossEntropyWithLogits(default)"] = FiniteDifferenceCase.Of(new Losses.BinaryCrossEntropyWithLogitsLoss<double>(), Sample.LogitAndTarget),
        ["BinaryCrossEntropyWithLogits(posWeight=3)"] = FiniteDifferenceCase.Of(new Losses.BinaryCrossEntropyWithLogitsLoss<double>(posWeight: 3), Sample.LogitAndTarget),
        ["Hinge"] = FiniteDifferenceCase.Of(new Losses.HingeLoss<double>(), Sample.Labels, Kink.AtMargin),
        ["SquaredHinge"] = FiniteDifferenceCase.Of(new Losses.SquaredHingeLoss<double>(), Sample.Labels, Kink.AtMargin),
        ["SoftMargin"] = FiniteDifferenceCase.Of(new Losses.SoftMarginLoss<double>(), Sample.Labels),
        ["Focal(default)"] = FiniteDifferenceCase.Of(new Losses.FocalLoss<double>(), Sample.LogitAndTarget),
        ["Focal(alpha=-1,gamma=1.5)"] = FiniteDifferenceCase.Of(new Losses.FocalLoss<double>(alpha: -1, gamma: 1.5), Sample.LogitAndTarget),
        ["Focal(alpha=0.6,gamma=0.5)"] = FiniteDifferenceCase.Of(new Losses.FocalLoss<double>(alpha: 0.6, gamma: 0.5), Sample.LogitAndTarget),
        ["Focal(alpha=0.25,gamma=0)"] = FiniteDifferenceCase.Of(new Losses.FocalLoss<double>(alpha: 0.25, gamma: 0), Sample.LogitAndTarget),
        ["L2Penalty(lambda=0.3)"] = new(
            (w, _) => new Losses.L2PenaltyLoss<double>(0.3).Value(w), (w, _) => new Losses.L2PenaltyLoss<double>(0.3).Derivative(w), Sample.Residual, (_, _) => double.PositiveInfinity),
        ["L1Penalty(lambda=0.3)"] = new(
            (w, _) => new Losses.L1PenaltyLoss<double>(0.3).Value(w), (w, _) => new Losses.L1PenaltyLoss<double>(0.3).Derivative(w), Sample.Residual, (w, _) => Math.Abs(w)),
    };

    private static class Kink
    {
        /// <summary>The distance in p from the residual p − y to the nearest of <paramref name="residuals"/>.</summary>
        public static Func<double, double, double> AtResidual(params double[] residuals) => (p, y) => residuals.Min(r => Math.Abs(p - y - r));

        /// <summary>The distance in p from the hinge y·p = 1 (|y| = 1).</summary>
        public static double AtMargin(double p, double y) => Math.Abs(y * p - 1);
    }

    private static class Sample
    {
        public static (double, double) Residual(Random r) => (Uniform(r, -4, 4), Uniform(r, -4, 4));

        public static (double, double) WideResidual(Random r) => (Uniform(r, -30, 30), Uniform(r, -10, 10));

        public static (double, double) Labels(Random r) => (Uniform(r, -4, 4), r.Next(2) == 0 ? -1 : 1);

        /// <summary>A probability in (0.01, 0.99), where neither log is clamped, and a hard or soft target.</summary>
        public static (double, double) ProbabilityAndTarget(Random r) => (Uniform(r, 0.01, 0.99), r.Next(3) == 0 ? r.Next(2) : r.NextDouble());

        /// <summary>A logit and a hard (half the time) or soft target.</summary>
        public static (double, double) LogitAndTarget(Random r) => (Uniform(r, -6, 6), r.Next(2) == 0 ? r.Next(2) : r.NextDouble());

        public static (double, double) LogRateAndCount(Random r) => (Uniform(r, -3, 3), r.Next(4) == 0 ? 0 : Math.Floor(Uniform(r, 0, 10)));
    }
}
