using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using Xunit;
using D = LossGen.Tests.Runtime.DerivativeLosses;
using F = LossGen.Tests.Runtime.DerivativeLossesF;
using R = LossGen.Tests.Runtime.ReferenceLosses;
using T = LossGen.Tests.Runtime.TorchLosses;

namespace LossGen.Tests.Runtime;

/// <summary>
/// The generated derivative against central differences of the generated value, at 200 points drawn from a
/// fixed-seed <see cref="Random"/> per loss; points within 1e-3 of a kink are skipped.
/// </summary>
public class DerivativeTests
{
    private const int Points = 200;
    private const int Seed = 20261128;
    private const double KinkMargin = 1e-3;

    /// <summary>
    /// A loss the generator rejects today (LG0006 + LG9999): an <c>if</c> / <c>else if</c> chain without a final
    /// <c>else</c>, followed by a <c>return</c>. Valid C#; compiled while the tests run so it cannot break the build.
    /// </summary>
    internal const string ElseIfSource = """
        using System;
        using LossGen;

        namespace LossGen.Tests.Runtime.Dynamic;

        public static partial class ElseIfLosses
        {
            [Loss]
            public static partial double HuberElseIf(double p, double y, [Positive] double delta = 1.0)
            {
                var r = p - y;
                if (r > delta)
                {
                    return delta * (r - 0.5 * delta);
                }
                else if (r < -delta)
                {
                    return -delta * (r + 0.5 * delta);
                }

                return 0.5 * r * r;
            }
        }
        """;

