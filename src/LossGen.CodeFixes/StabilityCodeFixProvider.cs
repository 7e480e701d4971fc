using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LossGen.Generator.Analysis;
using LossGen.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace LossGen.CodeFixes;

/// <summary>
/// Rewrites an unstable form the <see cref="StabilityAnalyzer"/> found into its stable <c>LossMath</c> function:
/// <c>Math.Log(1 + Math.Exp(x))</c> becomes <c>LossMath.Softplus(x)</c>. The rewrite comes with the diagnostic, so
/// this only rebuilds it at the reported spans; the name is simplified to what the file's usings allow.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(StabilityCodeFixProvider))]
[Shared]
public sealed class StabilityCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.UseSoftplusId,
        DiagnosticDescriptors.UseLogSigmoidId,
        DiagnosticDescriptors.UseLogCoshId,
        DiagnosticDescriptors.UseXlogyId,
        DiagnosticDescriptors.UseLog1pId,
        DiagnosticDescriptors.UseExpm1Id);

    /// <summary>
    /// One key for every rewrite: Fix All keeps the fixes whose key is the one it was started from, and
    /// <c>dotnet format analyzers</c> starts each ID's Fix All from the first diagnostic of any ID, so a key per
    /// function (Softplus, Log1p) would fix only the first ID it is given.
    /// </summary>
    private const string EquivalenceKey = "LossGen.StableRewrite";

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (Expression(root, diagnostic.Location) is not { } unstable)
            {
                continue;
            }

            var arguments = diagnostic.AdditionalLocations.Select(l => Expression(root, l)).ToList();
            if (arguments.Any(a => a is null) || StableRewrite.FromProperties(diagnostic.Properties, arguments!) is not { } rewrite)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create("Use LossMath." + rewrite.Function, cancellationToken => Apply(context.Document, root, unstable, rewrite, cancellationToken), EquivalenceKey),
                diagnostic);
        }
    }

    private static Task<Document> Apply(Document document, SyntaxNode root, ExpressionSyntax unstable, StableRewrite rewrite, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var lossMath = SyntaxFactory.ParseExpression("global::LossGen.LossMath").WithAdditionalAnnotations(Simplifier.Annotation);
        var stable = rewrite.Build(lossMath).WithTriviaFrom(unstable).WithAdditionalAnnotations(Formatter.Annotation);
        return Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(unstable, stable)));
    }

    /// <summary>The expression a location spans exactly, or null.</summary>
    private static ExpressionSyntax? Expression(SyntaxNode root, Location location)
    {
        if (!location.IsInSource || !root.FullSpan.Contains(location.SourceSpan))
        {
            return null;
        }

        return root.FindNode(location.SourceSpan, getInnermostNodeForTie: true)
            .AncestorsAndSelf()
            .OfType<ExpressionSyntax>()
            .FirstOrDefault(e => e.Span == location.SourceSpan);
    }
}
