using System.Linq;
using Xunit;
using static LossGen.Tests.Diagnostics.DiagnosticAssert;

namespace LossGen.Tests.Diagnostics;

/// <summary>The row-wise loss diagnostics (LG0027–LG0029): each at the exact syntax, with what to do.</summary>
public class RowDiagnosticsTests
{
    private static string RowLoss(string parameters, string body) => Usings + $$"""
        public static partial class C
        {
            [Loss]
            public static partial double L({{parameters}})
            {{body}}
        }
        """;

    [Theory]
    [InlineData("ReadOnlySpan<double> logits, long [|target|]", "is a long")]
    [InlineData("ReadOnlySpan<double> logits, int target, [|ReadOnlySpan<double> other|]", "neither prediction nor target")]
    [InlineData("ReadOnlySpan<double> logits, ReadOnlySpan<double> target, [|[ClassWeights] ReadOnlySpan<double> weight|]", "needs a class-index target")]
    [InlineData("ReadOnlySpan<double> logits, int target, [|[ClassWeights] double weight|]", "not a ReadOnlySpan<double>")]
    [InlineData("ReadOnlySpan<double> logits, int target, [|[PerElement] double extra|]", "[PerElement]")]
    [InlineData("ReadOnlySpan<double> logits, int target, [|float scale|]", "not a double")]
    public void LG0027_is_reported_at_the_parameter_that_does_not_fit(string parameters, string text)
    {
        var diagnostic = ReportsOnce("LG0027", RowLoss(parameters, "=> LossMath.LogSumExp(logits);")).Diagnostic;
        Assert.Contains(text, diagnostic.GetMessage());
    }

    [Fact]
    public void LG0027_is_reported_for_a_second_set_of_class_weights()
    {
        var diagnostic = ReportsOnce("LG0027", RowLoss(
            "ReadOnlySpan<double> logits, int target, [ClassWeights] ReadOnlySpan<double> a, [|[ClassWeights] ReadOnlySpan<double> b|]",
            "=> a[target] * b[target] * (LossMath.LogSumExp(logits) - logits[target]);")).Diagnostic;
        Assert.Contains("second [ClassWeights]", diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("=> LossMath.LogSumExp(logits) - logits[[|0|]];")]
    [InlineData("=> LossMath.LogSumExp(logits) - [|logits|].IndexOf(1.0);")]
    [InlineData("=> LossMath.Sum(logits, x => x) - LossMath.Sum([|logits.Slice(1)|]);")]
    public void LG0028_is_reported_at_a_row_used_as_a_number(string body)
    {
        var (diagnostic, _) = ReportsOnce("LG0028", RowLoss("ReadOnlySpan<double> logits, int target", body));
        Assert.Contains("is a row", diagnostic.GetMessage());
    }

    [Fact]
    public void LG0029_is_reported_at_a_class_index_used_as_a_number()
    {
        var diagnostic = ReportsOnly("LG0029", RowLoss("ReadOnlySpan<double> logits, int target", "=> LossMath.LogSumExp(logits) - [|target|] * logits[target];"));
        Assert.Contains("'logits[target]'", diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("{ var lse = LossMath.LogSumExp(logits); return LossMath.Sum(logits, x => x - lse); }")]
    [InlineData("{ var m = LossMath.Max(logits); return LossMath.Sum(logits, x => x * m); }")]
    [InlineData("{ var m = LossMath.Max(logits); var lse = m + Math.Log(LossMath.Sum(logits, x => Math.Exp(x - m))); return LossMath.LogSumExp(logits, x => x * (lse - m)); }")]
    public void A_reduction_inside_another_reports_nothing_and_compiles(string body)
    {
        var run = RunClean(RowLoss("ReadOnlySpan<double> logits, int target", body));
        Assert.Empty(run.AllDiagnostics.Where(d => d.Id.StartsWith("LG", System.StringComparison.Ordinal)).Select(d => d.ToString()));
        Assert.Empty(Errors(run));
    }

    [Fact]
    public void LG0017_is_reported_for_a_row_loss_that_ignores_its_logits()
    {
        ReportsOnly("LG0017", RowLoss("ReadOnlySpan<double> logits, ReadOnlySpan<double> target", "=> LossMath.Sum(target);").Replace("double L(", "double [|L|]("));
    }

    [Fact]
    public void A_valid_generic_row_loss_with_every_row_operation_reports_nothing()
    {
        var run = RunClean(Usings + """
            using System.Numerics;
            public static partial class C
            {
                [Loss]
                public static partial T L<T>(ReadOnlySpan<T> logits, int target, [ClassWeights] ReadOnlySpan<T> weight, [Default(0.5)] T scale)
                    where T : IFloatingPointIeee754<T>
                {
                    var margin = T.One - logits[target];
                    return weight[target] * (LossMath.LogSumExp(logits) - logits[target]) + scale * LossMath.Max(logits)
                        + LossMath.Mean(logits, x => T.Max(T.Zero, margin + x)) + LossMath.Dot(weight, logits) / T.CreateChecked(logits.Length)
                        + LossMath.LogSumExp(logits, x => scale * x) - LossMath.Sum(logits);
                }
            }
            """);
        Assert.Empty(run.AllDiagnostics.Where(d => d.Id.StartsWith("LG", System.StringComparison.Ordinal)).Select(d => d.ToString()));
        Assert.Empty(Errors(run));
    }
}
