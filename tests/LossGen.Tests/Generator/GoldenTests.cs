using System;
using System.IO;
using System.Text.RegularExpressions;
using LossGen.Tests.Infrastructure;
using Xunit;

namespace LossGen.Tests.Generator;

/// <summary>
/// The generated source of representative losses, compared with files under Golden/. To accept a change, run the
/// tests with LOSSGEN_UPDATE_GOLDEN=1 and review the diff of the golden files like any code change.
/// </summary>
public class GoldenTests
{
    private const string Header = """
        using System;
        using LossGen;

        namespace Samples.Golden;

        /// <summary>Losses whose generated code is kept as golden files.</summary>
        public static partial class GoldenLosses
        {
        """;

    [Theory]
    [InlineData("Plain", """
            /// <summary>Squared error.</summary>
            [Loss]
            public static partial double SquaredError(double prediction, double target) => (prediction - target) * (prediction - target);
        """)]
    [InlineData("Hyperparameters", """
            /// <summary>The Cauchy loss.</summary>
            [Loss]
            public static partial double Cauchy(double prediction, double target, [Positive] double scale = 2.0)
            {
                var r = (prediction - target) / scale;
                return LossMath.Log1p(r * r);
            }
        """)]
    [InlineData("Piecewise", """
            /// <summary>Huber's loss, written with if/else returns.</summary>
            [Loss]
            public static partial double Huber(double prediction, double target, [Positive] double delta = 1.0)
            {
                var r = Math.Abs(prediction - target);
                if (r <= delta)
                {
                    return 0.5 * r * r;
                }

                return delta * (r - 0.5 * delta);
            }
        """)]
    [InlineData("Locals", """
            /// <summary>An asymmetric squared error with locals.</summary>
            [Loss]
            public static partial double Asymmetric(double prediction, double target, [Range(0, 1)] double tau = 0.8)
            {
                var residual = prediction - target;
                var squared = residual * residual;
                var weight = residual > 0 ? tau : 1 - tau;
                return weight * squared;
            }
        """)]
    [InlineData("LossMath", """
            /// <summary>Binary cross-entropy on logits, with a positive-class weight, for labels 0 and 1.</summary>
            [Loss(Labels = LossLabels.ZeroOne)]
            public static partial float LogisticLoss(float logit, float label, [Positive] float posWeight = 1f)
                => posWeight * label * LossMath.Softplus(-logit) + (1f - label) * LossMath.Softplus(logit);
        """)]
    [InlineData("RowCrossEntropy", """
            /// <summary>Softmax cross-entropy with label smoothing, a row-wise loss over one sample's logits.</summary>
            [Loss]
            public static partial double SmoothedCrossEntropy(ReadOnlySpan<double> logits, int target, [Range(0, 1)] double labelSmoothing = 0.1)
            {
                var lse = LossMath.LogSumExp(logits);
                return lse - (1 - labelSmoothing) * logits[target] - labelSmoothing * LossMath.Mean(logits);
            }
        """)]
    [InlineData("Generic", """
            /// <summary>The Huber loss in generic math, for any IEEE 754 element type.</summary>
            [Loss]
            public static partial T GenericHuber<T>(T prediction, T target, [Positive, Default(1.0)] T delta)
                where T : System.Numerics.IFloatingPointIeee754<T>
            {
                var residual = prediction - target;
                var size = T.Abs(residual);
                return size < delta ? T.CreateChecked(0.5) * residual * residual : delta * (size - T.CreateChecked(0.5) * delta);
            }
        """)]
    [InlineData("ExtraDifferentiatedInput", """
            /// <summary>Gaussian negative log-likelihood with a learned variance.</summary>
            [Loss]
            public static partial double GaussianNll(double prediction, double target,
                [PerElement(Differentiable = true)] double variance, [Positive] double eps = 1e-6)
            {
                var v = Math.Max(variance, eps);
                var r = prediction - target;
                return 0.5 * (Math.Log(v) + r * r / v);
            }
        """)]
    [InlineData("TargetLess", """
            /// <summary>An L2 penalty on weights.</summary>
            [Loss(HasTarget = false, TypeName = "WeightDecay")]
            public static partial double L2(double weight, [Positive] double lambda = 0.01) => lambda * weight * weight;
        """)]
    public void Generated_source_matches_the_golden_file(string name, string member)
    {
        var run = GeneratorHarness.Run(Header + "\n" + member + "\n}\n");
        Assert.Empty(run.AllDiagnostics);
        var generated = Normalize(run.GeneratedSource(".g.cs"));
        var path = RepositoryPaths.Golden(name + ".g.cs.txt");
        if (Environment.GetEnvironmentVariable("LOSSGEN_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, generated);
        }

        Assert.True(File.Exists(path), $"No golden file {path}; run with LOSSGEN_UPDATE_GOLDEN=1 to create it.");
        Assert.Equal(Normalize(File.ReadAllText(path)), generated);
    }

    private static string Normalize(string source) =>
        Regex.Replace(source.Replace("\r\n", "\n"), "GeneratedCode\\(\"LossGen\", \"[^\"]*\"\\)", "GeneratedCode(\"LossGen\", \"VERSION\")");
}
