using System;
using System.Diagnostics;
using System.Linq;
using LossGen.Generator;
using LossGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using Xunit.Abstractions;

namespace LossGen.Tests.Generator;

/// <summary>
/// What the generator costs on a realistic project: 200 losses in 20 files, generated from scratch, then regenerated
/// after one loss body is edited. The bounds are far above the figures (which docs/performance.md records), so
/// that a noisy machine never fails the test; it prints the figures.
/// </summary>
public class GeneratorCostTests(ITestOutputHelper output)
{
    private const int Files = 20;
    private const int Losses = 200;

    [Fact]
    public void Generating_200_losses_and_regenerating_one_edited_loss_take_bounded_time()
    {
        var project = RandomProject.Valid(seed: 2026, Files, Losses);
        var compilation = GeneratorHarness.Compile(project.Sources);

        var stopwatch = Stopwatch.StartNew();
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var first = stopwatch.Elapsed;

        stopwatch.Restart();
        GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var warm = stopwatch.Elapsed;

        var (loss, editedCompilation) = Edit(project, compilation, 7);
        stopwatch.Restart();
        var rerun = driver.RunGenerators(editedCompilation);
        var incremental = stopwatch.Elapsed;

        // A second edit, of another loss, once the incremental path has been run (and compiled by the JIT) once.
        var (_, twiceEdited) = Edit(project, editedCompilation, 8);
        stopwatch.Restart();
        rerun.RunGenerators(twiceEdited);
        var secondIncremental = stopwatch.Elapsed;

        var before = driver.GetRunResult().Results.Single();
        var after = rerun.GetRunResult().Results.Single();
        Assert.Null(after.Exception);
        Assert.Equal(Losses, after.GeneratedSources.Length);
        var changed = after.GeneratedSources.Where(s => before.GeneratedSources.Single(b => b.HintName == s.HintName).SourceText.ToString() != s.SourceText.ToString());
        Assert.Equal(new[] { $"C.{loss.Name}.g.cs" }, changed.Select(s => s.HintName));
        var models = after.TrackedSteps[LossGenerator.Steps.Models].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        Assert.Equal(1, models.Count(r => r == IncrementalStepRunReason.Modified));
        Assert.Equal(Losses - 1, models.Count(r => r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));

        var characters = after.GeneratedSources.Sum(s => s.SourceText.Length);
        output.WriteLine(
            $"{Losses} losses in {Files} files, {characters / 1e6:F1} million characters generated: first run {first.TotalSeconds:F2} s " +
            $"(with the generator's JIT), again with a fresh driver {warm.TotalSeconds:F2} s ({warm.TotalMilliseconds / Losses:F1} ms per loss); " +
            $"after editing {loss.Name}: {incremental.TotalMilliseconds:F0} ms; after editing another: {secondIncremental.TotalMilliseconds:F0} ms");
        Assert.True(first < TimeSpan.FromSeconds(120), $"the first run took {first}");
        Assert.True(incremental < TimeSpan.FromSeconds(30), $"regenerating one loss took {incremental}");
    }

    /// <summary>Negates the returned value of loss <paramref name="index"/>, in its file of <paramref name="compilation"/>.</summary>
    private static (RandomLoss Loss, Compilation Edited) Edit(RandomProject project, Compilation compilation, int index)
    {
        var (loss, file, start, end) = project.Layout[index];
        var tree = compilation.SyntaxTrees.Single(t => t.FilePath == $"Source{file}.cs");
        var text = tree.ToString();
        var original = project.Sources[file].Substring(start, end - start);
        var edited = original.Contains("return ", StringComparison.Ordinal)
            ? original.Replace("return ", "return -", StringComparison.Ordinal)
            : original.Replace("=> ", "=> -", StringComparison.Ordinal);
        Assert.Contains(original, text);
        var replaced = CSharpSyntaxTree.ParseText(text.Replace(original, edited, StringComparison.Ordinal), GeneratorHarness.ParseOptions, tree.FilePath);
        return (loss, compilation.ReplaceSyntaxTree(tree, replaced));
    }
}
