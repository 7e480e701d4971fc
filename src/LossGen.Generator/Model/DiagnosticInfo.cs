using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace LossGen.Generator.Model;

/// <summary>
/// A diagnostic as a value: descriptor, syntax tree and span, rebuilt into a <see cref="Diagnostic"/> only when
/// reported, so models stay equatable and the diagnostic stays in source (where <c>#pragma</c> applies).
/// </summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, SyntaxTree SyntaxTree, TextSpan Span, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, SyntaxNode node, params string[] arguments) =>
        Create(descriptor, node.GetLocation(), arguments);

    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, Location location, params string[] arguments) =>
        new(descriptor, location.SourceTree!, location.SourceSpan, new EquatableArray<string>(arguments));

    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(Descriptor, Location.Create(SyntaxTree, Span), System.Linq.Enumerable.ToArray<object>(Arguments));

    public bool IsError => Descriptor.DefaultSeverity == DiagnosticSeverity.Error;
}
