using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LossGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;
using Xunit.Abstractions;

namespace LossGen.Tests.Generator;

/// <summary>
/// The generator under an IDE's half-typed code (issue 19): every golden, sample and built-in loss, mutated as a user
/// mutates it while typing (deleted tokens, a truncated body, duplicated or renamed parameters, float/double swaps,
/// garbage tokens, unbalanced parentheses, a generic T without its constraint, broken row lambdas, missing modifiers,
/// a broken attribute), each mutant run through the generator alone. For every mutant: the generator does not throw,
/// no error is located in generated code (an error belongs in the user's code, where the user can act on it), and the
/// run takes less than 5 s (a run over it is timed again alone after the others, and fails only if it is slow again:
/// a generator that blows up is slow every time, a stall of the shared machine is not). Deterministic: a fixed seed
/// per mutation kind.
/// </summary>
public class HalfTypedCodeFuzzTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(5);

    /// <summary>A run that has not ended after this long is reported as a hang instead of blocking the test run.</summary>
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(60);

    /// <summary>One loss: the file it is compiled in and the span of its <c>[Loss]</c> method (with its leading trivia).</summary>
    public sealed record LossSource(string Name, string Text, int MethodStart, int MethodEnd)
    {
        public string Method => Text[MethodStart..MethodEnd];

        public MethodDeclarationSyntax Parse() =>
            SyntaxFactory.ParseCompilationUnit(Text, options: GeneratorHarness.ParseOptions)
                .DescendantNodes().OfType<MethodDeclarationSyntax>()
                .Single(m => m.FullSpan.Start == MethodStart);
    }

    /// <summary>A mutant: the file with one splice, and what the splice did.</summary>
    public sealed record Mutant(string Kind, LossSource Loss, int Start, int Length, string Replacement, string What)
    {
        public string Text => Loss.Text.Remove(Start, Length).Insert(Start, Replacement);

        /// <summary>The mutated method, as far as the original method reached.</summary>
        public string MethodText
        {
            get
            {
                var text = Text;
                var end = Math.Clamp(Loss.MethodEnd + Replacement.Length - Length, Loss.MethodStart, text.Length);
                return text[Loss.MethodStart..end];
            }
        }

        public string Describe() =>
            $"mutation '{Kind}' ({What}) of loss {Loss.Name}; the mutated method:\n----\n{MethodText}\n----";
    }

    public static readonly string[] Kinds =
    [
        "delete tokens", "truncate body", "duplicate parameter", "rename parameter", "float/double swap",
        "garbage token", "parenthesis", "no constraint", "row lambda", "modifiers", "attribute bracket",
    ];

    public static TheoryData<string> KindData()
    {
        var data = new TheoryData<string>();
        foreach (var kind in Kinds)
        {
            data.Add(kind);
        }

        return data;
    }

    // ---------------------------------------------------------------- the losses

    private const string Wrapper = """
        using System;
        using System.Numerics;
        using LossGen;

        namespace LossGen.Tests.Fuzz;

        /// <summary>A loss under mutation.</summary>
        public static partial class FuzzLosses
        {

        """;

    private static readonly Lazy<IReadOnlyList<LossSource>> LazyLosses = new(FindLosses);

    public static IReadOnlyList<LossSource> Losses => LazyLosses.Value;

    private static IReadOnlyList<LossSource> FindLosses()
    {
        var losses = new List<LossSource>();

        // The golden cases: GoldenTests' Header, the member of each [InlineData], and the closing brace, as it runs them.
        var golden = CSharpSyntaxTree.ParseText(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tests", "LossGen.Tests", "Generator", "GoldenTests.cs"))).GetRoot();
        var header = golden.DescendantNodes().OfType<VariableDeclaratorSyntax>().Single(v => v.Identifier.Text == "Header")
            .Initializer!.Value.GetFirstToken().ValueText;
        foreach (var attribute in golden.DescendantNodes().OfType<AttributeSyntax>().Where(a => a.Name.ToString() == "InlineData"))
        {
            var arguments = attribute.ArgumentList!.Arguments;
            var name = arguments[0].Expression.GetFirstToken().ValueText;
            var member = arguments[1].Expression.GetFirstToken().ValueText;
            losses.AddRange(Split("golden " + name, header + "\n" + member + "\n}\n"));
        }

        // The samples' [Loss] methods, each in the wrapper.
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "samples"), "*.cs", SearchOption.AllDirectories)
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
                     .OrderBy(f => f, StringComparer.Ordinal))
        {
            var sample = Path.GetFileName(Path.GetDirectoryName(file)!);
            foreach (var method in LossMethods(File.ReadAllText(file)))
            {
                losses.AddRange(Split($"sample {sample}.{method.Identifier.Text}", Wrapper + method.ToFullString() + "}\n"));
            }
        }

        // The built-ins, each in the wrapper.
        foreach (var file in new[] { "Losses.cs", "Losses.Rows.cs" })
        {
            foreach (var method in LossMethods(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "LossGen.Runtime", file))))
            {
                losses.AddRange(Split($"built-in {method.Identifier.Text}", Wrapper + method.ToFullString() + "}\n"));
            }
        }

        return losses;
    }

    private static IEnumerable<MethodDeclarationSyntax> LossMethods(string text) =>
        CSharpSyntaxTree.ParseText(text).GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>()
            .Where(m => m.AttributeLists.SelectMany(l => l.Attributes).Any(a => a.Name.ToString() is "Loss" or "LossGen.Loss"));

    private static IEnumerable<LossSource> Split(string name, string text)
    {
        var root = SyntaxFactory.ParseCompilationUnit(text, options: GeneratorHarness.ParseOptions);
        var methods = root.DescendantNodes().OfType<MethodDeclarationSyntax>().ToList();
        Assert.True(methods.Count == 1, $"{name}: expected one method in\n{text}");
        return methods.Select(m => new LossSource(name, text, m.FullSpan.Start, m.FullSpan.End));
    }

    // ---------------------------------------------------------------- the mutations

    /// <summary>Every mutant of one kind, deterministically (a seed per kind, the losses in a fixed order), duplicates removed.</summary>
    public static IReadOnlyList<Mutant> Mutants(string kind)
    {
        var random = new Random(1900 + Array.IndexOf(Kinds, kind));
        var mutants = new List<Mutant>();
        var seen = new HashSet<string>();
        foreach (var loss in Losses)
        {
            foreach (var mutant in Mutate(kind, loss, loss.Parse(), random))
            {
                if (seen.Add(mutant.Text))
                {
                    mutants.Add(mutant);
                }
            }
        }

        return mutants;
    }

    private static IEnumerable<Mutant> Mutate(string kind, LossSource loss, MethodDeclarationSyntax method, Random random)
    {
        var tokens = method.DescendantTokens().ToList();
        var body = (method.Body is not null ? method.Body.DescendantTokens() : method.ExpressionBody!.DescendantTokens()).ToList();
        Mutant Splice(int start, int length, string replacement, string what) => new(kind, loss, start, length, replacement, what);
        Mutant Delete(SyntaxToken token, string what) => Splice(token.SpanStart, token.Span.Length, "", what);

        switch (kind)
        {
            case "delete tokens":
                for (var i = 0; i < 30; i++)
                {
                    var count = random.Next(1, 6);
                    var first = random.Next(tokens.Count - count + 1);
                    var start = tokens[first].SpanStart;
                    var end = tokens[first + count - 1].Span.End;
                    yield return Splice(start, end - start, "", $"deleted {count} token(s) `{loss.Text[start..end]}` at {start}");
                }

                break;

            case "truncate body":
                // At every body token (at most 40 per loss), the rest of the method cut off; every other one with the
                // rest of the file too, as when typing at the end of a file.
                foreach (var (token, index) in body.Select((t, i) => (t, i)).OrderBy(_ => random.Next()).Take(40))
                {
                    var toEnd = index % 2 == 1;
                    var end = toEnd ? loss.Text.Length : loss.MethodEnd;
                    yield return Splice(token.SpanStart, end - token.SpanStart, "", $"cut at `{token.Text}` ({token.SpanStart}){(toEnd ? " to the end of the file" : "")}");
                }

                break;

            case "duplicate parameter":
                foreach (var parameter in method.ParameterList.Parameters)
                {
                    yield return Splice(parameter.Span.End, 0, ", " + parameter.ToString(), $"duplicated {parameter.Identifier.Text}");
                    yield return Splice(parameter.SpanStart, 0, parameter.Type + " " + parameter.Identifier.Text + ", ", $"a bare copy of {parameter.Identifier.Text} before it");
                }

                break;

            case "rename parameter":
                foreach (var parameter in method.ParameterList.Parameters)
                {
                    var identifier = parameter.Identifier;
                    yield return Splice(identifier.Span.End, 0, "2", $"renamed {identifier.Text} to {identifier.Text}2");
                    yield return Splice(identifier.SpanStart, identifier.Span.Length, identifier.Text[..^1], $"renamed {identifier.Text} to {identifier.Text[..^1]}");
                    yield return Splice(identifier.SpanStart, identifier.Span.Length, "", $"deleted the name of {identifier.Text}");
                }

                // And a use renamed, the declaration kept.
                foreach (var use in body.Where(t => t.IsKind(SyntaxKind.IdentifierToken) && method.ParameterList.Parameters.Any(p => p.Identifier.Text == t.Text)).OrderBy(_ => random.Next()).Take(3))
                {
                    yield return Splice(use.Span.End, 0, "x", $"renamed the use of {use.Text} at {use.SpanStart}");
                }

                break;

            case "float/double swap":
                foreach (var token in tokens)
                {
                    if (token.IsKind(SyntaxKind.DoubleKeyword))
                    {
                        yield return Splice(token.SpanStart, token.Span.Length, "float", $"double → float at {token.SpanStart}");
                    }
                    else if (token.IsKind(SyntaxKind.FloatKeyword))
                    {
                        yield return Splice(token.SpanStart, token.Span.Length, "double", $"float → double at {token.SpanStart}");
                    }
                    else if (token.IsKind(SyntaxKind.NumericLiteralToken))
                    {
                        var text = token.Text;
                        var swapped = text.EndsWith('f') || text.EndsWith('F') ? text[..^1] + "d"
                            : text.EndsWith('d') || text.EndsWith('D') ? text[..^1] + "f"
                            : text + "f";
                        yield return Splice(token.SpanStart, token.Span.Length, swapped, $"literal {text} → {swapped}");
                        if (!text.Contains('.') && !text.Contains('e') && char.IsDigit(text[^1]))
                        {
                            yield return Splice(token.SpanStart, token.Span.Length, text + ".0", $"literal {text} → {text}.0");
                        }
                    }
                    else if (token.IsKind(SyntaxKind.IdentifierToken) && token.Text == "T" && token.SpanStart < method.ParameterList.Span.End
                             && token.Parent is IdentifierNameSyntax)
                    {
                        // A generic loss's T in its signature, as a concrete type.
                        yield return Splice(token.SpanStart, token.Span.Length, "double", $"T → double at {token.SpanStart}");
                        yield return Splice(token.SpanStart, token.Span.Length, "float", $"T → float at {token.SpanStart}");
                    }
                }

                break;

            case "garbage token":
                string[] garbage = ["@", "#", "$", "??", "=>", "?", ";", ",", ".", "var", "return", "x", "fooBar", "T", "default", "\"", "'"];
                for (var i = 0; i < 30; i++)
                {
                    var token = tokens[random.Next(tokens.Count)];
                    var inserted = garbage[random.Next(garbage.Length)];
                    var spaced = random.Next(2) == 0 ? inserted + " " : " " + inserted;
                    var at = random.Next(2) == 0 ? token.SpanStart : token.Span.End;
                    yield return Splice(at, 0, spaced, $"inserted `{inserted}` at {at}");
                }

                break;

            case "parenthesis":
                foreach (var token in tokens.Where(t => t.IsKind(SyntaxKind.OpenParenToken) || t.IsKind(SyntaxKind.CloseParenToken)))
                {
                    yield return Delete(token, $"deleted `{token.Text}` at {token.SpanStart}");
                }

                for (var i = 0; i < 15; i++)
                {
                    var token = tokens[random.Next(tokens.Count)];
                    var paren = random.Next(2) == 0 ? "(" : ")";
                    yield return Splice(token.SpanStart, 0, paren, $"inserted `{paren}` at {token.SpanStart}");
                }

                break;

            case "no constraint":
                foreach (var clause in method.ConstraintClauses)
                {
                    yield return Splice(clause.SpanStart, clause.Span.Length, "", "removed the where clause");
                    var colon = clause.ColonToken.Span.End;
                    yield return Splice(colon, clause.Span.End - colon, "", "`where T :` without a constraint");
                    foreach (var constraint in clause.Constraints.OfType<TypeConstraintSyntax>())
                    {
                        var type = constraint.Type.ToString();
                        if (type.EndsWith("<T>", StringComparison.Ordinal))
                        {
                            yield return Splice(constraint.Type.SpanStart, constraint.Type.Span.Length, type[..^3], "the constraint without <T>");
                            yield return Splice(constraint.Type.SpanStart, constraint.Type.Span.Length, "System.Numerics.INumber<T>", "a weaker constraint, INumber<T>");
                        }

                        yield return Splice(constraint.Type.SpanStart, constraint.Type.Span.Length, "struct", "`where T : struct`");
                    }

                    yield return Splice(clause.WhereKeyword.SpanStart, clause.WhereKeyword.Span.Length, "", "the `where` keyword deleted");
                }

                // A non-generic loss made generic without any constraint.
                if (method.TypeParameterList is null)
                {
                    yield return Splice(method.Identifier.Span.End, 0, "<T>", "a type parameter T without a constraint");
                }
                else
                {
                    yield return Splice(method.TypeParameterList.SpanStart, method.TypeParameterList.Span.Length, "", "the type parameter list deleted, the where clause kept");
                }

                break;

            case "row lambda":
                foreach (var lambda in method.DescendantNodes().OfType<LambdaExpressionSyntax>())
                {
                    var arrow = lambda.ArrowToken;
                    var parameters = lambda switch
                    {
                        ParenthesizedLambdaExpressionSyntax p => (SyntaxNode)p.ParameterList,
                        SimpleLambdaExpressionSyntax s => s.Parameter,
                        _ => throw new InvalidOperationException(),
                    };
                    yield return Splice(parameters.SpanStart, parameters.Span.Length, "", "the lambda's parameter list removed");
                    yield return Delete(arrow, "the lambda's => removed");
                    yield return Splice(parameters.SpanStart, arrow.Span.End - parameters.SpanStart, "", "the lambda's parameters and => removed");
                    yield return Splice(lambda.Body.SpanStart, lambda.Body.Span.Length, "", "the lambda's body removed");
                    yield return Splice(lambda.SpanStart, lambda.Span.Length, "", "the lambda removed");
                    yield return Splice(parameters.SpanStart, parameters.Span.Length, "(x, t, u)", "a third lambda parameter");
                    yield return Splice(parameters.SpanStart, parameters.Span.Length, "()", "no lambda parameters");
                    yield return Splice(parameters.SpanStart, parameters.Span.Length, "(double x, double t)", "typed lambda parameters");
                    yield return Splice(lambda.Body.Span.End, 0, ";", "a ; after the lambda body");
                    yield return Splice(lambda.Body.SpanStart, 0, "{ ", "an unclosed { before the lambda body");
                    yield return Splice(lambda.Body.SpanStart, lambda.Body.Span.Length, "{ return " + lambda.Body + "; }", "a block body");
                    yield return Splice(lambda.Body.SpanStart, lambda.Body.Span.Length, "{ return " + lambda.Body + " }", "a block body without ;");
                    foreach (var modifier in lambda.Modifiers)
                    {
                        yield return Delete(modifier, $"`{modifier.Text}` removed from the lambda");
                    }

                    foreach (var token in lambda.Body.DescendantTokens().OrderBy(_ => random.Next()).Take(6))
                    {
                        yield return Splice(token.SpanStart, lambda.Span.End - token.SpanStart, "", $"the lambda cut at `{token.Text}` ({token.SpanStart})");
                    }
                }

                // A row loss without a lambda gets one half-typed: Sum(x, x =>) where a row is summed.
                foreach (var call in method.DescendantNodes().OfType<InvocationExpressionSyntax>()
                             .Where(c => c.Expression.ToString() is "LossMath.Sum" or "LossMath.Mean" && c.ArgumentList.Arguments.Count == 1))
                {
                    var last = call.ArgumentList.Arguments[0];
                    yield return Splice(last.Span.End, 0, ", x =>", $"`, x =>` typed into {call}");
                    yield return Splice(last.Span.End, 0, ", (x) => x *", $"`, (x) => x *` typed into {call}");
                    yield return Splice(last.Span.End, 0, ", static x => x * y", $"a lambda using an unknown name typed into {call}");
                }

                break;

            case "modifiers":
                foreach (var modifier in method.Modifiers)
                {
                    yield return Delete(modifier, $"`{modifier.Text}` removed");
                }

                yield return Splice(method.Modifiers.First().SpanStart, method.Modifiers.Span.Length, "", "every modifier removed");
                yield return Splice(method.Modifiers.First().SpanStart, 0, "async ", "`async` added");
                yield return Splice(method.Modifiers.First().SpanStart, 0, "extern ", "`extern` added");
                yield return Splice(method.Modifiers.First().SpanStart, 0, "virtual ", "`virtual` added");
                yield return Splice(method.Modifiers.Span.End, 0, " partial", "`partial` twice");
                break;

            case "attribute bracket":
                foreach (var list in method.AttributeLists)
                {
                    yield return Delete(list.CloseBracketToken, $"`]` of `{list}` removed");
                    yield return Delete(list.OpenBracketToken, $"`[` of `{list}` removed");
                    foreach (var attribute in list.Attributes)
                    {
                        if (attribute.ArgumentList is { } arguments)
                        {
                            yield return Delete(arguments.CloseParenToken, $"`)` of `{attribute}` removed");
                            yield return Splice(arguments.CloseParenToken.SpanStart, list.CloseBracketToken.Span.End - arguments.CloseParenToken.SpanStart, "", $"`)]` of `{attribute}` removed");
                        }
                        else
                        {
                            yield return Splice(attribute.Span.End, 0, "(", $"`(` typed after `{attribute}`");
                            yield return Splice(attribute.Span.End, 0, "(Labels = ", $"`(Labels = ` typed after `{attribute}`");
                            yield return Splice(attribute.Span.End, 0, "(HasTarget = ", $"`(HasTarget = ` typed after `{attribute}`");
                        }
                    }
                }

                foreach (var parameter in method.ParameterList.Parameters)
                {
                    foreach (var list in parameter.AttributeLists)
                    {
                        yield return Delete(list.CloseBracketToken, $"`]` of `{list}` removed");
                        foreach (var attribute in list.Attributes.Where(a => a.ArgumentList is not null))
                        {
                            yield return Delete(attribute.ArgumentList!.CloseParenToken, $"`)` of `{attribute}` removed");
                        }
                    }
                }

                break;

            default:
                throw new ArgumentException("unknown mutation kind " + kind, nameof(kind));
        }
    }

    // ---------------------------------------------------------------- running

    /// <summary>The references read once and the compiler's bound reference symbols shared by every mutant's compilation.</summary>
    private static readonly Lazy<CSharpCompilation> Empty = new(() => GeneratorHarness.Compile());

    /// <summary>Runs one source through the generator, analyzers and suppressor as <see cref="GeneratorHarness.Run(string[])"/> does, on shared references.</summary>
    public static GeneratorRun Run(string source) =>
        GeneratorHarness.Run(
            GeneratorHarness.CreateDriver(),
            Empty.Value.AddSyntaxTrees(CSharpSyntaxTree.ParseText(source, GeneratorHarness.ParseOptions, path: "Source0.cs")));

    /// <summary>Every loss run once unmutated, so that no mutant's time includes the JIT's first compilation of the generator.</summary>
    private static readonly Lazy<bool> Warm = new(() =>
    {
        Parallel.ForEach(Losses, loss => Run(loss.Text));
        return true;
    });

    /// <summary>What is wrong with a run, or null: a generator exception, or an error in generated code.</summary>
    public static string? Problem(GeneratorRun run)
    {
        var problems = new List<string>();
        problems.AddRange(run.AllDiagnostics.Where(d => d.Id is "CS8785" or "LG9999" or "AD0001").Select(d => "generator or analyzer failure: " + d));
        problems.AddRange(run.Driver.GetRunResult().Results.Where(r => r.Exception is not null).Select(r => "generator exception: " + r.Exception));
        var generated = run.Driver.GetRunResult().GeneratedTrees.ToHashSet();
        var generatedPaths = generated.Select(t => t.FilePath).ToHashSet();
        problems.AddRange(run.AllDiagnostics
            .Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree is { } tree && (generated.Contains(tree) || generatedPaths.Contains(tree.FilePath)))
            .Select(d => $"error in generated code: {d}\n    at: `{ErrorLine(d)}`"));
        return problems.Count == 0 ? null : string.Join("\n", problems);
    }

    private static string ErrorLine(Diagnostic diagnostic)
    {
        var text = diagnostic.Location.SourceTree!.GetText();
        return text.Lines[diagnostic.Location.GetLineSpan().StartLinePosition.Line].ToString().Trim();
    }

    /// <summary>A failure's signature, to count distinct causes: the problem without positions and names.</summary>
    private static string Signature(string problem) =>
        string.Join(" | ", problem.Split('\n').Where(l => !l.StartsWith("    at", StringComparison.Ordinal)).Select(l =>
            System.Text.RegularExpressions.Regex.Replace(l, @"\(\d+,\d+\): |'[^']*'|\d+", "_")).Distinct().Order());

    [Fact]
    public void Every_loss_compiles_clean_before_mutation()
    {
        Assert.True(Losses.Count >= 30, $"only {Losses.Count} losses found");
        Assert.Equal(9, Losses.Count(l => l.Name.StartsWith("golden ", StringComparison.Ordinal)));
        Assert.True(Losses.Count(l => l.Name.StartsWith("sample ", StringComparison.Ordinal)) >= 3);
        Assert.Equal(21, Losses.Count(l => l.Name.StartsWith("built-in ", StringComparison.Ordinal)));
        Parallel.ForEach(Losses, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, loss =>
        {
            var run = Run(loss.Text);
            Assert.Null(Problem(run));
            var errors = run.AllDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Assert.True(errors.Count == 0, $"{loss.Name}:\n{string.Join("\n", errors)}\n{loss.Text}");
            Assert.NotEmpty(run.Driver.GetRunResult().GeneratedTrees);
        });
        output.WriteLine(string.Join("\n", Losses.Select(l => l.Name)));
    }

    [Theory]
    [MemberData(nameof(KindData))]
    public void The_generator_survives_half_typed_code(string kind)
    {
        var mutants = Mutants(kind);
        Assert.NotEmpty(mutants);
        _ = Warm.Value;
        var failures = new ConcurrentBag<(Mutant Mutant, string Problem)>();
        var times = new ConcurrentBag<(Mutant Mutant, TimeSpan Time)>();
        var slow = new ConcurrentBag<Mutant>();
        var total = Stopwatch.StartNew();
        Parallel.ForEach(mutants, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, mutant =>
        {
            var text = mutant.Text;
            var stopwatch = Stopwatch.StartNew();
            var task = Task.Run(() => Run(text));
            if (!task.Wait(Hang))
            {
                failures.Add((mutant, $"no end after {Hang.TotalSeconds} s"));
                return;
            }

            stopwatch.Stop();
            times.Add((mutant, stopwatch.Elapsed));
            if (Problem(task.Result) is { } problem)
            {
                failures.Add((mutant, problem));
            }
            else if (stopwatch.Elapsed > Limit)
            {
                slow.Add(mutant);
            }
        });

        foreach (var mutant in slow.OrderBy(m => mutants.ToList().IndexOf(m)))
        {
            var again = Stopwatch.StartNew();
            Run(mutant.Text);
            if (again.Elapsed > Limit)
            {
                failures.Add((mutant, $"the run took {again.Elapsed.TotalSeconds:F1} s alone, over {Limit.TotalSeconds} s"));
            }
            else
            {
                output.WriteLine($"timed again alone ({again.Elapsed.TotalMilliseconds:F0} ms, within the limit): {mutant.Loss.Name}, {mutant.What}");
            }
        }

        total.Stop();

        var slowest = times.OrderByDescending(t => t.Time).First();
        output.WriteLine($"{kind}: {mutants.Count} mutants of {mutants.Select(m => m.Loss.Name).Distinct().Count()} losses in {total.Elapsed.TotalSeconds:F1} s; "
                         + $"mean {times.Average(t => t.Time.TotalMilliseconds):F0} ms; slowest {slowest.Time.TotalMilliseconds:F0} ms: {slowest.Mutant.Loss.Name}, {slowest.Mutant.What}");
        foreach (var loss in mutants.GroupBy(m => m.Loss.Name))
        {
            output.WriteLine($"  {loss.Key}: {loss.Count()}");
        }

        if (!failures.IsEmpty)
        {
            // Failures in a fixed order; the first of each distinct cause shown in full.
            var ordered = failures.OrderBy(f => mutants.ToList().IndexOf(f.Mutant)).ToList();
            var causes = ordered.GroupBy(f => Signature(f.Problem)).ToList();
            var message = $"{failures.Count} of {mutants.Count} '{kind}' mutants fail, {causes.Count} distinct cause(s):\n\n"
                          + string.Join("\n\n", causes.Select(c => $"[{c.Count()} mutant(s)] {c.First().Problem}\n{c.First().Mutant.Describe()}"));
            output.WriteLine(message);
            Assert.Fail(message);
        }
    }
}
