using System.Collections.Immutable;
using System.Linq;
using LossGen.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LossGen.Generator.Analysis;

/// <summary>
/// Reports numerically unstable forms in <c>[Loss]</c> bodies and <c>[Differentiable]</c> helpers
/// (<see cref="StabilityRules"/>), at the form itself, with the stable rewrite the code fix applies.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class StabilityAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.UseSoftplus,
        DiagnosticDescriptors.UseLogSigmoid,
        DiagnosticDescriptors.UseLogCosh,
        DiagnosticDescriptors.UnclampedLog,
        DiagnosticDescriptors.UseXlogy,
        DiagnosticDescriptors.FractionalPowerAtZero,
        DiagnosticDescriptors.DivisionByHyperparameter,
        DiagnosticDescriptors.UseLog1p,
        DiagnosticDescriptors.UseExpm1);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterOperationBlockStartAction(static start =>
        {
            if (start.OwningSymbol is not IMethodSymbol method || LossScope.Of(method) is not { } scope)
            {
                return;
            }

            start.RegisterOperationAction(
                operation =>
                {
                    if (StabilityRules.Check(operation.Operation, scope) is { } finding)
                    {
                        operation.ReportDiagnostic(Diagnostic.Create(
                            finding.Descriptor,
                            finding.At.GetLocation(),
                            finding.Rewrite?.ArgumentLocations ?? Enumerable.Empty<Location>(),
                            finding.Rewrite?.Properties,
                            finding.MessageArguments.ToArray<object>()));
                    }
                },
                OperationKind.Invocation,
                OperationKind.Binary);
        });
    }
}
