using System;
using System.Linq;
using System.Reflection;
using LossGen.Tests.Infrastructure;
using LossGen.Tests.Runtime;
using Microsoft.CodeAnalysis;
using Xunit;
using static LossGen.Tests.Diagnostics.DiagnosticAssert;

namespace LossGen.Tests.Diagnostics;

/// <summary>
/// The numerical-stability findings (LG0018–LG0026): each is reported once at the unstable form, with its severity;
/// at a concrete input the form as written gives NaN, Inf or a large error, while the fixed form (the code fix's
/// output, compiled and run) is accurate; guarded forms are not reported.
/// </summary>
public class StabilityFindingTests
{
    private const string Namespace = "namespace LossGen.Tests.Runtime.Dynamic;\n\n";

    /// <summary>A test source with one loss <c>F</c> in class <c>L</c>.</summary>
    private static string Loss(string body, string parameters = "double prediction, double target", string type = "double") =>
        Usings + Namespace + $$"""
            public static partial class L
            {
                [Loss]
                public static partial {{type}} F({{parameters}}) => {{body}};
            }

            """;

    public static TheoryData<string, string, string, double, double, double> Fixes => new()
    {
        // id, body with the finding marked, body after the fix, prediction, target, the true loss there
        { "LG0018", "[|Math.Log(1 + Math.Exp(prediction - target))|]", "LossMath.Softplus(prediction - target)", 800, 0, 800 },
        { "LG0018", "[|Math.Log(Math.Exp(target * prediction) + 1)|]", "LossMath.Softplus(target * prediction)", 900, 1, 900 },
        { "LG0019", "-[|Math.Log(LossMath.Sigmoid(prediction - target))|]", "-LossMath.LogSigmoid(prediction - target)", -800, 0, 800 },
        { "LG0019", "-[|Math.Log(1 / (1 + Math.Exp(-prediction)))|]", "-LossMath.LogSigmoid(prediction)", -800, 0, 800 },
        { "LG0019", "-[|Math.Log(1 / (1 + Math.Exp(target * prediction)))|]", "-LossMath.LogSigmoid(-(target * prediction))", 800, 1, 800 },
        { "LG0019", "-[|Math.Log(1 - LossMath.Sigmoid(prediction))|]", "-LossMath.LogSigmoid(-prediction)", 40, 0, 40 + 4.248354255291589e-18 },
        { "LG0020", "[|Math.Log(Math.Cosh(prediction - target))|]", "LossMath.LogCosh(prediction - target)", 1000, 0, 1000 - Math.Log(2) },
        { "LG0022", "[|target * Math.Log(target / prediction)|]", "LossMath.Xlogy(target, target / prediction)", 0.5, 0, 0 },
        { "LG0022", "[|Math.Log(1 - target + prediction) * (1 - target)|]", "LossMath.Xlogy(1 - target, 1 - target + prediction)", 0, 1, 0 },
        { "LG0025", "[|Math.Log(1 + (prediction - target) * (prediction - target))|]", "LossMath.Log1p((prediction - target) * (prediction - target))", 1e-9, 0, 1e-18 },
        { "LG0025", "[|Math.Log(1 - target * prediction)|]", "LossMath.Log1p(-(target * prediction))", 1e-17, 1, -1e-17 },
        { "LG0025", "Math.Max(prediction, 0) + [|Math.Log(1 + Math.Exp(-Math.Abs(prediction)))|]", "Math.Max(prediction, 0) + LossMath.Log1p(Math.Exp(-Math.Abs(prediction)))", -40, 0, 4.248354255291589e-18 },
        { "LG0026", "[|Math.Exp(prediction - target) - 1|]", "LossMath.Expm1(prediction - target)", 1e-12, 0, 1.0000000000005e-12 },
        { "LG0026", "[|1 - Math.Exp(target - prediction)|]", "-LossMath.Expm1(target - prediction)", 1e-12, 0, 9.999999999995e-13 },
    };

