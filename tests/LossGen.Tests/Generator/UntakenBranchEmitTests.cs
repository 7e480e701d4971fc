using System.Linq;
using LossGen.Tests.Infrastructure;
using Xunit;

namespace LossGen.Tests.Generator;

/// <summary>
/// In vector kernels a side of <c>?:</c> that calls a costly function is computed only when a lane takes it: the
/// lanes that do are the conjunction of the conditions of the selections it is inside, tested once.
/// </summary>
public class UntakenBranchEmitTests
{
    [Fact]
    public void A_costly_side_is_guarded_by_the_lanes_that_take_it_and_a_cheap_one_is_not()
    {
        var run = GeneratorHarness.Run("""
            using LossGen;

            public static partial class C
            {
                [Loss]
                public static partial double Soft(double prediction, double target, double delta = 1.0)
                {
                    var r = prediction - target;
                    return target == 1 ? r * r : target == 0 ? delta * r : LossMath.Log1p(r * r);
                }
            }
            """);

        var diagnostics = run.AllDiagnostics.Where(d => d.Id != "CS1591").Select(d => d.ToString()).ToList();
        Assert.True(diagnostics.Count == 0, string.Join("\n", diagnostics));
        var source = run.GeneratedSource("C.Soft.g.cs");
        Assert.Contains(
            "((~Vector512.Equals(x.Target, Vector512<double>.One) & ~Vector512.Equals(x.Target, Vector512<double>.Zero)) == Vector512<double>.Zero ? Vector512<double>.Zero : LossVector512<double>.Log1p(",
            source);
        Assert.Contains("((~Vector128.Equals(x.Target, Vector128<double>.One) & ~Vector128.Equals(x.Target, Vector128<double>.Zero)) == Vector128<double>.Zero ?", source);
        Assert.DoesNotContain("Vector512.Equals(x.Target, Vector512<double>.One) == Vector512<double>.Zero", source);
        Assert.DoesNotContain("return target == 1 ? r * r : target == 0 ? delta * r : (", source);
    }

    [Fact]
    public void A_condition_on_hyperparameters_alone_is_a_scalar_choice_in_vector_code()
    {
        var run = GeneratorHarness.Run("""
            using LossGen;

            public static partial class C
            {
                [Loss]
                public static partial double Switched(double prediction, double target, double delta = 1.0, double alpha = -1.0)
                {
                    var r = prediction - target;
                    var weighted = alpha >= 0 && delta > 1 ? alpha * r * r : r * r;
                    return r > delta ? weighted + LossMath.Log1p(r) : weighted;
                }
            }
            """);

        var diagnostics = run.AllDiagnostics.Where(d => d.Id != "CS1591").Select(d => d.ToString()).ToList();
        Assert.True(diagnostics.Count == 0, string.Join("\n", diagnostics));
        var source = run.GeneratedSource("C.Switched.g.cs");
        Assert.Contains("var weighted = alpha >= 0.0 && delta > 1.0 ? t0 * r : r * r;", source);
        Assert.DoesNotContain("Vector512.Create(alpha), Vector512<double>.Zero)", source);
        Assert.Contains("Vector512.GreaterThan(r, Vector512.Create(delta))", source);
    }
}
