using System.Linq;
using LossGen.Tests.Infrastructure;
using Xunit;

namespace LossGen.Tests;

public class SmokeTests
{
    [Fact]
    public void Cauchy_loss_from_the_issue_compiles_without_diagnostics()
    {
        var run = GeneratorHarness.Run("""
            using LossGen;

            public static partial class MyLosses
            {
                [Loss]
                public static partial double Cauchy(double prediction, double target, [Positive] double scale = 2.0)
                {
                    var r = (prediction - target) / scale;
                    return LossMath.Log1p(r * r);
                }
            }

            public static class Use
            {
                public static double Call(double[] p, double[] y, double[] g) =>
                    new MyLosses.CauchyLoss().ValueAndGradient(p, y, g) + MyLosses.Cauchy(1, 2);
            }
            """);
        Assert.Empty(run.AllDiagnostics.Where(d => d.Id != "CS1591").Select(d => d.ToString()));
    }
}