    public static TheoryData<string, string> LogSigmoidMessages => new()
    {
        // body with the finding marked, the exact message: each form names where it, as written, fails
        {
            "-[|Math.Log(LossMath.Sigmoid(prediction - target))|]",
            "Math.Log(LossMath.Sigmoid(prediction - target)) is -infinity once the sigmoid underflows to 0 (prediction - target below about -88 in float, -745 in double) and loses accuracy well before, where the true value is about prediction - target: use LossMath.LogSigmoid(prediction - target)"
        },
        {
            "-[|Math.Log(1 / (1 + Math.Exp(-prediction)))|]",
            "Math.Log(1 / (1 + Math.Exp(-prediction))) is -infinity once the exponential overflows (-prediction above about 88 in float, 709 in double) and loses accuracy well before, where the true value is about prediction: use LossMath.LogSigmoid(prediction)"
        },
        {
            "-[|Math.Log(1 / (1 + Math.Exp(target * prediction)))|]",
            "Math.Log(1 / (1 + Math.Exp(target * prediction))) is -infinity once the exponential overflows (target * prediction above about 88 in float, 709 in double) and loses accuracy well before, where the true value is about -(target * prediction): use LossMath.LogSigmoid(-(target * prediction))"
        },
        {
            "-[|Math.Log(1 - LossMath.Sigmoid(prediction))|]",
            "Math.Log(1 - LossMath.Sigmoid(prediction)) is -infinity once the sigmoid rounds to 1 (prediction above about 17 in float, 37 in double) and loses accuracy well before, where the true value is about -prediction: use LossMath.LogSigmoid(-prediction)"
        },
    };

    [Fact]
    public void Fix_All_rewrites_every_finding_of_two_IDs_in_a_document_as_dotnet_format_runs_it()
    {
        var source = Usings + Namespace + """
            public static partial class L
            {
                [Loss]
                public static partial double F(double prediction, double target) =>
                    Math.Log(1 + Math.Exp(prediction)) - target * Math.Log(1 + prediction * prediction) + Math.Log(1 + Math.Exp(-target)) * Math.Log(1 + target * target);
            }

            """;
        var expected = Usings + Namespace + """
            public static partial class L
            {
                [Loss]
                public static partial double F(double prediction, double target) =>
                    LossMath.Softplus(prediction) - target * LossMath.Log1p(prediction * prediction) + LossMath.Softplus(-target) * LossMath.Log1p(target * target);
            }

            """;

        Assert.Equal(expected, CodeFixHarness.FixAll(source, "LG0025", "LG0018"));
        Assert.Equal(expected, CodeFixHarness.FixAll(source, "LG0018", "LG0025"));
    }

