using System.Linq;
using Xunit;
using static LossGen.Tests.Diagnostics.DiagnosticAssert;

namespace LossGen.Tests.Diagnostics;

/// <summary>The diagnostics about a loss body: LG0004, LG0006–LG0009, LG0016 and LG0017.</summary>
public class BodyDiagnosticsTests
{
    /// <summary>A class holding one loss with the given body (a block or "=> expression").</summary>
    private static string Loss(string body, string returnType = "double", string members = "") => Usings + $$"""
        public static partial class C
        {
            [Loss]
            public static partial {{returnType}} L({{returnType}} prediction, {{returnType}} target)
            {{body}}
        {{members}}
        }
        """;

    [Theory]
    [InlineData("=> prediction - target > [|0.5|] ? prediction : target;")]
    [InlineData("=> (float)[|Math.Exp(prediction - target)|];")]
    [InlineData("=> (float)([|(double)prediction|] * target);")]
    [InlineData("=> MathF.Exp((float)[|Math.Sqrt(prediction)|]) - target;")]
    public void LG0004_is_reported_at_the_double_sub_expression_of_a_float_loss(string body)
    {
        var diagnostic = ReportsOnly("LG0004", Loss(body, "float"));
        Assert.StartsWith("The float loss 'L' computes in double here", diagnostic.GetMessage());
    }

    [Fact]
    public void LG0004_is_reported_once_for_a_double_local_in_a_float_loss()
    {
        ReportsOnly("LG0004", Loss("""
            {
                var r = prediction - target;
                var scale = [|2.0|];
                return (float)(r * scale);
            }
            """, "float"));
    }

    [Fact]
    public void LG0004_is_reported_once_at_the_type_of_a_double_local_initialized_from_float()
    {
        ReportsOnly("LG0004", Loss("""
            {
                [|double|] r = prediction - target;
                return (float)(r * r + r);
            }
            """, "float"));
    }

    [Fact]
    public void LG0004_in_a_helper_shared_by_two_float_losses_is_reported_once()
    {
        var diagnostic = ReportsOnly("LG0004", Usings + """
            public static partial class C
            {
                [Loss]
                public static partial float A(float prediction, float target) => Twice(prediction - target);

                [Loss]
                public static partial float B(float prediction, float target) => Twice(target - prediction);

                [Differentiable]
                private static float Twice(float x) => (float)(x * [|2.0|]);
            }
            """);
        Assert.StartsWith("The float loss 'Twice' computes in double here", diagnostic.GetMessage());
    }

    [Fact]
    public void LG0004_is_not_reported_for_float_arithmetic_with_MathF_and_f_literals()
    {
        var run = RunClean(Loss("=> MathF.Exp(prediction - target) * 0.5f + 1;", "float"));
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(Errors(run));
    }

