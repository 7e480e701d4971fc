using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.InteropServices;
using LossGen.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace LossGen.GeneratorBenchmarks;

/// <summary>
/// The project the benchmarks compile: 40 user losses, one file per shape (ten shapes, four losses each, every loss
/// with its own constants), plus one file with an unrelated plain class. Built in memory against the trusted
/// platform assemblies of the running .NET and LossGen.Runtime.dll.
/// </summary>
public static class Workload
{
    /// <summary>How many <c>[Loss]</c> methods the compilation declares.</summary>
    public const int LossCount = 40;

    /// <summary>The variants of each shape.</summary>
    public const int Variants = 4;

    /// <summary>The path of the file that the one-loss edit changes (it holds <c>SquaredError0</c>).</summary>
    public const string EditedLossFile = "Plain.cs";

    /// <summary>The path of the file with no loss in it.</summary>
    public const string UnrelatedFile = "Unrelated.cs";

    /// <summary>
    /// As in the repository's test harness: documentation comments are parsed and checked, so binding the generated
    /// code includes its XML docs and their <c>cref</c>s.
    /// </summary>
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    /// <summary>The shapes: a file name and the source of variant <c>v</c> with constant <c>k</c>.</summary>
    /// <remarks>
    /// The names of the shapes that the benchmark leaves out, comma-separated in <c>LOSSGEN_BENCH_SKIP_SHAPES</c>
    /// (for an older generator that rejects some of them).
    /// </remarks>
    private static readonly (string Name, Func<int, string, string> Member)[] AllShapes =
    [
        ("Plain", (v, k) => $$"""
            /// <summary>Scaled squared error.</summary>
            [Loss]
            public static partial double SquaredError{{v}}(double prediction, double target) => {{k}} * (prediction - target) * (prediction - target);
        """),
        ("Hyperparameters", (v, k) => $$"""
            /// <summary>The Cauchy loss.</summary>
            [Loss]
            public static partial double Cauchy{{v}}(double prediction, double target, [Positive] double scale = {{k}})
            {
                var r = (prediction - target) / scale;
                return LossMath.Log1p(r * r);
            }
        """),
        ("Piecewise", (v, k) => $$"""
            /// <summary>Huber's loss, written with if/else returns.</summary>
            [Loss]
            public static partial double Huber{{v}}(double prediction, double target, [Positive] double delta = {{k}})
            {
                var r = Math.Abs(prediction - target);
                if (r <= delta)
                {
                    return 0.5 * r * r;
                }

                return delta * (r - 0.5 * delta);
            }
        """),
        ("Locals", (v, k) => $$"""
            /// <summary>An asymmetric squared error with locals.</summary>
            [Loss]
            public static partial double Asymmetric{{v}}(double prediction, double target, [Range(0, 1)] double tau = 0.{{v + 5}})
            {
                var residual = prediction - target;
                var squared = {{k}} * residual * residual;
                var weight = residual > 0 ? tau : 1 - tau;
                return weight * squared;
            }
        """),
        ("LossMath", (v, k) => $$"""
            /// <summary>Binary cross-entropy on logits, with a positive-class weight, for labels 0 and 1.</summary>
            [Loss(Labels = LossLabels.ZeroOne)]
            public static partial float LogisticLoss{{v}}(float logit, float label, [Positive] float posWeight = {{k}}f)
                => posWeight * label * LossMath.Softplus(-logit) + (1f - label) * LossMath.Softplus(logit);
        """),
        ("Generic", (v, k) => $$"""
            /// <summary>The Huber loss in generic math, for any IEEE 754 element type.</summary>
            [Loss]
            public static partial T GenericHuber{{v}}<T>(T prediction, T target, [Positive, Default({{k}})] T delta)
                where T : System.Numerics.IFloatingPointIeee754<T>
            {
                var residual = prediction - target;
                var size = T.Abs(residual);
                return size < delta ? T.CreateChecked(0.5) * residual * residual : delta * (size - T.CreateChecked(0.5) * delta);
            }
        """),
        ("ExtraDifferentiatedInput", (v, k) => $$"""
            /// <summary>Gaussian negative log-likelihood with a learned variance.</summary>
            [Loss]
            public static partial double GaussianNll{{v}}(double prediction, double target,
                [PerElement(Differentiable = true)] double variance, [Positive] double eps = 1e-{{v + 5}})
            {
                var v = Math.Max(variance, eps);
                var r = prediction - target;
                return 0.5 * (Math.Log(v) + {{k}} * r * r / v);
            }
        """),
        ("TargetLess", (v, k) => $$"""
            /// <summary>An L2 penalty on weights.</summary>
            [Loss(HasTarget = false, TypeName = "WeightDecay{{v}}")]
            public static partial double L2{{v}}(double weight, [Positive] double lambda = 0.0{{v + 1}}) => {{k}} * lambda * weight * weight;
        """),
        ("LogCosh", (v, k) => $$"""
            /// <summary>A scaled log-cosh loss.</summary>
            [Loss]
            public static partial double ScaledLogCosh{{v}}(double prediction, double target, [Positive] double scale = {{k}})
                => scale * LossMath.LogCosh((prediction - target) / scale);
        """),
        ("Row", (v, k) => $$"""
            /// <summary>Softmax cross-entropy with label smoothing, a row-wise loss over one sample's logits.</summary>
            [Loss]
            public static partial double SmoothedCrossEntropy{{v}}(ReadOnlySpan<double> logits, int target, [Range(0, 1)] double labelSmoothing = 0.{{v + 1}})
            {
                var lse = LossMath.LogSumExp(logits);
                return lse - (1 - labelSmoothing) * logits[target] - labelSmoothing * {{k}} * LossMath.Mean(logits);
            }
        """),
    ];