    private static readonly Dictionary<string, Func<Case>> Cases = new(StringComparer.Ordinal)
    {
        // The eight custom reference losses.
        ["PseudoHuber"] = () => Case.Of(new R.PseudoHuberLoss(), R.PseudoHuber, Sample.Residual),
        ["Cauchy"] = () => Case.Of(new R.CauchyLoss(), R.Cauchy, Sample.Residual),
        ["GemanMcClure"] = () => Case.Of(new R.GemanMcClureLoss(), R.GemanMcClure, Sample.Residual),
        ["LogisticPm1"] = () => Case.Of(new R.LogisticPm1Loss(), R.LogisticPm1, Sample.Labels),
        ["Tweedie15"] = () => Case.Of(new R.Tweedie15Loss(), R.Tweedie15, Sample.NonNegativeTarget),
        ["AsymmetricSq"] = () => Case.Of(new R.AsymmetricSqLoss(), R.AsymmetricSq, Sample.Residual, Kink.AtResidual(0)),
        ["TanhMargin"] = () => Case.Of(new R.TanhMarginLoss(), R.TanhMargin, Sample.Labels),
        ["PowAbs"] = () => Case.Of(new R.PowAbsLoss(), R.PowAbs, Sample.Residual, Kink.AtResidual(0)),

        // Hyperparameters and locals.
        ["ScaledCauchy(default)"] = () => Case.Of(new D.ScaledCauchyLoss(), (p, y) => D.ScaledCauchy(p, y), Sample.Residual),
        ["ScaledCauchy(scale=0.7)"] = () => Case.Of(new D.ScaledCauchyLoss(scale: 0.7), (p, y) => D.ScaledCauchy(p, y, 0.7), Sample.Residual),
        ["GeneralizedCharbonnier(power=0.6,eps=0.2)"] = () =>
            Case.Of(new D.GeneralizedCharbonnierLoss(power: 0.6, eps: 0.2), (p, y) => D.GeneralizedCharbonnier(p, y, 0.6, 0.2), Sample.Residual),

        // Piecewise.
        ["Quantile(tau=0.3)"] = () => Case.Of(new D.QuantileLoss(tau: 0.3), (p, y) => D.Quantile(p, y, 0.3), Sample.Residual, Kink.AtResidual(0)),
        ["HuberIf(delta=0.7)"] = () => Case.Of(new D.HuberIfLoss(delta: 0.7), (p, y) => D.HuberIf(p, y, 0.7), Sample.Residual, Kink.AtResidual(-0.7, 0.7)),
        ["IfElseBranches"] = () => Case.Of(new D.IfElseBranchesLoss(), D.IfElseBranches, Sample.Residual, Kink.AtResidual(0)),
        ["SmoothL1Ternary(beta=0.6)"] = () =>
            Case.Of(new D.SmoothL1TernaryLoss(beta: 0.6), (p, y) => D.SmoothL1Ternary(p, y, 0.6), Sample.Residual, Kink.AtResidual(-0.6, 0.6)),
        ["TruncatedSquare(cap=2.25)"] = () =>
            Case.Of(new D.TruncatedSquareLoss(cap: 2.25), (p, y) => D.TruncatedSquare(p, y, 2.25), Sample.Residual, Kink.AtResidual(-1.5, 1.5)),
        ["ClampedResidual(bound=1.2)"] = () =>
            Case.Of(new D.ClampedResidualLoss(bound: 1.2), (p, y) => D.ClampedResidual(p, y, 1.2), Sample.Residual, Kink.AtResidual(-1.2, 1.2)),
        ["SquaredHinge"] = () => Case.Of(new D.SquaredHingeLoss(), D.SquaredHinge, Sample.Labels, (p, y) => Math.Abs(y * p - 1)),
        ["AsymmetricExp"] = () => Case.Of(new D.AsymmetricExpLoss(), D.AsymmetricExp, Sample.Residual, Kink.AtResidual(0)),
        ["NotAtTarget (!=)"] = () => Case.Of(new D.NotAtTargetLoss(), D.NotAtTarget, Sample.Residual, Kink.AtResidual(0)),
        ["HuberAbs(delta=0.7)"] = () =>
            Case.Of(new D.HuberAbsLoss(delta: 0.7), (p, y) => D.HuberAbs(p, y, 0.7), Sample.Residual, Kink.AtResidual(-0.7, 0, 0.7)),
        ["EpsilonInsensitive(epsilon=0.4)"] = () =>
            Case.Of(new D.EpsilonInsensitiveLoss(epsilon: 0.4), (p, y) => D.EpsilonInsensitive(p, y, 0.4), Sample.Residual, Kink.AtResidual(-0.4, 0, 0.4)),
        ["HuberElseIf(delta=0.7), compiled at test time"] = () => Case.Of(
            (ILoss<double>)TestTimeCompiler.Create(ElseIfSource, "ElseIfLosses+HuberElseIfLoss", 0.7),
            Invoke(TestTimeCompiler.Method(ElseIfSource, "ElseIfLosses", "HuberElseIf"), 0.7),
            Sample.Residual,
            Kink.AtResidual(-0.7, 0.7)),

        // Inlined helpers.
        ["WithHelper ([Differentiable] helper)"] = () => Case.Of(new D.WithHelperLoss(), D.WithHelper, Sample.Residual),
        ["CallsOtherLosses"] = () => Case.Of(new D.CallsOtherLossesLoss(), D.CallsOtherLosses, Sample.Residual),

        // LossMath.
        ["BceWithLogits (Softplus)"] = () => Case.Of(new D.BceWithLogitsLoss(), D.BceWithLogits, Sample.Probability),
        ["LogSigmoidCrossEntropy"] = () => Case.Of(new D.LogSigmoidCrossEntropyLoss(), D.LogSigmoidCrossEntropy, Sample.Probability),
        ["BrierOnLogits (Sigmoid)"] = () => Case.Of(new D.BrierOnLogitsLoss(), D.BrierOnLogits, Sample.Probability),
        ["LogCosh"] = () => Case.Of(new D.LogCoshLoss(), D.LogCosh, Sample.WideResidual),
        ["Expm1Log1p"] = () => Case.Of(new D.Expm1Log1pLoss(), D.Expm1Log1p, Sample.Residual),
        ["PoissonXlogy"] = () => Case.Of(new D.PoissonXlogyLoss(), D.PoissonXlogy, Sample.Count),
        ["BernoulliKl (Xlogy in both arguments)"] = () => Case.Of(new D.BernoulliKlLoss(), D.BernoulliKl, Sample.OpenProbability),

        ["Focal(alpha=0.25,gamma=2)"] = () =>
            Case.Of(new TorchLosses.FocalLoss(alpha: 0.25, gamma: 2), (p, y) => TorchLosses.Focal(p, y, 0.25, 2), Sample.Probability),
        ["Focal(alpha=-1,gamma=1.5)"] = () =>
            Case.Of(new TorchLosses.FocalLoss(alpha: -1, gamma: 1.5), (p, y) => TorchLosses.Focal(p, y, -1, 1.5), Sample.Probability),
        ["BceWithLogitsPosWeight(posWeight=3)"] = () =>
            Case.Of(new TorchLosses.BceWithLogitsPosWeightLoss(posWeight: 3), (p, y) => TorchLosses.BceWithLogitsPosWeight(p, y, 3), Sample.Probability),

        // Math.
        ["Exp"] = () => Case.Of(new D.ExpLossLoss(), D.ExpLoss, Sample.Residual),
        ["Log, Sqrt"] = () => Case.Of(new D.LogSqrtLoss(), D.LogSqrt, Sample.Residual),
        ["Cbrt"] = () => Case.Of(new D.CbrtLoss(), D.Cbrt, Sample.Residual, Kink.AtResidual(0)),
        ["Pow, constant exponent"] = () => Case.Of(new D.PowConstantExponentLoss(), D.PowConstantExponent, Sample.Residual),
        ["Pow, hyperparameter exponent (power=2.5)"] = () =>
            Case.Of(new D.PowHyperExponentLoss(power: 2.5), (p, y) => D.PowHyperExponent(p, y, 2.5), Sample.Residual),
        ["Pow, variable exponent"] = () => Case.Of(new D.PowVariableExponentLoss(), D.PowVariableExponent, Sample.PositiveTarget),
        ["Tanh"] = () => Case.Of(new D.TanhLossLoss(), D.TanhLoss, Sample.Residual),
        ["Sinh, Cosh"] = () => Case.Of(new D.SinhCoshLoss(), D.SinhCosh, Sample.Residual),
        ["Sin, Cos"] = () => Case.Of(new D.SinCosLoss(), D.SinCos, Sample.Residual),
        ["Tan"] = () => Case.Of(new D.TanLossLoss(), D.TanLoss, Sample.NarrowResidual),
        ["Atan"] = () => Case.Of(new D.AtanLossLoss(), D.AtanLoss, Sample.Residual),
        ["Log2, Log10"] = () => Case.Of(new D.Log2Log10Loss(), D.Log2Log10, Sample.Residual),
    };

