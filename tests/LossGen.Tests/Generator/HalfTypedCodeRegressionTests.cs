using System.Linq;
using LossGen.Tests.Diagnostics;
using Microsoft.CodeAnalysis;
using Xunit;

namespace LossGen.Tests.Generator;

/// <summary>
/// The mutants of <see cref="HalfTypedCodeFuzzTests"/> that put errors in generated code before the fix in
/// LossReader (IsWellFormedSignature and the default-order check), each reproduced exactly: the generator now
/// generates nothing for a signature C# rejects (C# reports it in the user's method), and reports LG0014 for a required
/// parameter after a defaulted one.
/// </summary>
public class HalfTypedCodeRegressionTests
{
    private const string Head = "using System;\nusing LossGen;\n\nnamespace Samples.Golden;\n\n/// <summary>Losses.</summary>\npublic static partial class GoldenLosses\n{\n";

    /// <summary>Runs one member; asserts no crash, no error in generated code, and some error in the user's code.</summary>
    private static GeneratorRunAssertions Check(string member)
    {
        var run = HalfTypedCodeFuzzTests.Run(Head + member + "\n}\n");
        Assert.Null(HalfTypedCodeFuzzTests.Problem(run));
        return new GeneratorRunAssertions(run);
    }

    private sealed record GeneratorRunAssertions(Infrastructure.GeneratorRun Run)
    {
        public void HasUserError() =>
            Assert.Contains(Run.AllDiagnostics, d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree?.FilePath == "Source0.cs");
    }

    [Theory]
    // 'modifiers': `public` removed (CS8796 was in the defining declaration too), async, extern, virtual added.
    [InlineData("[Loss]\nstatic partial double SquaredError(double prediction, double target) => (prediction - target) * (prediction - target);")]
    [InlineData("[Loss]\nasync public static partial double SquaredError(double prediction, double target) => (prediction - target) * (prediction - target);")]
    [InlineData("[Loss]\nextern public static partial double SquaredError(double prediction, double target) => (prediction - target) * (prediction - target);")]
    [InlineData("[Loss]\nvirtual public static partial double SquaredError(double prediction, double target) => (prediction - target) * (prediction - target);")]
    // 'duplicate parameter': CS0100 and CS0229 in the defining declaration and the generated type.
    [InlineData("[Loss]\npublic static partial double SquaredError(double prediction, double prediction, double target) => (prediction - target) * (prediction - target);")]
    [InlineData("[Loss]\npublic static partial double GaussianNll(double prediction, double target,\n    [PerElement(Differentiable = true)] double variance, [PerElement(Differentiable = true)] double variance, [Positive] double eps = 1e-6)\n{\n    var v = Math.Max(variance, eps);\n    var r = prediction - target;\n    return 0.5 * (Math.Log(v) + r * r / v);\n}")]
    // 'delete tokens': the name deleted, `LogisticLoss.(…)` read as an explicit interface implementation.
    [InlineData("[Loss(Labels = LossLabels.ZeroOne)]\npublic static partial float LogisticLoss.(float logit, float label, [Positive] float posWeight = 1f)\n    => posWeight * label * LossMath.Softplus(-logit) + (1f - label) * LossMath.Softplus(logit);")]
    // 'garbage token' and 'no constraint': constraints that do not bind (`where T : ,`, `fooBar`, `var`).
    [InlineData("[Loss]\npublic static partial T MeanSquaredError<T>(T prediction, T target)\n    where T : , System.Numerics.IFloatingPointIeee754<T>\n{\n    var residual = prediction - target;\n    return residual * residual;\n}")]
    [InlineData("[Loss]\npublic static partial T GenericHuber<T>(T prediction, T target, [Positive, Default(1.0)] T delta)\n    where T : System.Numerics.IFloatingPointIeee754<T>, fooBar\n{\n    var residual = prediction - target;\n    return residual * residual * delta;\n}")]
    [InlineData("[Loss]\npublic static partial T SoftMargin<T>(T score, T label)\n    where T : System.Numerics.IFloatingPointIeee754<T>, var => LossMath.Softplus(-label * score);")]
    public void A_signature_CSharp_rejects_generates_nothing(string member)
    {
        var check = Check(member);
        check.HasUserError();
        Assert.Empty(check.Run.Driver.GetRunResult().GeneratedTrees);
    }

    [Fact]
    public void A_required_hyperparameter_after_a_Default_one_is_LG0014_not_CS1737_in_generated_code()
    {
        // 'delete tokens' on the built-in Focal: `[Default(2.0)]` of gamma deleted, alpha keeping its [Default].
        var check = Check("""
            [Loss]
            public static partial T Focal<T>(T logit, T label, [Default(0.25)] T alpha, T gamma)
                where T : System.Numerics.IFloatingPointIeee754<T> => alpha * T.Pow(LossMath.Sigmoid(logit), gamma) * LossMath.Softplus(-logit) * label;
            """);
        var diagnostic = Assert.Single(check.Run.GeneratorDiagnostics);
        Assert.Equal("LG0014", diagnostic.Id);
        Assert.Contains("'gamma' has no default but follows 'alpha'", diagnostic.GetMessage());
        Assert.Empty(check.Run.Driver.GetRunResult().GeneratedTrees);
    }

    [Fact]
    public void A_required_parameter_after_a_Default_one_in_a_double_loss_is_LG0014()
    {
        // The defining declaration of a double loss repeats every default: `double a = 2, double b` would be CS1737.
        var check = Check("""
            [Loss]
            public static partial double Scaled(double prediction, double target, [Default(2.0)] double a, double b) => a * b * (prediction - target) * (prediction - target);
            """);
        Assert.Equal("LG0014", Assert.Single(check.Run.GeneratorDiagnostics).Id);
    }

    [Fact]
    public void Defaults_after_required_parameters_still_generate()
    {
        var run = DiagnosticAssert.RunClean(Head + """
            [Loss]
            public static partial T Focal<T>(T logit, T label, T alpha, [Default(2.0)] T gamma)
                where T : System.Numerics.IFloatingPointIeee754<T> => alpha * T.Pow(LossMath.Sigmoid(logit), gamma) * LossMath.Softplus(-logit) * label;
            }
            """);
        Assert.Empty(DiagnosticAssert.Errors(run));
        Assert.Single(run.Driver.GetRunResult().GeneratedTrees);
        Assert.DoesNotContain(run.AllDiagnostics, d => d.Id == "LG0014");
    }
}
