using System;
using System.Linq;
using LossGen.Tests.Infrastructure;
using LossGen.Tests.Runtime;
using Xunit;
using static LossGen.Tests.Diagnostics.DiagnosticAssert;

namespace LossGen.Tests.Generator;

/// <summary>
/// Losses written in generic math over <c>T : IFloatingPointIeee754&lt;T&gt;</c>: what they may say, what is
/// generated, and that <c>{Name}Loss&lt;float&gt;</c> and <c>{Name}Loss&lt;double&gt;</c> compute the right numbers.
/// </summary>
public class GenericLossTests
{
    /// <summary>
    /// A generic loss using every generic-math form the reader accepts: operators and comparisons on T, T.One and
    /// T.Pi, T.CreateChecked of a constant and of a value, T's functions, LossMath's generic overloads, an inlined
    /// generic helper, and a [Default] hyperparameter.
    /// </summary>
    private const string Source = """
        using System;
        using System.Numerics;
        using LossGen;

        namespace LossGen.Tests.Runtime.Dynamic;

        public static partial class GenericLosses
        {
            [Differentiable]
            public static U Square<U>(U x) where U : IFloatingPointIeee754<U> => x * x;

            [Loss]
            public static partial T Mixed<T>(T prediction, T target, [Positive, Default(2.0)] T scale)
                where T : unmanaged, IFloatingPointIeee754<T>
            {
                var r = (prediction - target) / scale;
                var bump = T.Pi * T.Exp(-Square(r)) / T.CreateChecked(4);
                var tail = r > T.Zero ? LossMath.Softplus(r) : T.CreateChecked(-r) + T.One / T.CreateChecked(1.5);
                return T.Log(T.One + Square(r)) + bump + T.CreateChecked(0.25) * T.Max(tail, T.Abs(r));
            }

            [Loss]
            public static partial float FloatUsesGenericHelper(float prediction, float target) => Square(prediction - target) / 2f;
        }
        """;

    /// <summary>The same loss as <see cref="Source"/>'s <c>Mixed</c>, by hand in double.</summary>
    private static double Mixed(double p, double y, double scale)
    {
        var r = (p - y) / scale;
        var bump = Math.PI * Math.Exp(-r * r) / 4;
        var tail = r > 0 ? LossMath.Softplus(r) : -r + 1 / 1.5;
        return Math.Log(1 + r * r) + bump + 0.25 * Math.Max(tail, Math.Abs(r));
    }

    private static ILoss<T> Create<T>(string typeName, params object?[] arguments)
        where T : System.Numerics.IFloatingPointIeee754<T>
    {
        var definition = TestTimeCompiler.Load(Source).GetType("LossGen.Tests.Runtime.Dynamic.GenericLosses+" + typeName, throwOnError: true)!;
        var type = definition.IsGenericTypeDefinition ? definition.MakeGenericType(typeof(T)) : definition;
        return (ILoss<T>)type.GetConstructors().Single().Invoke(arguments);
    }

    [Fact]
    public void Generic_loss_compiles_without_warnings()
    {
        var run = GeneratorHarness.Run(Source);
        // CS1591: the test's own public methods have no XML docs. Info (LG0025 on the Log(1 + r²) kept as written) is not a warning.
        Assert.Empty(run.AllDiagnostics.Where(d => d.Id != "CS1591" && d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).Select(d => d.ToString()));
    }

    [Theory]
    [InlineData(0.3, -1.2)]
    [InlineData(-2.5, 0.5)]
    [InlineData(7.0, -3.0)]
    public void Generic_loss_for_double_matches_the_hand_written_formula_and_finite_differences(double p, double y)
    {
        var loss = Create<double>("MixedLoss`1", new object?[] { null });
        Near.Equal(Mixed(p, y, 2.0), loss.Value(p, y), 1e-14, 1e-15, "Value");
        const double Step = 1e-6;
        var central = (Mixed(p + Step, y, 2.0) - Mixed(p - Step, y, 2.0)) / (2 * Step);
        Near.Equal(central, loss.Derivative(p, y), 1e-7, 1e-9, "Derivative");
    }

    [Theory]
    [InlineData(0.3f, -1.2f)]
    [InlineData(-2.5f, 0.5f)]
    public void Generic_loss_for_float_computes_in_float_close_to_double(float p, float y)
    {
        var single = Create<float>("MixedLoss`1", new object?[] { 2f });
        var twice = Create<double>("MixedLoss`1", new object?[] { 2.0 });
        Near.Equal(twice.Value(p, y), single.Value(p, y), 1e-6, 1e-7, "Value");
        Near.Equal(twice.Derivative(p, y), single.Derivative(p, y), 1e-5, 1e-6, "Derivative");
    }

    [Fact]
    public void Generic_hyperparameter_default_is_used_when_null_is_passed()
    {
        var byDefault = Create<double>("MixedLoss`1", new object?[] { null });
        var explicitTwo = Create<double>("MixedLoss`1", new object?[] { 2.0 });
        var other = Create<double>("MixedLoss`1", new object?[] { 3.0 });
        Assert.Equal(explicitTwo.Value(0.7, -0.4), byDefault.Value(0.7, -0.4));
        Assert.NotEqual(explicitTwo.Value(0.7, -0.4), other.Value(0.7, -0.4));
    }

    [Fact]
    public void Generic_hyperparameter_out_of_range_throws_naming_it()
    {
        var exception = Assert.Throws<System.Reflection.TargetInvocationException>(() => Create<float>("MixedLoss`1", new object?[] { -1f }));
        var outOfRange = Assert.IsType<ArgumentOutOfRangeException>(exception.InnerException);
        Assert.Equal("scale", outOfRange.ParamName);
    }

