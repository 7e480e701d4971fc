using System.Linq;
using LossGen.Tests.Infrastructure;
using Xunit;

namespace LossGen.Tests.Generator;

/// <summary>The generated kernel's parameters (x, gradient, secondDerivative) give way to hyperparameters and locals of the same names.</summary>
public class KernelNameTests
{
    [Fact]
    public void Hyperparameters_and_locals_named_like_the_kernels_parameters_compile_clean()
    {
        var run = GeneratorHarness.Run("""
            using LossGen;

            public static partial class C
            {
                [Loss]
                public static partial double Scaled(double prediction, double target, double x = 2.0, double offset = 0.5)
                {
                    var secondDerivative = prediction - target;
                    var gradient = secondDerivative * secondDerivative;
                    return x * gradient + offset * secondDerivative;
                }
            }
            """);

        var diagnostics = run.AllDiagnostics.Where(d => d.Id != "CS1591").Select(d => d.ToString()).ToList();
        Assert.True(diagnostics.Count == 0, string.Join("\n", diagnostics));
        var source = run.GeneratedSource("C.Scaled.g.cs");
        Assert.Contains("public readonly struct Kernel(double x, double offset)", source);
        Assert.Contains("public double ValueAndGradient(in Kernels.Element<double> x2, out Kernels.Gradient<double> gradient2)", source);
        Assert.Contains("public double GradientAndHessian(in Kernels.Element<double> x2, out double secondDerivative2)", source);
    }
}
