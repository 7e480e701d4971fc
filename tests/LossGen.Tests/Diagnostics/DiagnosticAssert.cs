using System;
using System.Collections.Immutable;
using System.Linq;
using LossGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace LossGen.Tests.Diagnostics;

/// <summary>
/// A test source with one expected span marked <c>[|like this|]</c>, Roslyn-testing style: <see cref="Source"/> is the
/// text without the markers and <see cref="Span"/> the marked text's position in it.
/// </summary>
public sealed record Markup(string Source, TextSpan? Span)
{
    private const string Open = "[|";
    private const string Close = "|]";

    public static Markup Parse(string markup)
    {
        var start = markup.IndexOf(Open, StringComparison.Ordinal);
        if (start < 0)
        {
            Assert.DoesNotContain(Close, markup);
            return new Markup(markup, null);
        }

        var end = markup.IndexOf(Close, start + Open.Length, StringComparison.Ordinal);
        Assert.True(end >= 0, "'[|' without a closing '|]'");
        var source = markup.Substring(0, start) + markup.Substring(start + Open.Length, end - start - Open.Length) + markup.Substring(end + Close.Length);
        Assert.True(source.IndexOf(Open, StringComparison.Ordinal) < 0 && source.IndexOf(Close, StringComparison.Ordinal) < 0, "only one span may be marked");
        return new Markup(source, TextSpan.FromBounds(start, end - Open.Length));
    }
}

/// <summary>Runs the generator over marked-up sources and checks what it reports.</summary>
public static class DiagnosticAssert
{
    /// <summary>The usual head of a test source.</summary>
    public const string Usings = "using System;\nusing LossGen;\n\n";

    /// <summary>
    /// Runs the generator over <paramref name="markups"/> (one of which marks a span) and asserts that the only thing it
    /// reported is one <paramref name="id"/> at exactly that span; returns that diagnostic.
    /// </summary>
    public static Diagnostic ReportsOnly(string id, params string[] markups)
    {
        var (run, expected) = Run(markups);
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        AssertAt(diagnostic, id, expected);
        return diagnostic;
    }

    /// <summary>
    /// Like <see cref="ReportsOnly"/> but lets the generator and analyzers report other IDs too: <paramref name="id"/>
    /// itself (the generator's or an analyzer's) must be reported exactly once, at the marked span.
    /// </summary>
    public static (Diagnostic Diagnostic, GeneratorRun Run) ReportsOnce(string id, params string[] markups)
    {
        var (run, expected) = Run(markups);
        var diagnostic = Assert.Single(run.AllDiagnostics, d => d.Id == id);
        AssertAt(diagnostic, id, expected);
        return (diagnostic, run);
    }

    /// <summary>Runs the generator over sources without markers, asserting it did not throw.</summary>
    public static GeneratorRun RunClean(params string[] sources)
    {
        var run = GeneratorHarness.Run(sources);
        AssertNoGeneratorCrash(run);
        return run;
    }

    public static void AssertNoGeneratorCrash(GeneratorRun run)
    {
        // CS8785: a generator threw; LG9999: LossGen caught a bug of its own.
        Assert.DoesNotContain(run.AllDiagnostics, d => d.Id is "CS8785" or "LG9999");
        Assert.All(run.Driver.GetRunResult().Results, r => Assert.Null(r.Exception));
    }

    /// <summary>The errors of the output compilation, as strings so a failure shows them.</summary>
    public static string[] Errors(GeneratorRun run) =>
        run.AllDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToArray();

    private static (GeneratorRun Run, (string Path, TextSpan Span) Expected) Run(string[] markups)
    {
        var parsed = markups.Select(Markup.Parse).ToArray();
        var marked = Enumerable.Range(0, parsed.Length).Where(i => parsed[i].Span is not null).ToList();
        Assert.True(marked.Count == 1, "exactly one source must mark the expected span");
        var run = GeneratorHarness.Run(parsed.Select(m => m.Source).ToArray());
        AssertNoGeneratorCrash(run);
        return (run, ($"Source{marked[0]}.cs", parsed[marked[0]].Span!.Value));
    }

    private static void AssertAt(Diagnostic diagnostic, string id, (string Path, TextSpan Span) expected)
    {
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(LocationKind.SourceFile, diagnostic.Location.Kind);
        var tree = diagnostic.Location.SourceTree!;
        Assert.Equal(expected.Path, tree.FilePath);
        var text = tree.GetText();
        Assert.True(
            expected.Span == diagnostic.Location.SourceSpan,
            $"expected {id} at '{text.ToString(expected.Span)}' {expected.Span}, reported at '{text.ToString(diagnostic.Location.SourceSpan)}' {diagnostic.Location.SourceSpan}: {diagnostic}");
    }

    /// <summary>The IDs of everything the generator reported, for messages.</summary>
    public static ImmutableArray<string> Ids(GeneratorRun run) => run.GeneratorDiagnostics.Select(d => d.ToString()).ToImmutableArray();
}
