using System.Linq;
using LossGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace LossGen.Tests.Generator;

/// <summary>The same input gives byte-identical output: the same files, names, text and diagnostics, whatever the run or file order.</summary>
public class DeterminismTests
{
    private static readonly string[] Sources = Project();

    [Fact]
    public void Two_fresh_drivers_generate_byte_identical_sources_and_diagnostics()
    {
        var first = GeneratorHarness.Run(Sources);
        var second = GeneratorHarness.Run(Sources);

        Assert.Equal(Generated(first), Generated(second));
        Assert.NotEmpty(Generated(first));
        Assert.Equal(first.GeneratorDiagnostics.Select(d => d.ToString()), second.GeneratorDiagnostics.Select(d => d.ToString()));
        Assert.NotEmpty(first.GeneratorDiagnostics);
    }

    [Fact]
    public void Files_in_another_order_generate_the_same_sources_and_diagnostics()
    {
        var forward = GeneratorHarness.Run(Sources);
        var trees = GeneratorHarness.Compile(Sources).SyntaxTrees.Reverse();
        var reversed = GeneratorHarness.Run(GeneratorHarness.CreateDriver(), GeneratorHarness.Compile().AddSyntaxTrees(trees));

        Assert.Equal(Generated(forward).OrderBy(s => s.HintName), Generated(reversed).OrderBy(s => s.HintName));
        Assert.Equal(
            forward.GeneratorDiagnostics.Select(d => d.ToString()).Order(),
            reversed.GeneratorDiagnostics.Select(d => d.ToString()).Order());
    }

    /// <summary>Hint names and the exact bytes of each file, as the compiler writes them out.</summary>
    private static (string HintName, string Bytes)[] Generated(GeneratorRun run) =>
        run.Driver.GetRunResult().Results.Single().GeneratedSources
            .Select(s => (s.HintName, System.Convert.ToHexString(s.SourceText.Encoding!.GetBytes(s.SourceText.ToString()))))
            .ToArray();

    /// <summary>Forty random losses in every flavor over four files, and some that LossGen reports, so diagnostics are compared too.</summary>
    private static string[] Project()
    {
        var random = new System.Random(11);
        var builder = new RandomLossBuilder(random);
        var mutator = new LossMutator(random);
        var flavors = new[] { LossFlavor.Double, LossFlavor.Float, LossFlavor.Generic };
        var losses = Enumerable.Range(0, 40).Select(i =>
        {
            var loss = builder.Build("F" + i, flavors[i % flavors.Length]);
            if (i % 5 == 4)
            {
                mutator.MutateBody(loss);
            }

            return loss;
        }).ToList();
        return RandomProject.Create(losses, 4).Sources;
    }
}
