using System.Linq;
using Xunit;
using static LossGen.Tests.Diagnostics.DiagnosticAssert;

namespace LossGen.Tests.Diagnostics;

/// <summary>The diagnostics about a [Loss] method's declaration: LG0001–LG0003, LG0005, LG0010–LG0015 and LG0032.</summary>
public class SignatureDiagnosticsTests
{
    [Theory]
    [InlineData("public partial double")] // not static
    [InlineData("public static double")] // not partial
    [InlineData("private double")] // neither
    public void LG0001_is_reported_at_the_name_of_a_loss_that_is_not_static_partial(string modifiers)
    {
        var diagnostic = ReportsOnly("LG0001", Usings + $$"""
            public partial class C
            {
                [Loss]
                {{modifiers}} [|Squared|](double prediction, double target) => (prediction - target) * (prediction - target);
            }
            """);
        Assert.Contains("'Squared'", diagnostic.GetMessage());
    }

    [Fact]
    public void LG0001_is_reported_at_the_name_of_a_loss_without_a_body()
    {
        ReportsOnly("LG0001", Usings + """
            public static partial class C
            {
                [Loss]
                public static partial double [|Squared|](double prediction, double target);
            }
            """);
    }

    [Fact]
    public void LG0002_is_reported_at_the_name_of_a_containing_type_that_is_not_partial()
    {
        var diagnostic = ReportsOnly("LG0002", Usings + """
            public static class [|C|]
            {
                [Loss]
                public static partial double Squared(double prediction, double target) => (prediction - target) * (prediction - target);
            }
            """);
        Assert.Contains("Type 'C' must be declared 'partial' because it contains the [Loss] method 'Squared'", diagnostic.GetMessage());
    }

    [Fact]
    public void LG0002_is_reported_at_a_non_partial_outer_type_of_a_partial_nested_type()
    {
        var diagnostic = ReportsOnly("LG0002", Usings + """
            namespace N
            {
                public class [|Outer|]
                {
                    public static partial class Inner
                    {
                        [Loss]
                        public static partial double Squared(double prediction, double target) => (prediction - target) * (prediction - target);
                    }
                }
            }
            """);
        Assert.Contains("Type 'Outer'", diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("int")]
    [InlineData("decimal")]
    public void LG0003_is_reported_at_an_unsupported_return_type(string type)
    {
        var diagnostic = ReportsOnly("LG0003", Usings + $$"""
            public static partial class C
            {
                [Loss]
                public static partial [|{{type}}|] Difference({{type}} prediction, {{type}} target) => prediction - target;
            }
            """);
        Assert.StartsWith($"'{type}' is not a supported element type", diagnostic.GetMessage());
    }

    [Fact]
    public void LG0003_is_reported_at_a_parameter_type_that_differs_from_the_return_type()
    {
        var diagnostic = ReportsOnly("LG0003", Usings + """
            public static partial class C
            {
                [Loss]
                public static partial double Difference(double prediction, [|float|] target) => prediction - target;
            }
            """);
        Assert.StartsWith("'float' is not a supported element type", diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("ref", "ref double target")]
    [InlineData("out", "out double target")]
    [InlineData("in", "in double target")]
    [InlineData("params", "params double[] target")]
    public void LG0005_is_reported_at_a_parameter_with_a_modifier(string modifier, string parameter)
    {
        var diagnostic = ReportsOnly("LG0005", Usings + $$"""
            public static partial class C
            {
                [Loss]
                public static partial double Difference(double prediction, [|{{parameter}}|]) => prediction;
            }
            """);
        Assert.Equal($"Parameter 'target' is declared '{modifier}': loss parameters are plain values, without ref, out, in or params", diagnostic.GetMessage());
    }

    [Fact]
    public void LG0010_is_reported_at_the_second_loss_that_wants_a_taken_type_name()
    {
        var (diagnostic, run) = ReportsOnce("LG0010", Usings + """
            public static partial class C
            {
                [Loss(TypeName = "ErrorLoss")]
                public static partial double Squared(double prediction, double target) => (prediction - target) * (prediction - target);

                [Loss(TypeName = "ErrorLoss")]
                public static partial double [|Absolute|](double prediction, double target) => Math.Abs(prediction - target);
            }
            """);
        Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("The [Loss] methods 'Squared' and 'Absolute' would both generate 'ErrorLoss': give one of them [Loss(TypeName = \"...\")]", diagnostic.GetMessage());
        Assert.Equal(new[] { "LG0010" }, run.AllDiagnostics.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).Select(d => d.Id));
    }

    [Fact]
    public void LG0010_is_reported_when_a_type_name_equals_another_loss_default_name()
    {
        ReportsOnly("LG0010", Usings + """
            public static partial class C
            {
                [Loss]
                public static partial double Squared(double prediction, double target) => (prediction - target) * (prediction - target);

                [Loss(TypeName = "SquaredLoss")]
                public static partial double [|Other|](double prediction, double target) => Math.Abs(prediction - target);
            }
            """);
    }

    [Fact]
    public void LG0011_is_reported_at_a_loss_whose_type_name_is_a_user_member()
    {
        var (diagnostic, run) = ReportsOnce("LG0011", Usings + """
            public static partial class C
            {
                public sealed class CauchyLoss { }

                [Loss]
                public static partial double [|Cauchy|](double prediction, double target, [Positive] double scale = 2.0)
                {
                    var r = (prediction - target) / scale;
                    return LossMath.Log1p(r * r);
                }

                public static double Use() => Cauchy(1, 2);
            }
            """);
        Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("'C' already has a member named 'CauchyLoss', the type LossGen generates for 'Cauchy': rename it or set [Loss(TypeName = \"...\")]", diagnostic.GetMessage());
        // The defining declaration is still generated: the method itself stays callable.
        Assert.Equal(new[] { "LG0011" }, run.AllDiagnostics.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).Select(d => d.Id));
    }

