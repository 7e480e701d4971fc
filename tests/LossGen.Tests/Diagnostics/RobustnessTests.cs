using System.Linq;
using Xunit;
using static LossGen.Tests.Diagnostics.DiagnosticAssert;

namespace LossGen.Tests.Diagnostics;

/// <summary>
/// What happens around a mistake: C# errors are not doubled by LossGen errors, an error in a body does not spread to the
/// uses of the generated type, and odd inputs never make the generator throw.
/// </summary>
public class RobustnessTests
{
    [Fact]
    public void A_body_with_CSharp_errors_gets_no_LossGen_error_and_still_has_its_signature_and_type()
    {
        var run = RunClean(Usings + """
            public static partial class C
            {
                [Loss]
                public static partial double Broken(double prediction, double target) => (prediction - tagret) % 2;
            }

            public static class Use
            {
                public static double Call() => new C.BrokenLoss().Value(1, 2) + C.Broken(1, 2);
            }
            """);
        Assert.Empty(run.GeneratorDiagnostics);
        var errors = run.CompilationDiagnostics.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).ToList();
        var error = Assert.Single(errors);
        Assert.Equal("CS0103", error.Id); // the name 'tagret' does not exist
        Assert.DoesNotContain(run.AllDiagnostics, d => d.Id is "CS0759" or "CS8795");
    }

    [Fact]
    public void A_helper_with_CSharp_errors_gets_no_LossGen_error()
    {
        var run = RunClean(Usings + """
            public static partial class C
            {
                [Loss]
                public static partial double Broken(double prediction, double target) => Helper(prediction - target) % 2;

                [Differentiable]
                private static double Helper(double x) => x * undefinedName;
            }
            """);
        // The % in the loss itself is still LossGen's to report; the helper's error is C#'s alone.
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("LG0007", diagnostic.Id);
        Assert.Equal(new[] { "CS0103" }, run.CompilationDiagnostics.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).Select(d => d.Id));
    }

    [Fact]
    public void A_LossGen_error_in_a_body_does_not_cause_errors_at_uses_of_the_generated_type()
    {
        var (_, run) = ReportsOnce("LG0008", Usings + """
            public static partial class C
            {
                [Loss]
                public static partial double Rounded(double prediction, double target) => [|Math.Round(prediction - target)|];
            }

            public static class Use
            {
                public static double Call(double[] p, double[] y, double[] g) =>
                    new C.RoundedLoss().Value(1, 2) + new C.RoundedLoss().ValueAndGradient(p, y, g) + C.Rounded(1, 2);
            }
            """);
        Assert.Equal(new[] { "LG0008" }, run.GeneratorDiagnostics.Select(d => d.Id));
        Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).Select(d => d.ToString()));
    }

    [Fact]
    public void A_loss_with_hyperparameters_and_a_body_error_still_gets_its_constructor()
    {
        var (_, run) = ReportsOnce("LG0006", Usings + """
            public static partial class C
            {
                [Loss]
                public static partial double Looped(double prediction, double target, [Positive] double scale = 2)
                {
                    [|while (scale > 1) { }|]
                    return prediction - target;
                }
            }

            public static class Use
            {
                public static double Call() => new C.LoopedLoss(scale: 3).Value(1, 2) + new C.LoopedLoss().Scale;
            }
            """);
        Assert.Single(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).Select(d => d.ToString()));
    }

    [Fact]
    public void An_empty_body_is_reported_without_a_crash()
    {
        var run = RunClean(Usings + """
            public static partial class C
            {
                [Loss]
                public static partial double Empty(double prediction, double target) { }
            }
            """);
        // C# reports the missing return (CS0161); LossGen adds nothing on top.
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Contains(run.CompilationDiagnostics, d => d.Id == "CS0161");
    }

    [Fact]
    public void Loss_on_something_that_is_not_a_method_is_ignored()
    {
        var run = RunClean(Usings + """
            [Loss]
            public static partial class C
            {
                [Loss]
                public static double Field;

                [Loss]
                public static double Property => 1;
            }
            """);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.All(run.CompilationDiagnostics.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error), d => Assert.Equal("CS0592", d.Id));
    }

    [Theory]
    [InlineData("partial struct S")]
    [InlineData("partial record R")]
    [InlineData("partial record struct S")]
    [InlineData("partial class G<T>")]
    [InlineData("partial interface I")]
    public void A_loss_in_a_struct_record_generic_class_or_interface_compiles(string type)
    {
        var run = RunClean(Usings + $$"""
            namespace N;

            public {{type}}
            {
                [Loss]
                public static partial double Squared(double prediction, double target) => (prediction - target) * (prediction - target);
            }
            """);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(Errors(run));
    }

    /// <summary>Found by the randomized test: the tie rule of Max compared a node with itself, C#'s warning CS1718 in generated code.</summary>
    [Fact]
    public void Max_and_Min_of_the_same_value_generate_no_warning()
    {
        var run = RunClean(Usings + """
            public static partial class C
            {
                [Loss]
                public static partial double Same(double prediction, double target)
                {
                    var a = prediction - target;
                    var b = prediction - target;
                    return Math.Max(a, b) * Math.Min(prediction, prediction);
                }
            }
            """);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning && d.Id != "CS1591").Select(d => d.ToString()));
    }

    /// <summary>Found by the randomized test: <c>!=</c> in a condition was written <c>LossVector512&lt;T&gt;.!=(…)</c> in the SIMD kernels.</summary>
    [Theory]
    [InlineData("double")]
    [InlineData("float")]
    public void A_not_equal_condition_compiles_in_every_kernel(string type)
    {
        var run = RunClean(Usings + $$"""
            public static partial class C
            {
                [Loss]
                public static partial {{type}} Apart({{type}} prediction, {{type}} target) => prediction != target ? prediction * target : prediction;
            }
            """);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(Errors(run));
    }

    [Fact]
    public void A_loss_calling_another_loss_inlines_it()
    {
        var run = RunClean(Usings + """
            public static partial class C
            {
                [Loss]
                public static partial double Squared(double prediction, double target) => (prediction - target) * (prediction - target);

                [Loss]
                public static partial double Half(double prediction, double target) => 0.5 * Squared(prediction, target);
            }

            public static class Use
            {
                public static double Call() => new C.HalfLoss().Derivative(3, 1);
            }
            """);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(Errors(run));
    }

    [Fact]
    public void A_Differentiable_helper_in_another_file_is_inlined_and_its_errors_point_into_that_file()
    {
        var loss = Usings + """
            public static partial class C
            {
                [Loss]
                public static partial double Smooth(double prediction, double target) => Helpers.Soft(prediction - target) + Helpers.Bad(target);
            }
            """;
        var helpers = Usings + """
            public static class Helpers
            {
                [Differentiable]
                public static double Soft(double x) => LossMath.Log1p(x * x);

                [Differentiable]
                public static double Bad(double x) => Math.Round(x) + [|Math.Floor(x)|];
            }
            """;
        var (_, run) = ReportsOnce("LG0008", loss, helpers.Replace("Math.Round(x) + ", ""));
        Assert.Single(run.GeneratorDiagnostics);
    }

    [Fact]
    public void A_Differentiable_helper_in_another_file_compiles()
    {
        var run = RunClean(
            Usings + """
                public static partial class C
                {
                    [Loss]
                    public static partial double Smooth(double prediction, double target) => Helpers.Soft(prediction - target);
                }
                """,
            Usings + """
                public static class Helpers
                {
                    [Differentiable]
                    public static double Soft(double x) => LossMath.Log1p(x * x);
                }
                """);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(Errors(run));
    }

    [Theory]
    [InlineData("[Loss] public static partial double F(double prediction, double target) => ;")]
    [InlineData("[Loss] public static partial double F(double prediction, double target) { return; }")]
    [InlineData("[Loss] public static partial double F(double prediction, double target) { return prediction - target }")]
    [InlineData("[Loss] public static partial double F(double prediction, double target = \"x\") => prediction - target;")]
    [InlineData("[Loss] public static partial double F(double prediction, double target, [Range(1)] double s = 1) => prediction - target;")]
    [InlineData("[Loss] public static partial double F(double prediction, double target, [Range(\"a\", \"b\")] double s = 1) => prediction - target;")]
    [InlineData("[Loss(TypeName = null)] public static partial double F(double prediction, double target) => prediction - target;")]
    [InlineData("[Loss(TypeName = \"\")] public static partial double F(double prediction, double target) => prediction - target;")]
    [InlineData("[Loss(TypeName = \"not a name\")] public static partial double F(double prediction, double target) => prediction - target;")]
    [InlineData("[Loss] public static partial double F(double prediction, double target) => Undefined.Call(prediction);")]
    [InlineData("[Loss] public static partial double F(double prediction, double) => prediction;")]
    [InlineData("[Loss] public static partial double F(double prediction, double target) => F;")]
    [InlineData("[Loss] public static partial double F(double prediction, double target) => F(prediction);")]
    [InlineData("[Loss] public static partial double F(double prediction, double target) => throw new Exception();")]
    [InlineData("[Loss] public static partial double F(double prediction, double target) => default;")]
    [InlineData("[Loss] public static partial double F(double prediction, double target) => prediction is > 0 ? 1 : 0;")]
    [InlineData("[Loss] public static partial double F(double prediction, double target) => target switch { > 0 => prediction, _ => 0 };")]
    [InlineData("[Loss] public static partial double F(double prediction, double target) { var (a, b) = (prediction, target); return a - b; }")]
    [InlineData("[Loss] public static partial double F(double prediction, double target) { double a = prediction, b; return a - target; }")]
    [InlineData("[Loss] public static partial double F(double prediction, double target) { ref var a = ref prediction; return a - target; }")]
    [InlineData("[Loss] public static partial double F(double prediction, double target) => checked(prediction - target);")]
    [InlineData("[Loss] public static partial double F(double prediction, double target) => (prediction - target) switch { var x => x * x };")]
    [InlineData("[Loss] [Loss] public static partial double F(double prediction, double target) => prediction - target;")]
    [InlineData("[Loss] public static partial double F(double prediction, double target) => prediction - target; [Loss] public static partial double F(float prediction, float target) => prediction - target;")]
    [InlineData("[Loss] public static extern double F(double prediction, double target);")]
    [InlineData("[Loss] public static partial double @class(double @double, double @int) => @double - @int;")]
    [InlineData("[Loss] public static partial double F(double prediction, double target, double Value = 1) => prediction - target;")]
    [InlineData("[Loss] public static partial double F(double prediction, double target, double f = 1) => prediction - target;")]
    [InlineData("[Loss] public static partial double F(double prediction, double target, double F = 1) => prediction - target;")]
    [InlineData("[Loss(HasTarget = false)] public static partial double F(double prediction) => prediction * prediction;")]
    [InlineData("[Differentiable] public static double H(double x) => H(x); [Loss] public static partial double F(double prediction, double target) => H(prediction);")]
    public void Odd_inputs_never_make_the_generator_throw(string members)
    {
        RunClean(Usings + "public static partial class C\n{\n    " + members + "\n}\n");
    }

    [Fact]
    public void A_partial_method_with_a_separate_defining_declaration_does_not_crash()
    {
        RunClean(Usings + """
            public static partial class C
            {
                public static partial double F(double prediction, double target);

                [Loss]
                public static partial double F(double prediction, double target) => prediction - target;
            }
            """);
    }

    [Fact]
    public void A_loss_in_a_top_level_program_file_does_not_crash()
    {
        RunClean(Usings + """
            Console.WriteLine(1);

            static partial class C
            {
                [Loss]
                public static partial double F(double prediction, double target) => prediction - target;
            }
            """);
    }
}