    [Theory]
    [MemberData(nameof(LogSigmoidMessages))]
    public void LG0019_names_the_region_where_the_form_as_written_fails(string markedBody, string message)
    {
        var (diagnostic, _) = ReportsOnce("LG0019", Loss(markedBody));
        Assert.Equal(message, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [MemberData(nameof(Fixes))]
    public void A_fixable_finding_is_reported_once_and_its_fix_is_accurate_where_the_original_is_not(
        string id, string markedBody, string fixedBody, double prediction, double target, double expected)
    {
        var markup = Loss(markedBody);
        var (diagnostic, _) = ReportsOnce(id, markup);
        Assert.Equal(id is "LG0025" or "LG0026" ? DiagnosticSeverity.Info : DiagnosticSeverity.Warning, diagnostic.Severity);

        var original = Markup.Parse(markup).Source;
        var (title, fixedSource) = CodeFixHarness.Fix(original, id);
        Assert.Equal(Loss(fixedBody), fixedSource);
        Assert.StartsWith("Use LossMath.", title);

        var before = Evaluate(original, prediction, target);
        var after = Evaluate(fixedSource, prediction, target);
        Assert.True(Math.Abs(after - expected) <= 1e-15 * Math.Abs(expected), $"fixed: {after:R}, true: {expected:R}");
        var beforeError = Math.Abs(before - expected) / Math.Max(Math.Abs(expected), double.Epsilon);
        Assert.True(!double.IsFinite(before) || beforeError > 1e-5, $"as written: {before:R}, true: {expected:R}: the finding's input does not show the problem");
        Assert.DoesNotContain(GeneratorHarness.Run(fixedSource).AllDiagnostics, d => d.Id == id);
    }

    [Theory]
    [InlineData("float", "float prediction, float target", "[|MathF.Log(1 + MathF.Exp(prediction - target))|]", "LossMath.Softplus(prediction - target)")]
    [InlineData("T", "T prediction, T target", "[|T.Log(T.One + T.Exp(prediction - target))|]", "LossMath.Softplus(prediction - target)")]
    [InlineData("T", "T prediction, T target", "[|T.Exp(prediction - target) - T.One|]", "LossMath.Expm1(prediction - target)")]
    [InlineData("T", "T prediction, T target", "[|target * T.Log(target / prediction)|]", "LossMath.Xlogy(target, target / prediction)")]
    public void Float_and_generic_forms_are_found_and_fixed_alike(string type, string parameters, string markedBody, string fixedBody)
    {
        string Source(string body) => type == "T"
            ? Usings + "using System.Numerics;\n\n" + Namespace + $$"""
                public static partial class L
                {
                    [Loss]
                    public static partial T F<T>({{parameters}}) where T : IFloatingPointIeee754<T> => {{body}};
                }

                """
            : Loss(body, parameters, type);
        var markup = Source(markedBody);
        var id = markedBody.Contains("Exp(prediction - target) -") ? "LG0026" : markedBody.Contains("target *") ? "LG0022" : "LG0018";
        ReportsOnce(id, markup);
        Assert.Equal(Source(fixedBody), CodeFixHarness.Fix(Markup.Parse(markup).Source, id).Source);
        Assert.Empty(Errors(GeneratorHarness.Run(Source(fixedBody))));
    }

    [Fact]
    public void The_fix_spells_LossMath_as_the_file_can()
    {
        // Outside namespace LossGen, where LossMath is not in scope without the using.
        var source = "using System;\n\n" + """
            public static partial class L
            {
                [LossGen.Loss]
                public static partial double F(double prediction, double target) => Math.Log(1 + Math.Exp(prediction - target));
            }

            """;
        var fixedSource = CodeFixHarness.Fix(source, "LG0018").Source;
        Assert.Contains("=> LossGen.LossMath.Softplus(prediction - target);", fixedSource);
    }

    [Fact]
    public void LG0021_log_of_the_prediction_is_infinite_at_0_and_the_clamp_it_suggests_is_finite()
    {
        var (diagnostic, _) = ReportsOnce("LG0021", Loss("-target * [|Math.Log(prediction)|]"));
        Assert.Contains("Math.Max(prediction, 1e-12)", diagnostic.GetMessage());
        Assert.False(CodeFixHarness.OffersFix(Loss("-target * Math.Log(prediction)"), "LG0021"));
        Assert.Equal(double.PositiveInfinity, Evaluate(Loss("-target * Math.Log(prediction)"), 0, 1));
        Assert.Equal(-Math.Log(1e-12), Evaluate(Loss("-target * Math.Log(Math.Max(prediction, 1e-12))"), 0, 1), 12);

        ReportsOnce("LG0021", Loss("-(1 - target) * [|Math.Log(1 - prediction)|]"));
        ReportsOnce("LG0021", Loss("-[|LossMath.Xlogy(target, prediction)|]"));
        Assert.DoesNotContain(GeneratorHarness.Run(Loss("-target * Math.Log(prediction)")).AllDiagnostics, d => d.Id == "LG0022");
        Assert.Equal(double.PositiveInfinity, Evaluate(Loss("-(1 - target) * Math.Log(1 - prediction)"), 1, 0));
    }

    [Fact]
    public void LG0021_follows_the_prediction_through_a_local()
    {
        ReportsOnce("LG0021", Usings + """
            public static partial class L
            {
                [Loss]
                public static partial double F(double prediction, double target)
                {
                    var miss = 1 - prediction;
                    return -(1 - target) * [|Math.Log(miss)|];
                }
            }
            """);
    }

    [Fact]
    public void LG0023_a_fractional_power_that_can_reach_0_has_an_infinite_derivative_there()
    {
        var (diagnostic, _) = ReportsOnce("LG0023", Loss("[|Math.Pow(Math.Abs(prediction - target), 0.5)|]"));
        Assert.Contains("'Math.Abs(prediction - target)'", diagnostic.GetMessage());
        Assert.False(CodeFixHarness.OffersFix(Loss("Math.Pow(Math.Abs(prediction - target), 0.5)"), "LG0023"));
        Assert.False(double.IsFinite(Derivative(Loss("Math.Pow(Math.Abs(prediction - target), 0.5)"), 1, 1)));

        var smooth = Loss("Math.Pow((prediction - target) * (prediction - target) + 1e-12, 0.25)");
        Assert.DoesNotContain(GeneratorHarness.Run(smooth).AllDiagnostics, d => d.Id == "LG0023");
        Assert.Equal(0, Derivative(smooth, 1, 1));

        ReportsOnce("LG0023", Loss("[|Math.Sqrt(Math.Abs(prediction - target))|]"));
    }

    [Fact]
    public void LG0024_division_by_a_hyperparameter_that_may_be_0_is_infinite_and_Positive_rejects_the_0()
    {
        const string Parameters = "double prediction, double target, double scale = 1";
        var (diagnostic, _) = ReportsOnce("LG0024", Loss("[|(prediction - target) / scale|]", Parameters));
        Assert.Contains("'scale'", diagnostic.GetMessage());
        Assert.False(CodeFixHarness.OffersFix(Loss("(prediction - target) / scale", Parameters), "LG0024"));
        var unconstrained = TestTimeCompiler.Create(Loss("(prediction - target) / scale", Parameters), "L+FLoss", 0.0);
        Assert.Equal(double.PositiveInfinity, Invoke(unconstrained, "Value", 1, 0));

        const string Constrained = "double prediction, double target, [Positive] double scale = 1";
        Assert.DoesNotContain(GeneratorHarness.Run(Loss("(prediction - target) / scale", Constrained)).AllDiagnostics, d => d.Id == "LG0024");
        var rejected = Assert.Throws<TargetInvocationException>(() => TestTimeCompiler.Create(Loss("(prediction - target) / scale", Constrained), "L+FLoss", 0.0));
        Assert.Equal("scale", Assert.IsType<ArgumentOutOfRangeException>(rejected.InnerException).ParamName);

        ReportsOnce("LG0024", Loss("[|(prediction - target) / (2 * scale * scale)|]", Parameters));
    }

    [Theory]
    [InlineData("-target * Math.Max(Math.Log(prediction), -100)")]
    [InlineData("-target * Math.Log(Math.Max(prediction, 1e-12))")]
    [InlineData("-2 * Math.Log(Math.Exp(prediction) + 0.5)")]
    [InlineData("target * Math.Log(Math.Exp(prediction) + 1e-3)")]
    [InlineData("Math.Sqrt((prediction - target) * (prediction - target) + 1)")]
    [InlineData("Math.Pow(Math.Exp(prediction) + target * target, 0.5)")]
    [InlineData("Math.Pow(Math.Abs(prediction - target), 1.5)")]
    [InlineData("LossMath.Softplus(prediction) - LossMath.LogSigmoid(target) + LossMath.Xlogy(target, Math.Exp(prediction))")]
    [InlineData("Math.Log(2 + prediction * prediction)")]
    public void Guarded_and_stable_forms_are_not_reported(string body)
    {
        var run = GeneratorHarness.Run(Loss(body));
        Assert.Empty(LossGenDiagnostics(run));
    }

    [Theory]
    [InlineData("[Positive] double beta = 1", "(prediction - target) / beta")]
    [InlineData("[Range(0.5, 2)] double beta = 1", "(prediction - target) / beta")]
    [InlineData("[Range(-2, -0.5)] double beta = -1", "(prediction - target) / beta")]
    [InlineData("[Range(0, double.PositiveInfinity)] double beta = 1", "Math.Abs(prediction - target) < beta ? 0.5 * (prediction - target) * (prediction - target) / beta : Math.Abs(prediction - target) - 0.5 * beta")]
    [InlineData("double beta = 1", "beta == 0 ? Math.Abs(prediction - target) : (prediction - target) * (prediction - target) / beta")]
    [InlineData("double beta = 1", "beta > 0 && target > 0 ? prediction / beta : prediction")]
    [InlineData("double beta = 1", "(prediction - target) / (beta + 1)")]
    public void Division_by_a_constrained_or_guarded_hyperparameter_is_not_reported(string hyperparameter, string body)
    {
        var run = GeneratorHarness.Run(Loss(body, "double prediction, double target, " + hyperparameter));
        Assert.Empty(LossGenDiagnostics(run));
    }

    [Fact]
    public void Division_guarded_by_an_early_return_is_not_reported()
    {
        var run = GeneratorHarness.Run(Usings + """
            public static partial class L
            {
                [Loss]
                public static partial double F(double prediction, double target, double beta = 1)
                {
                    var size = Math.Abs(prediction - target);
                    if (size >= beta)
                    {
                        return size - 0.5 * beta;
                    }

                    return 0.5 * size * size / beta;
                }
            }
            """);
        Assert.Empty(LossGenDiagnostics(run));
    }

    [Fact]
    public void A_finding_in_a_Differentiable_helper_is_reported_once_in_the_helper()
    {
        ReportsOnce("LG0018", Usings + """
            public static partial class L
            {
                [Loss]
                public static partial double F(double prediction, double target) => Soft(prediction - target);

                [Loss]
                public static partial double G(double prediction, double target) => 2 * Soft(target - prediction);

                [Differentiable]
                private static double Soft(double x) => [|Math.Log(1 + Math.Exp(x))|];
            }
            """);
    }

    [Fact]
    public void Code_outside_losses_and_helpers_is_not_analyzed()
    {
        var run = GeneratorHarness.Run(Usings + """
            public static class Plain
            {
                public static double F(double x) => Math.Log(1 + Math.Exp(x));
            }
            """);
        Assert.Empty(LossGenDiagnostics(run));
    }

    [Fact]
    public void A_warning_is_suppressed_by_pragma_warning_disable()
    {
        var run = GeneratorHarness.Run(Usings + """
            public static partial class L
            {
            #pragma warning disable LG0018
                [Loss]
                public static partial double F(double prediction, double target) => Math.Log(1 + Math.Exp(prediction - target));
            #pragma warning restore LG0018
            }
            """);
        Assert.Empty(LossGenDiagnostics(run));
    }

    private static string[] LossGenDiagnostics(GeneratorRun run) =>
        run.AllDiagnostics.Where(d => d.Id.StartsWith("LG", StringComparison.Ordinal)).Select(d => d.ToString()).ToArray();

    private static double Evaluate(string source, double prediction, double target) =>
        (double)TestTimeCompiler.Method(source, "L", "F").Invoke(null, new object[] { prediction, target })!;

    private static double Derivative(string source, double prediction, double target) =>
        Invoke(TestTimeCompiler.Create(source, "L+FLoss"), "Derivative", prediction, target);

    private static double Invoke(object loss, string method, double prediction, double target) =>
        (double)loss.GetType().GetMethod(method, new[] { typeof(double), typeof(double) })!.Invoke(loss, new object[] { prediction, target })!;
}
