using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LossGen.Generator;

/// <summary>
/// Suppresses CS1066 ("the default value … will have no effect") on the parameters of a <c>[Loss]</c> method:
/// LossGen copies those defaults onto the defining declaration it generates, so they do take effect for callers.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LossDefaultValueSuppressor : DiagnosticSuppressor
{
    private static readonly SuppressionDescriptor DefaultValueIsUsed = new(
        "LGSPR0001",
        "CS1066",
        "LossGen copies the defaults of a [Loss] method onto the generated defining declaration, where callers use them.");

    /// <inheritdoc/>
    public override ImmutableArray<SuppressionDescriptor> SupportedSuppressions => ImmutableArray.Create(DefaultValueIsUsed);

    /// <inheritdoc/>
    public override void ReportSuppressions(SuppressionAnalysisContext context)
    {
        foreach (var diagnostic in context.ReportedDiagnostics)
        {
            var tree = diagnostic.Location.SourceTree;
            if (tree is null)
            {
                continue;
            }

            var node = tree.GetRoot(context.CancellationToken).FindNode(diagnostic.Location.SourceSpan);
            var method = node.FirstAncestorOrSelf<MethodDeclarationSyntax>();
            if (method is null)
            {
                continue;
            }

            var symbol = context.GetSemanticModel(tree).GetDeclaredSymbol(method, context.CancellationToken);
            if (symbol is not null && symbol.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == LossGenerator.LossAttribute))
            {
                context.ReportSuppression(Suppression.Create(DefaultValueIsUsed, diagnostic));
            }
        }
    }
}
