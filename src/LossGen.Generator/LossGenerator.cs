using System.Linq;
using LossGen.Generator.Emit;
using LossGen.Generator.Model;
using LossGen.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace LossGen.Generator;

/// <summary>
/// Finds <c>[Loss]</c> methods, reads each into a model (<see cref="LossReader"/>), and emits its loss type
/// (<see cref="LossEmitter"/>). Differentiation and simplification happen in the emitter, from the model alone.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class LossGenerator : IIncrementalGenerator
{
    internal const string LossAttribute = KnownCalls.LossAttributeType;

    /// <summary>Tracking names of the pipeline steps, for incremental-caching tests.</summary>
    internal static class Steps
    {
        public const string Read = "Read";
        public const string Models = "Models";
        public const string Diagnostics = "Diagnostics";
    }

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var results = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                LossAttribute,
                static (node, _) => node is MethodDeclarationSyntax,
                static (context, cancellationToken) => LossReader.Read(context, cancellationToken))
            .WithTrackingName(Steps.Read);

        var models = results
            .Select(static (result, _) => result.Model)
            .Where(static model => model is not null)
            .WithTrackingName(Steps.Models);

        var diagnostics = results
            .Select(static (result, _) => result.Diagnostics)
            .Collect()
            .WithTrackingName(Steps.Diagnostics);

        context.RegisterSourceOutput(models, static (output, model) =>
        {
            string source;
            try
            {
                source = LossEmitter.Emit(model!);
            }
            catch (System.Exception exception)
            {
                // A bug of ours must surface as a diagnostic, never as a generator crash that hides everything else.
                output.ReportDiagnostic(Diagnostic.Create(Diagnostics.DiagnosticDescriptors.InternalError, Location.None, model!.MethodName, exception.Message));
                return;
            }

            output.AddSource(model!.HintName, SourceText.From(source, System.Text.Encoding.UTF8));
        });

        context.RegisterSourceOutput(diagnostics, static (output, all) =>
        {
            foreach (var diagnostic in all.SelectMany(d => d).Distinct())
            {
                output.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
        });
    }
}
