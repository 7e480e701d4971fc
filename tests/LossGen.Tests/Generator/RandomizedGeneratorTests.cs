using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Threading;
using System.Threading.Tasks;
using LossGen.Generator;
using LossGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;
using Xunit.Abstractions;

namespace LossGen.Tests.Generator;

/// <summary>
/// "Never crash, always the same output": 10 400 random losses, valid ones and valid ones mutated into unsupported
/// C#, a hundred per compilation. No loss may make the generator or an analyzer throw; a valid loss gets no LG error,
/// a mutated one at least one inside its declaration. In every tenth compilation the generated code is also compiled
/// and run: it must compile without errors or warnings, its <c>Value</c> must be the user's method and its
/// <c>Derivative</c> must match Richardson-extrapolated finite differences of the user's method (which C# compiles as
/// written, so it is the truth). Set <c>LOSSGEN_FUZZ_SEED</c> to replay the seed a failure prints.
/// </summary>
public class RandomizedGeneratorTests(ITestOutputHelper output)
{
    private const int DefaultSeed = 20260;
    private const int Compilations = 104;
    private const int LossesPerCompilation = 100;
    private const int FilesPerCompilation = 4;

    /// <summary>Every eighth compilation mutates signatures, which leaves the compilation with C#'s CS0759, so it is not emitted.</summary>
    private const int SignatureCompilationEvery = 8;

    /// <summary>
    /// Every tenth compilation is also compiled, loaded and run. A loss generates about 40 000 characters of C# (batch
    /// methods, SIMD kernels for three widths), which take Roslyn about 0.1 s per loss to compile: all 10 000 would
    /// take a quarter of an hour on two cores. <c>LOSSGEN_FUZZ_COMPILE_ALL=1</c> compiles every one, for a deeper run.
    /// </summary>
    private const int CompiledCompilationEvery = 10;

    private static readonly bool CompileAll = Environment.GetEnvironmentVariable("LOSSGEN_FUZZ_COMPILE_ALL") == "1";

