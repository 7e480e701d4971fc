using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;

namespace LossGen.GeneratorBenchmarks;

/// <summary>
/// What the <c>[Loss]</c> generator and its output cost a build or the IDE, over <see cref="Workload"/>'s 40 losses
/// (issue 18, "Done when"). The per-loss column divides the mean by the number of losses where the issue states a
/// per-loss target.
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private Compilation compilation = null!;
    private Compilation output = null!;
    private ImmutableArray<SyntaxTree> generated;

    private GeneratorDriver unrelatedDriver = null!;
    private Compilation unrelatedCompilation = null!;
    private SyntaxTree[] unrelatedVersions = null!;
    private int unrelatedIndex;

    private GeneratorDriver lossDriver = null!;
    private Compilation lossCompilation = null!;
    private SyntaxTree[] lossVersions = null!;
    private int lossIndex;

    [GlobalSetup]
    public void Setup()
    {
        var c = Workload.Compilation();
        compilation = c;
        var (driver, output, generated, characters) = Workload.RunAndCheck(c);
        this.output = output;
        this.generated = generated;
        Console.WriteLine($"// {Workload.Losses} losses, {characters:N0} characters generated ({characters / Workload.Losses:N0} per loss) in {generated.Length} files");

        // One warm-up of every path, so the first measured call does not pay the generator's JIT.
        Workload.CreateDriver().RunGenerators(c.Clone());

        unrelatedVersions =
        [
            c.SyntaxTrees.Single(t => t.FilePath == Workload.UnrelatedFile),
            Workload.Parse(Workload.UnrelatedSource(2), Workload.UnrelatedFile),
        ];
        unrelatedCompilation = c;
        unrelatedDriver = driver;
        for (var i = 0; i < 2; i++)
        {
            RerunAfterUnrelatedEdit();
        }

        lossVersions =
        [
            c.SyntaxTrees.Single(t => t.FilePath == Workload.EditedLossFile),
            Workload.Parse(Workload.ShapeSource("Plain", "3.0"), Workload.EditedLossFile),
        ];
        lossCompilation = c;
        lossDriver = Workload.CreateDriver().RunGenerators(c);
        for (var i = 0; i < 2; i++)
        {
            RerunAfterEditingOneLoss();
        }
    }

    /// <summary>A fresh driver over a fresh copy of the compilation (no symbols bound yet): what a clean build runs.</summary>
    [Benchmark]
    public GeneratorDriver WarmGeneration() => Workload.CreateDriver().RunGenerators(compilation.Clone());

    /// <summary>Binding and diagnosing the generated files only, in a fresh copy of the output compilation.</summary>
    [Benchmark]
    public int Binding()
    {
        var fresh = output.Clone();
        var count = 0;
        foreach (var tree in generated)
        {
            count += fresh.GetSemanticModel(tree).GetDiagnostics().Length;
        }

        return count;
    }

    /// <summary>
    /// For reference: binding and diagnosing the user's files only (the 40 loss declarations and bodies, no generated
    /// code) in a fresh copy of the input compilation, the floor under any semantic step that reads every loss.
    /// </summary>
    [Benchmark]
    public int UserCodeBinding()
    {
        var fresh = compilation.Clone();
        var count = 0;
        foreach (var tree in fresh.SyntaxTrees)
        {
            count += fresh.GetSemanticModel(tree).GetDiagnostics().Length;
        }

        return count;
    }

    /// <summary>Emitting the whole output compilation (user code and generated code) from a fresh copy, to memory.</summary>
    [Benchmark]
    public bool Emit()
    {
        using var stream = new MemoryStream();
        return output.Clone().Emit(stream).Success;
    }

    /// <summary>The driver that has run once, again after a method body in a file with no loss changed.</summary>
    [Benchmark]
    public GeneratorDriver RerunAfterUnrelatedEdit()
    {
        var old = unrelatedVersions[unrelatedIndex];
        unrelatedIndex ^= 1;
        unrelatedCompilation = unrelatedCompilation.ReplaceSyntaxTree(old, unrelatedVersions[unrelatedIndex]);
        return unrelatedDriver = unrelatedDriver.RunGenerators(unrelatedCompilation);
    }

    /// <summary>The driver that has run once, again after the body of one loss changed (a constant 2.0 ↔ 3.0).</summary>
    [Benchmark]
    public GeneratorDriver RerunAfterEditingOneLoss()
    {
        var old = lossVersions[lossIndex];
        lossIndex ^= 1;
        lossCompilation = lossCompilation.ReplaceSyntaxTree(old, lossVersions[lossIndex]);
        return lossDriver = lossDriver.RunGenerators(lossCompilation);
    }
}