    [Fact]
    public void Generic_helper_is_inlined_into_a_float_loss()
    {
        var loss = Create<float>("FloatUsesGenericHelperLoss");
        Assert.Equal(0.5f * 1.5f * 1.5f, loss.Value(2.5f, 1f));
        Assert.Equal(1.5f, loss.Derivative(2.5f, 1f));
    }

    [Fact]
    public void Generic_loss_type_keeps_the_users_constraints_and_adds_struct_only_when_needed()
    {
        var run = GeneratorHarness.Run(Source);
        var source = run.GeneratedSource("GenericLosses.Mixed.g.cs");
        Assert.Contains("public static partial T Mixed<T>(T prediction, T target, T scale) where T : unmanaged, global::System.Numerics.IFloatingPointIeee754<T>;", source);
        Assert.Contains("public sealed class MixedLoss<T> : ElementLoss<T, MixedLoss<T>.Kernel> where T : unmanaged, global::System.Numerics.IFloatingPointIeee754<T>", source);
        Assert.Contains("public MixedLoss(T? scale = null)", source);
        Assert.Contains("Scale = scale ?? T.CreateChecked(2.0);", source);
    }

    [Fact]
    public void Loss_constrained_through_an_interface_extending_IFloatingPointIeee754_is_generic()
    {
        var run = GeneratorHarness.Run(Usings + """
            using System.Numerics;

            public interface IReal<T> : IFloatingPointIeee754<T> where T : IReal<T> { }

            public static partial class C
            {
                [Loss]
                public static partial T Squared<T>(T prediction, T target) where T : IReal<T> => (prediction - target) * (prediction - target);
            }
            """);
        Assert.Empty(run.AllDiagnostics.Where(d => d.Id != "CS1591").Select(d => d.ToString()));
        Assert.Contains("public sealed class SquaredLoss<T> : ElementLoss<T, SquaredLoss<T>.Kernel> where T : struct, global::IReal<T>", run.GeneratedSource("C.Squared.g.cs"));
    }

    [Fact]
    public void LG0015_is_reported_for_a_loss_with_two_type_parameters()
    {
        ReportsOnly("LG0015", Usings + """
            using System.Numerics;

            public static partial class C
            {
                [Loss]
                public static partial T [|Squared|]<T, U>(T prediction, T target) where T : IFloatingPointIeee754<T> => (prediction - target) * (prediction - target);
            }
            """);
    }

    [Fact]
    public void LG0003_is_reported_for_a_parameter_of_another_type_in_a_generic_loss()
    {
        ReportsOnly("LG0003", Usings + """
            using System.Numerics;

            public static partial class C
            {
                [Loss]
                public static partial T Scaled<T>(T prediction, T target, [|double|] scale) where T : IFloatingPointIeee754<T> => (prediction - target) * (prediction - target);
            }
            """);
    }

    [Fact]
    public void LG0004_is_reported_at_a_double_local_in_a_generic_loss()
    {
        var diagnostic = ReportsOnly("LG0004", Usings + """
            using System.Numerics;

            public static partial class C
            {
                [Loss]
                public static partial T Scaled<T>(T prediction, T target) where T : IFloatingPointIeee754<T>
                {
                    double half = [|0.5|];
                    return T.CreateChecked(half) * (prediction - target) * (prediction - target);
                }
            }
            """);
        Assert.Equal(
            "The generic loss 'Scaled' computes in double here: write constants as T.CreateChecked(0.5) or T.One, and call T's functions (T.Exp) or LossMath",
            diagnostic.GetMessage());
    }

    [Fact]
    public void LG0008_is_reported_for_a_generic_math_function_without_a_derivative()
    {
        var diagnostic = ReportsOnly("LG0008", Usings + """
            using System.Numerics;

            public static partial class C
            {
                [Loss]
                public static partial T Shifted<T>(T prediction, T target) where T : IFloatingPointIeee754<T> => [|T.ExpM1(prediction - target)|];
            }
            """);
        Assert.Contains("ExpM1", diagnostic.GetMessage());
        Assert.Contains("Expm1", diagnostic.GetMessage());
    }

    [Fact]
    public void LG0007_is_reported_for_the_remainder_operator_on_T()
    {
        ReportsOnly("LG0007", Usings + """
            using System.Numerics;

            public static partial class C
            {
                [Loss]
                public static partial T Wrapped<T>(T prediction, T target) where T : IFloatingPointIeee754<T> => (prediction - target) [|%|] T.One;
            }
            """);
    }

    [Theory]
    [InlineData("[|[Default(1.0)] T prediction|], T target, T scale")]
    [InlineData("T prediction, T target, [|[Default(1.0)] T scale = default|]")]
    public void LG0014_is_reported_for_a_misplaced_or_doubled_default(string parameters)
    {
        ReportsOnly("LG0014", Usings + $$"""
            using System.Numerics;

            public static partial class C
            {
                [Loss]
                public static partial T Scaled<T>({{parameters}}) where T : IFloatingPointIeee754<T> => scale * (prediction - target) * (prediction - target);
            }
            """);
    }

    [Fact]
    public void Default_attribute_on_a_double_hyperparameter_is_its_default_value()
    {
        var run = GeneratorHarness.Run(Usings + """
            public static partial class C
            {
                [Loss]
                public static partial double Scaled(double prediction, double target, [Default(3.0)] double scale) => scale * (prediction - target) * (prediction - target);
            }
            """);
        Assert.Empty(run.AllDiagnostics.Where(d => d.Id != "CS1591").Select(d => d.ToString()));
        var source = run.GeneratedSource("C.Scaled.g.cs");
        Assert.Contains("public static partial double Scaled(double prediction, double target, double scale = 3.0);", source);
        Assert.Contains("public ScaledLoss(double scale = 3.0)", source);
    }
}