    [Theory]
    [InlineData("loop", "var s = prediction; [|for (var i = 0; i < 3; i++) { }|] return s - target;")]
    [InlineData("loop", "var s = prediction; [|while (s > 1) { }|] return s - target;")]
    [InlineData("assignment (locals are assigned once)", "var r = prediction - target; [|r = r * 2;|] return r;")]
    [InlineData("'try' statement", "[|try { return prediction - target; } finally { }|]")]
    [InlineData("'throw' statement", "if (target < 0) [|throw new ArgumentException(\"negative\");|] return prediction - target;")]
    [InlineData("'throw' statement", "[|throw new NotImplementedException();|]")]
    [InlineData("'switch' statement", "[|switch (target > 0) { case true: return prediction; default: return -prediction; }|]")]
    [InlineData("local function", "[|double Square(double x) => x * x;|] return Square(prediction - target);")]
    [InlineData("lambda", "Func<double, double> square = [|x => x * x|]; return prediction - target;")]
    [InlineData("'throw' statement", "var r = prediction - target; if (r > 0) { if (target < 0) [|throw new ArgumentException();|] } else { return -r; } return r;")]
    [InlineData("loop", "var r = prediction - target; { var s = r; [|do { } while (s > 1);|] } return r;")]
    public void LG0006_is_reported_at_the_unsupported_statement(string what, string statements)
    {
        var diagnostic = ReportsOnly("LG0006", Loss("{ " + statements + " }"));
        Assert.StartsWith($"This {what} is not supported in a loss body", diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("var r = prediction - target; if (r > 0) { var s = r; } return r * r;")]
    [InlineData("var r = prediction - target; if (r > 1) { return r; } else if (r < -1) { return -r; } return r * r;")]
    [InlineData("var r = prediction - target; if (r > 1) { var s = r; } else { return -r; } return r * r;")]
    [InlineData("var r = prediction - target; { var s = r * r; if (s > 1) return s; } return r;")]
    [InlineData("{ var r = prediction - target; { return r * r; } }")]
    public void No_LG0006_for_branches_and_blocks_that_go_on_after_themselves(string statements)
    {
        var run = RunClean(Loss("{ " + statements + " }", members: """
                public static double Use() => new LLoss().Value(1, 2);
            """));
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(Errors(run));
    }

    [Fact]
    public void LG0006_for_a_lambda_is_not_followed_by_an_error_at_each_call_of_it()
    {
        var (_, run) = ReportsOnce("LG0006", Loss("""
            {
                Func<double, double> square = [|x => x * x|];
                return square(prediction - target);
            }
            """));
        Assert.Single(run.GeneratorDiagnostics);
    }

    [Theory]
    [InlineData("%", "=> (prediction - target) [|%|] 2;")]
    [InlineData("&", "=> (prediction > 0) [|&|] (target > 0) ? prediction : target;")]
    [InlineData("|", "=> (prediction > 0) [|||] (target > 0) ? prediction : target;")]
    [InlineData("^", "=> (prediction > 0) [|^|] (target > 0) ? prediction : target;")]
    [InlineData("<<", "=> prediction * (Math.Sign(target) [|<<|] 1);")]
    [InlineData("+=", "=> prediction * (target [|+=|] 1);")]
    [InlineData("~", "=> prediction * [|~|]Math.Sign(target);")]
    [InlineData("/ on integers", "=> prediction * (Math.Sign(target) [|/|] 2);")]
    [InlineData("++", "{ var r = prediction - target; r[|++|]; return r; }")]
    [InlineData("--", "{ var r = prediction - target; [|--|]r; return r; }")]
    [InlineData("+=", "{ var r = prediction - target; r [|+=|] 1; return r; }")]
    [InlineData("*=", "{ var r = prediction - target; r [|*=|] r; return r; }")]
    public void LG0007_is_reported_at_the_unsupported_operator(string op, string body)
    {
        var diagnostic = ReportsOnly("LG0007", Loss(body));
        Assert.StartsWith($"Operator '{op}' is not supported in a loss body", diagnostic.GetMessage());
    }

    [Fact]
    public void LG0008_is_reported_at_a_call_of_an_unsupported_Math_function_and_lists_the_supported_ones()
    {
        var diagnostic = ReportsOnly("LG0008", Loss("=> [|Math.Round(prediction - target)|];"));
        var message = diagnostic.GetMessage();
        Assert.StartsWith("LossGen cannot differentiate 'Math.Round(double)'. Supported: Math/MathF ", message);
        Assert.Contains("Exp", message);
        Assert.Contains("Sqrt", message);
        Assert.Contains("; LossMath ", message);
        Assert.Contains("Log1p", message);
        Assert.DoesNotContain("Round", message.Substring(message.IndexOf("Supported", System.StringComparison.Ordinal)));
    }

    [Fact]
    public void LG0008_is_reported_at_a_call_of_a_helper_without_Differentiable()
    {
        var diagnostic = ReportsOnly("LG0008", Loss(
            "=> [|Square(prediction - target)|];",
            members: "    private static double Square(double x) => x * x;"));
        Assert.StartsWith("LossGen cannot differentiate 'C.Square(double)'", diagnostic.GetMessage());
    }

    [Fact]
    public void LG0008_is_reported_at_a_call_of_a_Differentiable_helper_whose_source_is_in_another_assembly()
    {
        var library = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(
            "HelperLibrary",
            new[] { Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(Usings + """
                public static class Helpers
                {
                    [Differentiable]
                    public static double Square(double x) => x * x;
                }
                """) },
            Basic.Reference.Assemblies.Net100.References.All.Append(Microsoft.CodeAnalysis.MetadataReference.CreateFromFile(typeof(LossAttribute).Assembly.Location)),
            new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary));
        var markup = Markup.Parse(Loss("=> [|Helpers.Square(prediction - target)|];"));
        var compilation = Infrastructure.GeneratorHarness.Compile(markup.Source).AddReferences(library.ToMetadataReference());
        var run = Infrastructure.GeneratorHarness.Run(Infrastructure.GeneratorHarness.CreateDriver(), compilation);
        AssertNoGeneratorCrash(run);
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("LG0008", diagnostic.Id);
        Assert.Equal(markup.Span, diagnostic.Location.SourceSpan);
        Assert.StartsWith("LossGen cannot differentiate 'Helpers.Square(double), whose source is not in this compilation'. Supported: Math/MathF ", diagnostic.GetMessage());
        Assert.Contains("Exp", diagnostic.GetMessage());
    }