    /// <summary>Float twins and the double loss each must agree with.</summary>
    private static readonly Dictionary<string, Func<(ILoss<float> Float, ILoss<double> Double, Func<Random, (double P, double Y)> Sample)>> FloatTwins =
        new(StringComparer.Ordinal)
        {
            ["PseudoHuberF"] = () => (new R.PseudoHuberFLoss(), new R.PseudoHuberLoss(), Sample.Residual),
            ["CauchyF"] = () => (new R.CauchyFLoss(), new R.CauchyLoss(), Sample.Residual),
            ["GemanMcClureF"] = () => (new R.GemanMcClureFLoss(), new R.GemanMcClureLoss(), Sample.Residual),
            ["LogisticPm1F"] = () => (new R.LogisticPm1FLoss(), new R.LogisticPm1Loss(), Sample.Labels),
            ["Tweedie15F"] = () => (new R.Tweedie15FLoss(), new R.Tweedie15Loss(), Sample.NonNegativeTarget),
            ["AsymmetricSqF"] = () => (new R.AsymmetricSqFLoss(), new R.AsymmetricSqLoss(), Sample.Residual),
            ["TanhMarginF"] = () => (new R.TanhMarginFLoss(), new R.TanhMarginLoss(), Sample.Labels),
            ["PowAbsF"] = () => (new R.PowAbsFLoss(), new R.PowAbsLoss(), Sample.Residual),
            ["ScaledCauchyF(scale=0.7)"] = () => (new F.ScaledCauchyLoss(scale: 0.7f), new D.ScaledCauchyLoss(scale: 0.7f), Sample.Residual),
            ["QuantileF(tau=0.25)"] = () => (new F.QuantileLoss(tau: 0.25f), new D.QuantileLoss(tau: 0.25), Sample.Residual),
            ["SmoothL1TernaryF(beta=0.5)"] = () => (new F.SmoothL1TernaryLoss(beta: 0.5f), new D.SmoothL1TernaryLoss(beta: 0.5), Sample.Residual),
            ["BceWithLogitsF"] = () => (new F.BceWithLogitsLoss(), new D.BceWithLogitsLoss(), Sample.Probability),
            ["LogCoshF"] = () => (new F.LogCoshLoss(), new D.LogCoshLoss(), Sample.WideResidual),
        };

    public static TheoryData<string> CaseNames() => Names(Cases.Keys);