    /// <summary>
    /// Documentation comments are not parsed: the generated ones are checked by the golden and harness tests, and parsing
    /// them here would double the generator's share of this test's time.
    /// </summary>
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.None);

    private static readonly MetadataReference[] References =
        Basic.Reference.Assemblies.Net100.References.All.Append(MetadataReference.CreateFromFile(typeof(LossAttribute).Assembly.Location)).ToArray();

    private const int PointsPerLoss = 3;
    private const int CandidatePoints = 40;

    /// <summary>Every analyzer and suppressor LossGen ships, found by reflection so that new ones are covered too.</summary>
    private static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers = typeof(LossGenerator).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttributes<DiagnosticAnalyzerAttribute>().Any())
        .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t, nonPublic: true)!)
        .ToImmutableArray();

    [Fact]
    public void Random_losses_differentiate_correctly_or_get_an_LG_error_and_never_crash()
    {
        var seed = Environment.GetEnvironmentVariable("LOSSGEN_FUZZ_SEED") is { Length: > 0 } text
            ? int.Parse(text, CultureInfo.InvariantCulture)
            : DefaultSeed;
        var stopwatch = Stopwatch.StartNew();
        var tally = new Tally();
        Parallel.For(0, Compilations, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, index => new Fuzz(seed, index, tally).Run());

        output.WriteLine(
            $"seed {seed}: {tally.Losses} losses in {Compilations} compilations in {stopwatch.Elapsed.TotalSeconds:F0} s; " +
            $"{tally.Valid} valid, {tally.Checked} checked at {tally.Points} points ({tally.Unreliable} points skipped where finite differences disagree), " +
            $"{tally.Mutated} mutated; {tally.Compiled} compiled; analyzers: {string.Join(", ", Analyzers.Select(a => a.GetType().Name))}");
        Assert.True(tally.Failures.IsEmpty, $"Replay with LOSSGEN_FUZZ_SEED={seed}. {tally.Failures.Count} failures; the first ones:\n\n" + string.Join("\n\n", tally.Failures.Take(8)));
        Assert.True(tally.Losses >= 10_000, $"only {tally.Losses} losses");
        Assert.True(tally.Checked >= 0.9 * tally.Compiled, $"only {tally.Checked} of {tally.Compiled} compiled valid losses were checked at a point (seed {seed})");
    }

    private sealed class Tally
    {
        private int _losses, _valid, _checked, _points, _unreliable, _mutated, _compiled;

        public ConcurrentQueue<string> Failures { get; } = new();

        public int Losses => _losses;

        public int Valid => _valid;

        public int Checked => _checked;

        public int Points => _points;

        public int Unreliable => _unreliable;

        public int Mutated => _mutated;

        /// <summary>Valid losses whose generated code was compiled and run.</summary>
        public int Compiled => _compiled;

        public void CountCompiled() => Interlocked.Increment(ref _compiled);

        public void CountLoss(bool mutated)
        {
            Interlocked.Increment(ref _losses);
            Interlocked.Increment(ref mutated ? ref _mutated : ref _valid);
        }

        public void CountChecked() => Interlocked.Increment(ref _checked);

        public void CountPoint() => Interlocked.Increment(ref _points);

        public void CountUnreliable() => Interlocked.Increment(ref _unreliable);
    }

    /// <summary>One compilation of random losses, built from the seed and its index alone.</summary>
    private sealed class Fuzz
    {
        private readonly int _seed;
        private readonly int _index;
        private readonly Tally _tally;
        private readonly Random _random;
        private readonly RandomLossBuilder _builder;
        private readonly bool _signatures;
        private readonly bool _compiles;

        public Fuzz(int seed, int index, Tally tally)
        {
            _seed = seed;
            _index = index;
            _tally = tally;
            _random = new Random(unchecked(seed * 7919 + index));
            _builder = new RandomLossBuilder(_random);
            _signatures = index % SignatureCompilationEvery == SignatureCompilationEvery - 1;
            _compiles = !_signatures && (CompileAll || index % CompiledCompilationEvery == 0);
        }

        public void Run()
        {
            var mutator = new LossMutator(_random);
            var losses = new List<RandomLoss>();
            for (var i = 0; i < LossesPerCompilation; i++)
            {
                var flavor = _random.Next(4) switch { 0 => LossFlavor.Float, 1 => LossFlavor.Generic, _ => LossFlavor.Double };
                var loss = _builder.Build("F" + i, flavor);
                if (_signatures)
                {
                    mutator.MutateSignature(loss);
                }
                else if (_random.Next(10) < 3)
                {
                    mutator.MutateBody(loss);
                }

                losses.Add(loss);
                _tally.CountLoss(loss.Mutation is not null);
            }

            var project = RandomProject.Create(losses, FilesPerCompilation);
            try
            {
                Check(project);
            }
            catch (Exception exception)
            {
                Fail(null, "the test itself threw: " + exception);
            }
        }

        private void Check(RandomProject project)
        {
            var compilation = CSharpCompilation.Create(
                "LossGenFuzz" + _index,
                project.Sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Source{i}.cs")),
                References,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            GeneratorDriver driver = CSharpGeneratorDriver.Create(new[] { new LossGenerator().AsSourceGenerator() }, parseOptions: ParseOptions);
            driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var generated, out var generatorDiagnostics);
            foreach (var result in driver.GetRunResult().Results.Where(r => r.Exception is not null))
            {
                Fail(null, "the generator threw: " + result.Exception);
            }

            var diagnostics = generatorDiagnostics.Concat(Analyze(compilation, generated)).ToList();
            using var assembly = new MemoryStream();
            if (_compiles)
            {
                diagnostics.AddRange(generated.Emit(assembly).Diagnostics);
            }
            else
            {
                diagnostics.AddRange(compilation.SyntaxTrees.SelectMany(t => generated.GetSemanticModel(t).GetDiagnostics()));
            }

            var byLoss = project.Layout.ToDictionary(l => l.Loss, _ => new List<Diagnostic>());
            var cleanCompilation = true;
            var filesWithErrors = new HashSet<string>(StringComparer.Ordinal);
            foreach (var diagnostic in diagnostics.Where(d => !d.IsSuppressed))
            {
                var owner = Owner(project, diagnostic);
                if (owner is not null)
                {
                    byLoss[owner].Add(diagnostic);
                }

                var inGenerated = diagnostic.Location.SourceTree is { } tree && !compilation.ContainsSyntaxTree(tree);
                if (diagnostic.Id is "CS8785" or "LG9999" or "AD0001")
                {
                    Fail(owner, "crash: " + diagnostic);
                }
                else if (diagnostic.Severity == DiagnosticSeverity.Error && !diagnostic.Id.StartsWith("LG", StringComparison.Ordinal))
                {
                    cleanCompilation = false;
                    // Without a valid signature LossGen generates no defining declaration, so C# reports the implementation alone.
                    var expected = diagnostic.Id == "CS0759" && owner?.Mutation is not null && _signatures;
                    if (!expected && (!inGenerated || filesWithErrors.Add(diagnostic.Location.SourceTree!.FilePath)))
                    {
                        Fail(owner, "C# error: " + diagnostic + GeneratedLine(diagnostic));
                    }
                }
                else if (diagnostic.Severity == DiagnosticSeverity.Warning && inGenerated && diagnostic.Id != "CS1591")
                {
                    Fail(owner, "warning in generated code: " + diagnostic + GeneratedLine(diagnostic));
                }
            }

            foreach (var (loss, found) in byLoss)
            {
                var lossGenErrors = found.Where(d => d.Severity == DiagnosticSeverity.Error && d.Id.StartsWith("LG", StringComparison.Ordinal)).ToList();
                if (loss.Mutation is null && lossGenErrors.Count > 0)
                {
                    Fail(loss, "a valid loss got " + string.Join("; ", lossGenErrors));
                }
                else if (loss.Mutation is not null && lossGenErrors.Count == 0)
                {
                    Fail(loss, "no LG error for the mutation; reported: " + string.Join("; ", found));
                }
            }

            if (_compiles && cleanCompilation)
            {
                CheckNumbers(project, assembly);
            }
        }

        /// <summary>
        /// Runs LossGen's analyzers over the user's files with the generated declarations in scope, as an IDE does, and
        /// analyzers and suppressors together over the user's files alone, where the suppressors see the compiler's
        /// diagnostics (the whole generated compilation would be as slow as compiling it). An analyzer that throws
        /// is reported through the exception callback and as AD0001; what the second run reports is only checked for that.
        /// </summary>
        private IEnumerable<Diagnostic> Analyze(Compilation user, Compilation generated)
        {
            var exceptions = new ConcurrentQueue<string>();
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                (exception, analyzer, _) => exceptions.Enqueue($"{analyzer.GetType().Name} threw: {exception}"),
                concurrentAnalysis: false,
                logAnalyzerExecutionTime: false);
            var analysis = generated.WithAnalyzers(Analyzers, options);
            var found = user.WithAnalyzers(Analyzers, options).GetAllDiagnosticsAsync().GetAwaiter().GetResult().Where(d => d.Id == "AD0001").ToList();
            foreach (var tree in user.SyntaxTrees)
            {
                found.AddRange(analysis.GetAnalyzerSyntaxDiagnosticsAsync(tree, CancellationToken.None).GetAwaiter().GetResult());
                found.AddRange(analysis.GetAnalyzerSemanticDiagnosticsAsync(generated.GetSemanticModel(tree), null, CancellationToken.None).GetAwaiter().GetResult());
            }

            foreach (var exception in exceptions)
            {
                Fail(null, exception);
            }

            return found;
        }

        private void CheckNumbers(RandomProject project, MemoryStream stream)
        {
            stream.Position = 0;
            var context = new AssemblyLoadContext("LossGenFuzz" + _index, isCollectible: true);
            try
            {
                var container = context.LoadFromStream(stream).GetType("C", throwOnError: true)!;
                foreach (var (loss, _, _, _) in project.Layout.Where(l => l.Loss.Mutation is null))
                {
                    _tally.CountCompiled();
                    CheckLoss(loss, container);
                }
            }
            finally
            {
                context.Unload();
            }
        }

        private void CheckLoss(RandomLoss loss, Type container)
        {
            var element = loss.Flavor == LossFlavor.Float ? typeof(float) : typeof(double);
            var method = container.GetMethod(loss.Name, BindingFlags.Public | BindingFlags.Static)!;
            var lossType = container.GetNestedType(loss.Name + "Loss" + (loss.Flavor == LossFlavor.Generic ? "`1" : ""))!;
            if (loss.Flavor == LossFlavor.Generic)
            {
                method = method.MakeGenericMethod(element);
                lossType = lossType.MakeGenericType(element);
            }

            var alpha = _builder.HyperparameterValue(loss);
            object Box(double x) => element == typeof(float) ? (object)(float)x : x;
            var instance = Activator.CreateInstance(lossType, loss.Hyperparameter is null ? [] : new[] { Box(alpha) })!;
            var value = lossType.GetMethod("Value", [element, element])!;
            var derivative = lossType.GetMethod("Derivative", [element, element])!;
            double User(double p, double y) => Convert.ToDouble(method.Invoke(null, loss.Hyperparameter is null ? [Box(p), Box(y)] : [Box(p), Box(y), Box(alpha)]), CultureInfo.InvariantCulture);
            double Generated(MethodInfo m, double p, double y) => Convert.ToDouble(m.Invoke(instance, [Box(p), Box(y)]), CultureInfo.InvariantCulture);

            // Points on a grid of 2⁻¹² and steps that are powers of 2 make every p ± step exact, in float too.
            var isFloat = loss.Flavor == LossFlavor.Float;
            var h = isFloat ? 1.0 / 32 : 1.0 / 1024;
            var epsilon = isFloat ? Math.Pow(2, -23) : Math.Pow(2, -52);
            var relative = isFloat ? 1e-3 : 1e-6;
            var absolute = isFloat ? 1e-5 : 1e-9;
            var points = 0;
            for (var candidate = 0; candidate < CandidatePoints && points < PointsPerLoss; candidate++)
            {
                var p = _random.Next(-4 * 4096, 4 * 4096 + 1) / 4096.0;
                var y = _random.Next(-3 * 4096, 3 * 4096 + 1) / 4096.0;
                if (Neighbourhood(loss, p, y, alpha, h) is not var (largestValue, largestSlope))
                {
                    continue;
                }

                var userValue = User(p, y);
                double Difference(double step) => (User(p + step, y) - User(p - step, y)) / (2 * step);
                var (d1, d2, d3) = (Difference(h), Difference(h / 2), Difference(h / 4));
                var coarse = (4 * d2 - d1) / 3;
                var fine = (4 * d3 - d2) / 3;
                // The rounding error of f, about ε·(largest intermediate value), divided by the smallest step; and the derivative's own.
                var tolerance = relative * Math.Abs(fine) + absolute + 64 * epsilon * (largestValue / (h / 4) + largestSlope);
                if (!double.IsFinite(userValue) || !(Math.Abs(coarse - fine) <= tolerance))
                {
                    _tally.CountUnreliable();
                    continue;
                }

                points++;
                _tally.CountPoint();
                var generatedValue = Generated(value, p, y);
                if (!(Math.Abs(generatedValue - userValue) <= 64 * epsilon * largestValue + double.Epsilon))
                {
                    Fail(loss, $"Value({p}, {y}) = {generatedValue:R}, the method gives {userValue:R} (alpha = {alpha})");
                    return;
                }

                var generatedDerivative = Generated(derivative, p, y);
                if (!(Math.Abs(generatedDerivative - fine) <= tolerance))
                {
                    Fail(loss, $"Derivative({p}, {y}) = {generatedDerivative:R}, finite differences give {fine:R} ± {tolerance:G3} (alpha = {alpha})");
                    return;
                }
            }

            if (points > 0)
            {
                _tally.CountChecked();
            }
        }

        /// <summary>
        /// The largest value and derivative the model computes on [p − 2h, p + 2h], when every point of it takes the
        /// branches p takes and stays in the domain and below the limit; null otherwise.
        /// </summary>
        private static (double Value, double Slope)? Neighbourhood(RandomLoss loss, double p, double y, double alpha, double h)
        {
            var centre = loss.Evaluate(p, y, alpha);
            var (largestValue, largestSlope) = (centre.LargestValue, centre.LargestSlope);
            for (var k = -8; k <= 8 && centre.Valid; k++)
            {
                var near = loss.Evaluate(p + k * h / 4, y, alpha);
                if (!near.Valid || !near.Branches.SequenceEqual(centre.Branches))
                {
                    return null;
                }

                largestValue = Math.Max(largestValue, near.LargestValue);
                largestSlope = Math.Max(largestSlope, near.LargestSlope);
            }

            return centre.Valid ? (largestValue, largestSlope) : null;
        }

        private static RandomLoss? Owner(RandomProject project, Diagnostic diagnostic)
        {
            if (diagnostic.Location.SourceTree?.FilePath is not { } path)
            {
                return null;
            }

            if (!path.StartsWith("Source", StringComparison.Ordinal))
            {
                // A generated file is named after its loss: C.F17.g.cs.
                var name = Path.GetFileName(path).Split('.');
                return project.Layout.FirstOrDefault(l => name.Length == 4 && l.Loss.Name == name[1]).Loss;
            }

            var file = int.Parse(path.AsSpan("Source".Length, path.Length - "Source.cs".Length), CultureInfo.InvariantCulture);
            var span = diagnostic.Location.SourceSpan;
            return project.Layout.FirstOrDefault(l => l.File == file && l.Start <= span.Start && span.End <= l.End).Loss;
        }

        private static string GeneratedLine(Diagnostic diagnostic) =>
            diagnostic.Location.SourceTree is { } tree && !tree.FilePath.StartsWith("Source", StringComparison.Ordinal)
                ? "\n  at: " + tree.GetText().Lines[diagnostic.Location.GetLineSpan().StartLinePosition.Line].ToString().Trim()
                : "";

        private void Fail(RandomLoss? loss, string message) =>
            _tally.Failures.Enqueue(
                $"[seed {_seed}, compilation {_index}{(loss is null ? "" : $", {loss.Name}, {loss.Flavor}, mutation: {loss.Mutation ?? "none"}")}] {message}" +
                (loss is null ? "" : "\n" + loss.ToCSharp()));
    }
}