    [Theory]
    [InlineData("public struct Vector512 { }", "C.Vector512")]
    [InlineData("public class MethodImplOptions { }", "C.MethodImplOptions")]
    [InlineData("public static class LossVector256<T> { }", "C.LossVector256<T>")]
    public void LG0032_is_reported_at_a_loss_whose_containing_type_declares_a_name_the_generated_code_uses(string declaration, string shown)
    {
        var (diagnostic, run) = ReportsOnce("LG0032", Usings + $$"""
            public static partial class C
            {
                {{declaration}}

                [Loss]
                public static partial double [|Squared|](double prediction, double target) => (prediction - target) * (prediction - target);

                public static double Use() => Squared(1, 2);
            }
            """);
        Assert.StartsWith($"The type '{shown}' hides the type of that name that the code LossGen generates for 'Squared' uses", diagnostic.GetMessage());
        Assert.Equal(new[] { "LG0032" }, run.AllDiagnostics.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).Select(d => d.Id));
    }

    [Fact]
    public void LG0032_is_reported_for_a_type_of_the_loss_namespace_and_of_a_base_type_but_not_of_an_outer_namespace()
    {
        ReportsOnce("LG0032", Usings + """
            namespace Outer.Inner
            {
                public class Vector256 { }

                public static partial class C
                {
                    [Loss]
                    public static partial double [|Squared|](double prediction, double target) => (prediction - target) * (prediction - target);
                }
            }
            """);
        ReportsOnce("LG0032", Usings + """
            public class Base { public sealed class LossGuard { } }

            public partial class C : Base
            {
                [Loss]
                public static partial double [|Squared|](double prediction, double target) => (prediction - target) * (prediction - target);
            }
            """);
        var run = RunClean(Usings + """
            namespace Outer
            {
                public class Vector512 { }
            }

            namespace Outer.Inner
            {
                public static partial class C
                {
                    [Loss]
                    public static partial double Squared(double prediction, double target) => (prediction - target) * (prediction - target);

                    public static double Use() => new SquaredLoss().Value(1.0, 2.0);
                }
            }
            """);
        Assert.Empty(Errors(run));
    }

    [Fact]
    public void LG0012_is_reported_at_a_hyperparameter_whose_property_is_a_generated_member()
    {
        var diagnostic = ReportsOnly("LG0012", Usings + """
            public static partial class C
            {
                [Loss]
                public static partial double Scaled(double prediction, double target, double [|value|] = 1.0) => value * (prediction - target);
            }
            """);
        Assert.StartsWith("Parameter 'value' would become 'Value' in the generated type", diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("secondDerivative", "SecondDerivative")]
    [InlineData("gradientAndHessian", "GradientAndHessian")]
    [InlineData("maxDegreeOfParallelism", "MaxDegreeOfParallelism")]
    [InlineData("kernel", "Kernel")]
    public void LG0012_is_reported_at_a_hyperparameter_whose_property_is_a_member_of_the_base_type(string name, string property)
    {
        var diagnostic = ReportsOnly("LG0012", Usings + $$"""
            public static partial class C
            {
                [Loss]
                public static partial double Scaled(double prediction, double target, double [|{{name}}|] = 1.0) => {{name}} * (prediction - target);
            }
            """);
        Assert.StartsWith($"Parameter '{name}' would become '{property}' in the generated type", diagnostic.GetMessage());
    }

    [Fact]
    public void LG0012_is_reported_at_a_per_element_input_named_like_a_generated_parameter()
    {
        var diagnostic = ReportsOnly("LG0012", Usings + """
            public static partial class C
            {
                [Loss]
                public static partial double Weighted(double prediction, double target, [PerElement] double [|weight|]) => weight * (prediction - target);
            }
            """);
        Assert.StartsWith("Parameter 'weight' would become 'weight' in the generated type", diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("double [|l|] = 1", "L")]
    [InlineData("double [|lLoss|] = 1", "LLoss")]
    [InlineData("double scale, double [|Scale|]", "Scale")]
    public void LG0012_is_reported_at_a_hyperparameter_whose_property_is_named_like_the_method_the_type_or_another_property(string parameters, string property)
    {
        var diagnostic = ReportsOnly("LG0012", Usings + $$"""
            public static partial class C
            {
                [Loss]
                public static partial double L(double prediction, double target, {{parameters}}) => prediction - target;
            }
            """);
        Assert.Contains($"would become '{property}' in the generated type", diagnostic.GetMessage());
    }

    [Fact]
    public void LG0013_is_reported_at_the_name_of_a_loss_with_only_a_prediction()
    {
        ReportsOnly("LG0013", Usings + """
            public static partial class C
            {
                [Loss]
                public static partial double [|Square|](double prediction) => prediction * prediction;
            }
            """);
    }

    [Fact]
    public void LG0013_is_reported_at_the_name_of_a_target_less_loss_without_parameters()
    {
        ReportsOnly("LG0013", Usings + """
            public static partial class C
            {
                [Loss(HasTarget = false)]
                public static partial double [|Nothing|]() => 1.0;
            }
            """);
    }

    [Fact]
    public void LG0014_is_reported_at_a_constraint_on_the_target()
    {
        var diagnostic = ReportsOnly("LG0014", Usings + """
            public static partial class C
            {
                [Loss]
                public static partial double Squared(double prediction, [|[Positive] double target|]) => (prediction - target) * (prediction - target);
            }
            """);
        Assert.Equal("[Positive] and [Range] apply to hyperparameters only; 'target' is the target", diagnostic.GetMessage());
    }

    [Fact]
    public void LG0014_names_a_per_element_input_readably()
    {
        var diagnostic = ReportsOnly("LG0014", Usings + """
            public static partial class C
            {
                [Loss]
                public static partial double Squared(double prediction, double target, [|[PerElement, Range(0, 1)] double w|]) => w * (prediction - target) * (prediction - target);
            }
            """);
        Assert.Equal("[Positive] and [Range] apply to hyperparameters only; 'w' is a per-element input", diagnostic.GetMessage());
    }

    [Fact]
    public void LG0014_is_reported_at_an_empty_range()
    {
        var diagnostic = ReportsOnly("LG0014", Usings + """
            public static partial class C
            {
                [Loss]
                public static partial double Huber(double prediction, double target, [|[Range(2, 1)] double delta = 1.5|])
                {
                    var r = Math.Abs(prediction - target);
                    return r <= delta ? 0.5 * r * r : delta * (r - 0.5 * delta);
                }
            }
            """);
        Assert.Equal("[Range(2, 1)] on 'delta' is empty: the minimum must not exceed the maximum", diagnostic.GetMessage());
    }

    [Fact]
    public void LG0014_message_does_not_depend_on_the_compiler_culture()
    {
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            var diagnostic = ReportsOnly("LG0014", Usings + """
                public static partial class C
                {
                    [Loss]
                    public static partial double Scaled(double prediction, double target, [|[Range(2.5, 1.5)] double s = 2|]) => s * (prediction - target);
                }
                """);
            Assert.Equal("[Range(2.5, 1.5)] on 's' is empty: the minimum must not exceed the maximum", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void LG0015_is_reported_at_the_name_of_a_generic_loss()
    {
        var diagnostic = ReportsOnly("LG0015", Usings + """
            public static partial class C
            {
                [Loss]
                public static partial double [|Squared|]<T>(double prediction, double target) => (prediction - target) * (prediction - target);
            }
            """);
        Assert.Equal("The generic [Loss] method 'Squared' needs exactly one type parameter T, constrained 'where T : IFloatingPointIeee754<T>', as its return and parameter type", diagnostic.GetMessage());
    }

    [Fact]
    public void LG0015_is_reported_for_a_loss_generic_in_its_element_type()
    {
        ReportsOnly("LG0015", Usings + """
            using System.Numerics;

            public static partial class C
            {
                [Loss]
                public static partial T [|Squared|]<T>(T prediction, T target) where T : INumber<T> => (prediction - target) * (prediction - target);
            }
            """);
    }

    [Fact]
    public void LG0014_is_reported_at_a_fourth_per_element_input()
    {
        var diagnostic = ReportsOnly("LG0014", Usings + """
            public static partial class C
            {
                [Loss]
                public static partial double Many(double prediction, double target, [PerElement] double a, [PerElement] double b,
                    [PerElement] double c, [|[PerElement] double d|]) => (prediction - target) * (a + b + c + d);
            }
            """);
        Assert.Equal("A loss has at most 3 [PerElement] inputs; 'd' is one too many", diagnostic.GetMessage());
    }
}
