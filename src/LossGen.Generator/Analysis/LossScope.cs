using System.Linq;
using LossGen.Generator.Parsing;
using Microsoft.CodeAnalysis;

namespace LossGen.Generator.Analysis;

/// <summary>
/// What the stability rules know of the method whose body they read: in a <c>[Loss]</c> method, which parameter is
/// the prediction and which are hyperparameters; a <c>[Differentiable]</c> helper has neither.
/// </summary>
internal sealed class LossScope
{
    private readonly IMethodSymbol _method;
    private readonly int _firstHyperparameter;

    private LossScope(IMethodSymbol method, IParameterSymbol? prediction, int firstHyperparameter)
    {
        _method = method;
        Prediction = prediction;
        _firstHyperparameter = firstHyperparameter;
    }

    /// <summary>The prediction of a <c>[Loss]</c> method; null in a helper.</summary>
    public IParameterSymbol? Prediction { get; }

    /// <summary>The scope of <paramref name="method"/>, or null when it is neither a <c>[Loss]</c> method nor a <c>[Differentiable]</c> helper.</summary>
    public static LossScope? Of(IMethodSymbol method)
    {
        var loss = method.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == KnownCalls.LossAttributeType);
        if (loss is null)
        {
            return KnownCalls.HasAttribute(method, KnownCalls.DifferentiableAttributeType) ? new LossScope(method, null, int.MaxValue) : null;
        }

        var hasTarget = loss.NamedArguments.FirstOrDefault(a => a.Key == "HasTarget").Value.Value is not false;
        return new LossScope(method, method.Parameters.FirstOrDefault(), hasTarget ? 2 : 1);
    }

    /// <summary>Whether <paramref name="parameter"/> is one of this loss's hyperparameters (not its prediction, target or a per-element input).</summary>
    public bool IsHyperparameter(IParameterSymbol parameter) =>
        KnownCalls.SameMethod(parameter.ContainingSymbol, _method) &&
        parameter.Ordinal >= _firstHyperparameter &&
        !KnownCalls.ParameterAttributes(parameter).Any(a => a.AttributeClass?.ToDisplayString() == KnownCalls.PerElementAttributeType);
}
