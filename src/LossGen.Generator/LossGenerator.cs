using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using LossGen.Generator.Diagnostics;
using LossGen.Generator.Emit;
using LossGen.Generator.Model;
using LossGen.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace LossGen.Generator;

/// <summary>
/// Finds <c>[Loss]</c> methods and reads each into a model, the method as written (<see cref="LossReader"/>); then, only
/// for the models that changed, builds the IR, differentiates, plans and emits its loss type (<see cref="LossEmitter"/>).
/// </summary>
/// <remarks>
/// The reading step runs again for every <c>[Loss]</c> method on every compilation change, so it only captures what
/// the method says; the driver skips the later steps for every model equal to the last one.
/// </remarks>
[Generator(LanguageNames.CSharp)]
public sealed class LossGenerator : IIncrementalGenerator
{
    internal const string LossAttribute = KnownCalls.LossAttributeType;

    /// <summary>Tracking names of the pipeline steps, for incremental-caching tests.</summary>
    internal static class Steps
    {
        public const string Read = "Read";
        public const string Models = "Models";
        public const string Generated = "Generated";
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

        var generated = results
            .Select(static (result, _) => result.Model)
            .Where(static model => model is not null)
            .WithTrackingName(Steps.Models)
            .Select(static (model, _) => LossEmitter.Emit(model!))
            .WithTrackingName(Steps.Generated);

        context.RegisterSourceOutput(generated, static (output, loss) =>
        {
            if (loss.Source is not null)
            {
                output.AddSource(loss.HintName, SourceText.From(loss.Source, System.Text.Encoding.UTF8));
            }
        });

        // The reader's diagnostics, and those of the emitting step, which need the read result's position in the file.
        var diagnostics = results
            .Select(static (result, _) => (result.Model?.HintName, result.Diagnostics, result.ConstantLoss))
            .Collect()
            .Combine(generated.Where(static loss => loss.IsConstant || loss.Error is not null).Collect())
            .WithTrackingName(Steps.Diagnostics);

        context.RegisterSourceOutput(diagnostics, static (output, all) => Report(output, all.Left, all.Right));
    }

    private static void Report(
        SourceProductionContext output,
        ImmutableArray<(string? HintName, EquatableArray<DiagnosticInfo> Diagnostics, DiagnosticInfo? ConstantLoss)> read,
        ImmutableArray<GeneratedLoss> findings)
    {
        var constant = new HashSet<string>(findings.Where(f => f.IsConstant).Select(f => f.HintName));
        foreach (var diagnostic in read.SelectMany(r => r.Diagnostics).Distinct())
        {
            output.ReportDiagnostic(diagnostic.ToDiagnostic());
        }

        foreach (var (hintName, _, constantLoss) in read)
        {
            if (hintName is not null && constantLoss is not null && constant.Contains(hintName))
            {
                output.ReportDiagnostic(constantLoss.ToDiagnostic());
            }
        }

        foreach (var failed in findings.Where(f => f.Error is not null))
        {
            // A bug of ours must surface as a diagnostic, never as a generator crash that hides everything else.
            output.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InternalError, Location.None, failed.MethodName, failed.Error));
        }
    }
}
