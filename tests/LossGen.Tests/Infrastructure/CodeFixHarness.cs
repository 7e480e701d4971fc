using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
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