    public static TheoryData<string> FloatTwinNames() => Names(FloatTwins.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Derivative_matches_central_differences_at_random_points(string name)
    {
        var loss = Cases[name]();
        AssertCentralDifferences(name, loss, Seed, loss.Value, loss.Derivative, "Derivative", "central difference");
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Second_derivative_matches_central_differences_of_the_derivative_at_random_points(string name)
    {
        var loss = Cases[name]();
        var twice = Assert.IsAssignableFrom<ITwiceDifferentiableLoss<double>>(loss.Loss);
        AssertCentralDifferences(name, loss, Seed + 2, loss.Derivative, twice.SecondDerivative, "SecondDerivative", "central difference of Derivative");
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void GradientAndHessian_matches_the_scalar_derivatives_elementwise(string name)
    {
        var loss = Cases[name]();
        var twice = Assert.IsAssignableFrom<ITwiceDifferentiableLoss<double>>(loss.Loss);
        var random = new Random(Seed + 3);
        var p = new double[Points];
        var y = new double[Points];
        for (var i = 0; i < Points; i++)
        {
            (p[i], y[i]) = loss.Sample(random);
        }

        var gradient = new double[Points];
        var hessian = new double[Points];
        twice.GradientAndHessian(p, y, gradient, hessian, Reduction.Sum);
        for (var i = 0; i < Points; i++)
        {
            Near.Equal(loss.Derivative(p[i], y[i]), gradient[i], 1e-12, 1e-15, $"{name}: GradientAndHessian(Sum) gradient[{i}]");
            Near.Equal(twice.SecondDerivative(p[i], y[i]), hessian[i], 1e-12, 1e-15, $"{name}: GradientAndHessian(Sum) hessian[{i}]");
        }
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Value_matches_the_users_method_and_batch_methods_match_the_scalar_ones(string name)
    {
        var loss = Cases[name]();
        var random = new Random(Seed + 1);
        var p = new double[Points];
        var y = new double[Points];
        for (var i = 0; i < Points; i++)
        {
            (p[i], y[i]) = loss.Sample(random);
        }

        var values = new double[Points];
        loss.Loss.Values(p, y, values);
        var gradient = new double[Points];
        var sum = loss.Loss.ValueAndGradient(p, y, gradient, Reduction.Sum);
        var expectedSum = 0.0;
        for (var i = 0; i < Points; i++)
        {
            var user = loss.User(p[i], y[i]);
            Near.Equal(user, loss.Value(p[i], y[i]), 1e-12, 1e-13, $"{name}: Value({p[i]:R}, {y[i]:R}) against the user's method");
            Near.Equal(loss.Value(p[i], y[i]), values[i], 1e-12, 1e-15, $"{name}: Values[{i}]");
            Near.Equal(loss.Derivative(p[i], y[i]), gradient[i], 1e-12, 1e-15, $"{name}: ValueAndGradient(Sum) gradient[{i}]");
            expectedSum += values[i];
        }

        Near.Equal(expectedSum, sum, 1e-12, 1e-12, $"{name}: ValueAndGradient(Sum)");
    }

    [Fact]
    public void If_else_if_chain_followed_by_a_return_compiles() =>
        Assert.Equal("", TestTimeCompiler.Errors(ElseIfSource));

    /// <summary>x^0 is the constant 1, so its derivative is 0 everywhere, also at x = 0 (PyTorch's pow_backward).</summary>
    [Fact]
    public void Pow_with_exponent_zero_has_derivative_zero_at_base_zero()
    {
        var loss = new T.PowResidualLoss(gamma: 0);
        Assert.Equal(1, loss.Value(1.5, 1.5));
        Assert.Equal(0, loss.Derivative(2.0, 1.5));
        Assert.Equal(0, loss.Derivative(1.5, 1.5));
    }

    /// <summary>0^p is 0 for every p &gt; 0, so ∂/∂p is 0 there (PyTorch's pow_backward_exponent), not 0·log 0 = NaN.</summary>
    [Fact]
    public void Pow_derivative_in_the_exponent_is_zero_at_base_zero()
    {
        var loss = new T.PowOfTargetLoss();
        Assert.Equal(0, loss.Value(2.0, 0.0));
        Assert.Equal(0, loss.Derivative(2.0, 0.0));
        Near.Equal(Math.Pow(3, 2) * Math.Log(3), loss.Derivative(2.0, 3.0), 1e-15, 0, "Derivative(2, 3)");
    }

    [Theory]
    [MemberData(nameof(FloatTwinNames))]
    public void Float_twin_value_and_derivative_match_the_double_loss(string name)
    {
        var (single, twin, sample) = FloatTwins[name]();
        var random = new Random(Seed + 2);
        for (var k = 0; k < Points; k++)
        {
            var (pd, yd) = sample(random);
            float p = (float)pd, y = (float)yd;
            if (Math.Abs(p - y) < KinkMargin)
            {
                continue;
            }

            Near.Equal(twin.Value(p, y), single.Value(p, y), Near.FloatRelative, Near.FloatAbsolute, $"{name}: Value({p:R}, {y:R})");
            Near.Equal(twin.Derivative(p, y), single.Derivative(p, y), Near.FloatRelative, Near.FloatAbsolute, $"{name}: Derivative({p:R}, {y:R})");
        }
    }

    private static TheoryData<string> Names(IEnumerable<string> names)
    {
        var data = new TheoryData<string>();
        foreach (var name in names)
        {
            data.Add(name);
        }

        return data;
    }

    private static Func<double, double, double> Invoke(MethodInfo method, params object[] hyperparameters) =>
        (p, y) => (double)method.Invoke(null, new object[] { p, y }.Concat(hyperparameters).ToArray())!;

    /// <summary>A loss under test, its user-written method, where to sample it and where its kinks are.</summary>
    /// <summary>
    /// <paramref name="derivative"/> against central differences of <paramref name="function"/> at <see cref="Points"/>
    /// points of the loss's sample, skipping those within <see cref="KinkMargin"/> of a kink.
    /// </summary>
    private static void AssertCentralDifferences(
        string name, Case loss, int seed, Func<double, double, double> function, Func<double, double, double> derivative, string what, string against)
    {
        var random = new Random(seed);
        var tested = 0;
        for (var k = 0; k < Points; k++)
        {
            var (p, y) = loss.Sample(random);
            if (loss.KinkDistance(p, y) < KinkMargin)
            {
                continue;
            }

            tested++;
            var h = 1e-6 * Math.Max(1, Math.Abs(p));
            double up = p + h, down = p - h;
            var central = (function(up, y) - function(down, y)) / (up - down);
            var exact = derivative(p, y);
            var value = function(p, y);

            // 1e-6 relative covers the O(h²) truncation; the absolute part covers rounding, ε·|f|/h ≈ 1e-10·|f|.
            var tolerance = 1e-6 * Math.Max(Math.Abs(exact), Math.Abs(central)) + 1e-8 * Math.Max(1, Math.Abs(value));
            if (!(Math.Abs(exact - central) <= tolerance))
            {
                Assert.Fail(string.Create(CultureInfo.InvariantCulture,
                    $"{name}: at p = {p:R}, y = {y:R}, {what} = {exact:R} but {against} = {central:R} (f = {value:R})"));
            }
        }

        Assert.True(tested >= Points * 3 / 4, $"only {tested} of {Points} points were away from kinks");
    }

    private sealed record Case(
        ILoss<double> Loss,
        Func<double, double, double> User,
        Func<Random, (double P, double Y)> Sample,
        Func<double, double, double> KinkDistance)
    {
        public static Case Of(ILoss<double> loss, Func<double, double, double> user, Func<Random, (double P, double Y)> sample, Func<double, double, double>? kink = null) =>
            new(loss, user, sample, kink ?? ((_, _) => double.PositiveInfinity));

        public double Value(double p, double y) => Loss.Value(p, y);

        public double Derivative(double p, double y) => Loss.Derivative(p, y);
    }

    private static class Kink
    {
        /// <summary>The distance in p from the residual p - y to the nearest of <paramref name="residuals"/>.</summary>
        public static Func<double, double, double> AtResidual(params double[] residuals) =>
            (p, y) => residuals.Min(r => Math.Abs(p - y - r));
    }

    private static class Sample
    {
        public static (double, double) Residual(Random r) => (Uniform(r, -4, 4), Uniform(r, -4, 4));

        public static (double, double) NarrowResidual(Random r) => (Uniform(r, -2.5, 2.5), Uniform(r, -2.5, 2.5));

        public static (double, double) WideResidual(Random r) => (Uniform(r, -30, 30), Uniform(r, -10, 10));

        public static (double, double) Labels(Random r) => (Uniform(r, -4, 4), r.Next(2) == 0 ? -1 : 1);

        public static (double, double) Probability(Random r) => (Uniform(r, -6, 6), r.Next(4) == 0 ? r.Next(2) : r.NextDouble());

        public static (double, double) OpenProbability(Random r) => (Uniform(r, -5, 5), Uniform(r, 0.05, 0.95));

        public static (double, double) NonNegativeTarget(Random r) => (Uniform(r, -4, 4), Uniform(r, 0, 5));

        public static (double, double) PositiveTarget(Random r) => (Uniform(r, -3, 3), Uniform(r, 0.1, 3));

        /// <summary>A log-rate and a count-like target, zero a quarter of the time (Xlogy's x = 0 branch).</summary>
        public static (double, double) Count(Random r) => (Uniform(r, -3, 3), r.Next(4) == 0 ? 0 : Uniform(r, 0, 5));

        private static double Uniform(Random r, double low, double high) => low + (high - low) * r.NextDouble();
    }
}
