using System.Collections.Immutable;
using System.Linq;
using LossGen.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LossGen.Tests.Infrastructure;

/// <summary>What running the generator over some source gave.</summary>
/// <param name="Driver">The driver after the run, to run again incrementally.</param>
/// <param name="Output">The compilation with the generated sources added.</param>
/// <param name="GeneratorDiagnostics">What the generator reported.</param>
/// <param name="CompilationDiagnostics">The compiler's, the stability analyzer's and the suppressor's diagnostics on the output, suppressed ones removed.</param>
public sealed record GeneratorRun(
    GeneratorDriver Driver,
    Compilation Output,
    ImmutableArray<Diagnostic> GeneratorDiagnostics,
    ImmutableArray<Diagnostic> CompilationDiagnostics)
{
    public ImmutableArray<Diagnostic> AllDiagnostics => GeneratorDiagnostics.AddRange(CompilationDiagnostics);

    public string GeneratedSource(string hintNameEnd) =>
        Driver.GetRunResult().Results.Single().GeneratedSources.Single(s => s.HintName.EndsWith(hintNameEnd, System.StringComparison.Ordinal)).SourceText.ToString();
}

/// <summary>Compiles test sources against .NET 10 and LossGen.Runtime, with the LossGen generator, analyzers and suppressor.</summary>
public static class GeneratorHarness
{
    /// <summary>Documentation comments are checked, so generated XML docs must be well formed and complete.</summary>
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    public static CSharpCompilation Compile(params string[] sources) =>
        CSharpCompilation.Create(
            "LossGenTestAssembly",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Source{i}.cs")),
            Basic.Reference.Assemblies.Net100.References.All.Append(MetadataReference.CreateFromFile(typeof(LossAttribute).Assembly.Location)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, warningLevel: 9999));

    /// <summary>Every analyzer and suppressor LossGen ships, as a user's build runs them.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } = ImmutableArray.Create<DiagnosticAnalyzer>(
        new LossDefaultValueSuppressor(),
        new LossGen.Generator.Analysis.StabilityAnalyzer());

    public static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(
            new[] { new LossGenerator().AsSourceGenerator() },
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static GeneratorRun Run(params string[] sources) => Run(CreateDriver(), Compile(sources));

    public static GeneratorRun Run(GeneratorDriver driver, Compilation compilation)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        var withAnalyzers = output.WithAnalyzers(Analyzers);
        var diagnostics = withAnalyzers.GetAllDiagnosticsAsync().GetAwaiter().GetResult()
            .Where(d => !d.IsSuppressed && d.Severity != DiagnosticSeverity.Hidden)
            .ToImmutableArray();
        return new GeneratorRun(driver, output, generatorDiagnostics, diagnostics);
    }
}