    [Fact]
    public void LG0009_is_reported_at_the_recursive_call_of_a_helper()
    {
        var diagnostic = ReportsOnly("LG0009", Loss(
            "=> Halve(prediction - target);",
            members: """
                [Differentiable]
                private static double Halve(double x) => x > 1 ? [|Halve(x / 2)|] : x;
            """));
        Assert.Equal("'Halve' reaches itself through 'Halve': loss bodies and [Differentiable] helpers are inlined and cannot recurse", diagnostic.GetMessage());
    }

    [Fact]
    public void LG0009_is_reported_at_the_call_closing_a_cycle_between_two_helpers()
    {
        var diagnostic = ReportsOnly("LG0009", Loss(
            "=> Ping(prediction - target);",
            members: """
                [Differentiable]
                private static double Ping(double x) => x > 1 ? Pong(x / 2) : x;

                [Differentiable]
                private static double Pong(double x) => x > 1 ? [|Ping(x / 3)|] : x;
            """));
        Assert.Equal("'Ping' reaches itself through 'Pong': loss bodies and [Differentiable] helpers are inlined and cannot recurse", diagnostic.GetMessage());
    }

    [Fact]
    public void LG0009_is_reported_at_a_loss_calling_itself()
    {
        ReportsOnly("LG0009", Loss("=> target > 0 ? [|L(prediction, target - 1)|] : prediction;"));
    }

    [Fact]
    public void An_error_in_a_helper_called_by_two_losses_is_reported_once()
    {
        ReportsOnly("LG0007", Usings + """
            public static partial class C
            {
                [Loss]
                public static partial double A(double prediction, double target) => Wrap(prediction - target);

                [Loss]
                public static partial double B(double prediction, double target) => Wrap(target - prediction);

                [Differentiable]
                private static double Wrap(double x) => x [|%|] 1.0;
            }
            """);
    }

    [Theory]
    [InlineData("=> prediction * [|Scale|];", "Scale")]
    [InlineData("=> prediction * [|Weights[0]|];", "Weights[0]")]
    [InlineData("{ var label = [|\"squared\"|]; return prediction - target; }", "\"squared\"")]
    [InlineData("=> prediction * [|\"squared\".Length|];", "\"squared\".Length")]
    [InlineData("=> [|(int)prediction|] - target;", "(int)prediction")]
    [InlineData("=> [|new C.Box().Width|] * prediction;", "new C.Box().Width")]
    public void LG0016_is_reported_at_an_unsupported_expression(string body, string text)
    {
        var diagnostic = ReportsOnly("LG0016", Loss(body, members: """
                private static double Scale = 2;
                private static readonly double[] Weights = { 1, 2 };
                public sealed class Box { public double Width = 1; }
            """));
        Assert.Equal($"'{text}' is not supported in a loss body: use the loss's parameters, locals, constants, arithmetic and supported calls", diagnostic.GetMessage());
    }

    [Fact]
    public void Constants_and_implicit_conversions_are_not_LG0016()
    {
        var run = RunClean(Loss("""
            {
                const int two = 2;
                int sign = Math.Sign(target);
                return sign * prediction / two + Math.PI + double.Epsilon + Half;
            }
            """, members: "    private const double Half = 0.5;"));
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(Errors(run));
    }

    [Fact]
    public void LG0017_is_a_warning_at_the_name_of_a_loss_that_ignores_its_prediction()
    {
        var (diagnostic, run) = ReportsOnce("LG0017", Usings + """
            public static partial class C
            {
                [Loss]
                public static partial double [|Constant|](double prediction, double target) => target * target + prediction * 0;
            }
            """);
        Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.False(diagnostic.IsSuppressed);
        Assert.Empty(Errors(run));
    }

    [Fact]
    public void LG0017_is_suppressed_by_pragma_warning_disable()
    {
        var run = RunClean(Usings + """
            public static partial class C
            {
            #pragma warning disable LG0017
                [Loss]
                public static partial double Constant(double prediction, double target) => target * target;
            #pragma warning restore LG0017

                [Loss]
                public static partial double Other(double prediction, double target) => target;
            }
            """);
        // The driver applies #pragma to what a generator reports at a location in source: it hands the diagnostic back
        // marked suppressed, and the compiler does not show it.
        Assert.Equal(2, run.GeneratorDiagnostics.Length);
        Assert.All(run.GeneratorDiagnostics, d => Assert.Equal("LG0017", d.Id));
        var suppressed = Assert.Single(run.GeneratorDiagnostics, d => d.IsSuppressed);
        Assert.Contains("'Constant'", suppressed.GetMessage());
        var shown = Assert.Single(run.GeneratorDiagnostics, d => !d.IsSuppressed);
        Assert.Contains("'Other'", shown.GetMessage());
    }
}