    /// <summary>The shapes benchmarked: all of them unless <c>LOSSGEN_BENCH_SKIP_SHAPES</c> names some.</summary>
    public static IReadOnlyList<string> Shapes { get; } = SelectShapes().Select(s => s.Name).ToArray();

    /// <summary>The shapes left out by <c>LOSSGEN_BENCH_SKIP_SHAPES</c>.</summary>
    public static IReadOnlyList<string> SkippedShapes { get; } = AllShapes.Select(s => s.Name).Except(Shapes).ToArray();

    /// <summary>The losses actually declared: 40, fewer if shapes are skipped.</summary>
    public static int Losses => Shapes.Count * Variants;

    private static IEnumerable<(string Name, Func<int, string, string> Member)> SelectShapes()
    {
        var skip = (Environment.GetEnvironmentVariable("LOSSGEN_BENCH_SKIP_SHAPES") ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return AllShapes.Where(s => !skip.Contains(s.Name, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>The constant of variant <paramref name="v"/>: 2.0, 3.5, 5.0, 6.5 (the first is what the one-loss edit flips).</summary>
    private static string Constant(int v) => (2.0 + 1.5 * v).ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary>The source of one shape's file, with the first loss's constant <paramref name="firstConstant"/>.</summary>
    public static string ShapeSource(string shape, string firstConstant = "2.0")
    {
        var member = AllShapes.Single(s => s.Name == shape).Member;
        var members = Enumerable.Range(0, Variants).Select(v => member(v, v == 0 ? firstConstant : Constant(v)));
        return $$"""
            using System;
            using LossGen;

            namespace Bench.Losses;

            /// <summary>The {{shape}} losses.</summary>
            public static partial class {{shape}}Losses
            {
            {{string.Join("\n\n", members)}}
            }

            """;
    }

    /// <summary>A file with no loss: a plain class whose method body the unrelated edit changes.</summary>
    public static string UnrelatedSource(int increment) => $$"""
        namespace Bench.App;

        /// <summary>Unrelated application code.</summary>
        public static class Counter
        {
            /// <summary>Counts.</summary>
            public static int Next(int x)
            {
                var y = x * 3;
                return y + {{increment}};
            }
        }

        """;

    /// <summary>Parses one file.</summary>
    public static SyntaxTree Parse(string source, string path) => CSharpSyntaxTree.ParseText(source, ParseOptions, path);

    /// <summary>The framework's assemblies (the trusted platform assemblies in the runtime's folder) and LossGen.Runtime.dll.</summary>
    public static ImmutableArray<MetadataReference> References { get; } = LoadReferences();

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var runtimeDirectory = Path.GetFullPath(RuntimeEnvironment.GetRuntimeDirectory());
        var trusted = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(p => Path.GetFullPath(p).StartsWith(runtimeDirectory, StringComparison.Ordinal));
        return trusted
            .Append(typeof(LossAttribute).Assembly.Location)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    }

    /// <summary>The 40-loss compilation (with the unrelated file at increment 1).</summary>
    public static CSharpCompilation Compilation()
    {
        var trees = Shapes.Select(s => Parse(ShapeSource(s), s + ".cs")).Append(Parse(UnrelatedSource(1), UnrelatedFile));
        return CSharpCompilation.Create(
            "LossGenBenchmarkProject",
            trees,
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, optimizationLevel: OptimizationLevel.Release));
    }

    /// <summary>A driver over the <c>[Loss]</c> generator only, caching as a build or the IDE does (no step tracking).</summary>
    public static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(
            [new LossGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));

    /// <summary>
    /// Runs the generator once and checks the result: no generator exception, no error from the generator or in the
    /// output compilation, one generated file per loss. Throws otherwise.
    /// </summary>
    public static (GeneratorDriver Driver, Compilation Output, ImmutableArray<SyntaxTree> Generated, long Characters) RunAndCheck(CSharpCompilation compilation)
    {
        var driver = CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        var result = driver.GetRunResult();
        var failures = new List<string>();
        foreach (var r in result.Results)
        {
            if (r.Exception is not null)
            {
                failures.Add($"generator exception: {r.Exception}");
            }
        }

        failures.AddRange(generatorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => "generator: " + d));
        failures.AddRange(output.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error || (d.Severity == DiagnosticSeverity.Warning && d.Id != "CS1066"))
            .Take(20)
            .Select(d => "compilation: " + d));
        var generated = result.GeneratedTrees;
        if (generated.Length != Losses)
        {
            failures.Add($"{generated.Length} generated files for {Losses} losses");
        }

        if (failures.Count > 0)
        {
            throw new InvalidOperationException("The benchmark project does not compile cleanly:\n" + string.Join("\n", failures));
        }

        var characters = result.Results.SelectMany(r => r.GeneratedSources).Sum(s => (long)s.SourceText.Length);
        return (driver, output, generated, characters);
    }

    /// <summary>
    /// The warnings of the output compilation: only CS1066 (a default value on a partial method's declaration, which
    /// LossGen's <c>LossDefaultValueSuppressor</c> suppresses in a build; the benchmark runs no suppressor), on the
    /// user's declarations; <see cref="RunAndCheck"/> refuses any other.
    /// </summary>
    public static IEnumerable<Diagnostic> Warnings(Compilation output) => output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Warning);
}
