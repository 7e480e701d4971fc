using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;
using LossGen.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace LossGen.Generator.Widths;

/// <summary>
/// Compiles LossGen.Runtime's vector math at the narrower widths from one source: every file holding a declaration
/// marked <c>[LossGen.Internal.WidthTemplate(width, target)]</c> is read (<see cref="WidthTemplateReader"/>) and written
/// again at each target width (<see cref="WidthRewriter"/>), as <c>LossVector256.Math.g.cs</c> from
/// <c>LossVector512.Math.cs</c>.
/// </summary>
/// <remarks>
/// The attribute is internal to the runtime, so in a user's project, which loads this generator too, nothing matches
/// and the only cost is the compiler's syntactic search for an attribute of that name.
/// </remarks>
[Generator(LanguageNames.CSharp)]
public sealed class WidthGenerator : IIncrementalGenerator
{
    internal const string TemplateAttribute = "LossGen.Internal.WidthTemplateAttribute";

    /// <summary>Tracking names of the pipeline steps, for incremental-caching tests.</summary>
    internal static class Steps
    {
        public const string Templates = "WidthTemplates";
        public const string Copies = "WidthCopies";
        public const string Diagnostics = "WidthDiagnostics";
    }

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var templates = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                TemplateAttribute,
                static (node, _) => node is ClassDeclarationSyntax,
                static (context, cancellationToken) => WidthTemplateReader.Read(context, cancellationToken))
            .WithTrackingName(Steps.Templates);

        var copies = templates
            .Combine(context.ParseOptionsProvider)
            .SelectMany(static (pair, cancellationToken) => WidthRewriter.Copy(pair.Left, pair.Right, cancellationToken))
            .WithTrackingName(Steps.Copies);

        context.RegisterSourceOutput(copies.Collect(), static (output, all) => Emit(output, all));

        var diagnostics = templates
            .SelectMany(static (template, _) => template.Diagnostics.AsImmutableArray())
            .WithTrackingName(Steps.Diagnostics);

        context.RegisterSourceOutput(diagnostics, static (output, diagnostic) => output.ReportDiagnostic(diagnostic.ToDiagnostic()));
    }

    private static void Emit(SourceProductionContext output, ImmutableArray<WidthCopy> copies)
    {
        var hintNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var copy in copies)
        {
            if (copy.Source is null)
            {
                Report(output, $"writing {copy.TemplateFile} at {copy.Target} bits failed: {copy.Error}");
            }
            else if (!hintNames.Add(copy.HintName))
            {
                Report(output, $"{copy.HintName} would be generated twice: give each template file its own name and ask for each width once");
            }
            else
            {
                output.AddSource(copy.HintName, SourceText.From(copy.Source, Encoding.UTF8));
            }
        }
    }

    private static void Report(SourceProductionContext output, string problem) =>
        output.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.WidthTemplate, Location.None, problem));
}
