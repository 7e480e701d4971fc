using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LossGen.CodeFixes;
using LossGen.Generator.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace LossGen.Tests.Infrastructure;

/// <summary>Applies LossGen's code fixes the way an IDE does: in a workspace, through the code action's operations.</summary>
public static class CodeFixHarness
{
    /// <summary>
    /// Runs the stability analyzer over <paramref name="source"/>, asserts it reports <paramref name="id"/> once and that
    /// one fix is offered for it, and returns the source after that fix (simplified and formatted as the IDE would).
    /// </summary>
    public static (string Title, string Source) Fix(string source, string id)
    {
        using var workspace = new AdhocWorkspace();
        var document = AddDocument(workspace, source);
        var diagnostic = Assert.Single(AnalyzerDiagnostics(document), d => d.Id == id);

        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        new StabilityCodeFixProvider().RegisterCodeFixesAsync(context).GetAwaiter().GetResult();
        var fix = Assert.Single(actions);
        var operations = fix.GetOperationsAsync(CancellationToken.None).GetAwaiter().GetResult();
        var changed = Assert.Single(operations.OfType<ApplyChangesOperation>()).ChangedSolution;
        return (fix.Title, changed.GetDocument(document.Id)!.GetTextAsync().GetAwaiter().GetResult().ToString());
    }

    /// <summary>Whether any fix is offered for the one <paramref name="id"/> the analyzer reports in <paramref name="source"/>.</summary>
    public static bool OffersFix(string source, string id)
    {
        using var workspace = new AdhocWorkspace();
        var document = AddDocument(workspace, source);
        var diagnostic = Assert.Single(AnalyzerDiagnostics(document), d => d.Id == id);
        var provider = new StabilityCodeFixProvider();
        if (!provider.FixableDiagnosticIds.Contains(id))
        {
            return false;
        }

        var actions = new List<CodeAction>();
        provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None)).GetAwaiter().GetResult();
        return actions.Count > 0;
    }

    /// <summary>
    /// Runs Fix All over the one document for <paramref name="ids"/>, one ID after another from the same start as
    /// <c>dotnet format analyzers --diagnostics</c>: the equivalence key of the fix offered for the first diagnostic the
    /// analyzer reported, whatever its ID. Returns the source after all of them.
    /// </summary>
    public static string FixAll(string source, params string[] ids)
    {
        using var workspace = new AdhocWorkspace();
        var document = AddDocument(workspace, source);
        var provider = new StabilityCodeFixProvider();
        foreach (var id in ids)
        {
            var diagnostics = AnalyzerDiagnostics(document);
            Assert.Contains(diagnostics, d => d.Id == id);
            var actions = new List<CodeAction>();
            provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostics[0], (action, _) => actions.Add(action), CancellationToken.None)).GetAwaiter().GetResult();
            var context = new FixAllContext(document, provider, FixAllScope.Document, actions[0].EquivalenceKey, new[] { id }, new FixedDiagnostics(diagnostics), CancellationToken.None);
            var fixAll = provider.GetFixAllProvider()!.GetFixAsync(context).GetAwaiter().GetResult();
            Assert.True(fixAll is not null, $"Fix All for {id} returned no action");
            var operations = fixAll!.GetOperationsAsync(CancellationToken.None).GetAwaiter().GetResult();
            document = Assert.Single(operations.OfType<ApplyChangesOperation>()).ChangedSolution.GetDocument(document.Id)!;
        }

        return document.GetTextAsync().GetAwaiter().GetResult().ToString();
    }

    private sealed class FixedDiagnostics(ImmutableArray<Diagnostic> diagnostics) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);
    }

    private static Document AddDocument(AdhocWorkspace workspace, string source)
    {
        var project = workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(),
            VersionStamp.Default,
            "LossGenCodeFixTest",
            "LossGenCodeFixTest",
            LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: GeneratorHarness.ParseOptions,
            metadataReferences: Basic.Reference.Assemblies.Net100.References.All.Append(MetadataReference.CreateFromFile(typeof(LossAttribute).Assembly.Location))));
        return workspace.AddDocument(project.Id, "Source0.cs", SourceText.From(source));
    }

    private static ImmutableArray<Diagnostic> AnalyzerDiagnostics(Document document)
    {
        var compilation = document.Project.GetCompilationAsync().GetAwaiter().GetResult()!;
        return compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new StabilityAnalyzer()))
            .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
    }
}
