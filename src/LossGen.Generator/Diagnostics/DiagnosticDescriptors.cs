using Microsoft.CodeAnalysis;

namespace LossGen.Generator.Diagnostics;

/// <summary>Every diagnostic LossGen reports. IDs are stable: add new ones, never renumber.</summary>
internal static class DiagnosticDescriptors
{
    public const string MethodMustBeStaticPartialId = "LG0001";
    public const string TypeMustBePartialId = "LG0002";
    public const string UnsupportedElementTypeId = "LG0003";
    public const string MixedPrecisionId = "LG0004";
    public const string UnsupportedParameterModifierId = "LG0005";
    public const string UnsupportedStatementId = "LG0006";
    public const string UnsupportedOperatorId = "LG0007";
    public const string UnsupportedCallId = "LG0008";
    public const string RecursionId = "LG0009";
    public const string DuplicateTypeNameId = "LG0010";
    public const string TypeNameCollisionId = "LG0011";
    public const string ParameterNameCollisionId = "LG0012";
    public const string MissingParametersId = "LG0013";
    public const string InvalidConstraintId = "LG0014";
    public const string UnsupportedGenericLossId = "LG0015";
    public const string UnsupportedExpressionId = "LG0016";
    public const string ZeroDerivativeId = "LG0017";
    public const string InternalErrorId = "LG9999";

    private const string Category = "LossGen";
    private const string HelpRoot = "https://github.com/lossgen/lossgen/blob/main/docs/diagnostics.md#";

    public static readonly DiagnosticDescriptor MethodMustBeStaticPartial = Error(
        MethodMustBeStaticPartialId,
        "A [Loss] method must be static partial with a body",
        "The [Loss] method '{0}' must be declared 'static partial' and have a body (an expression body or a block ending in return)");

    public static readonly DiagnosticDescriptor TypeMustBePartial = Error(
        TypeMustBePartialId,
        "The type containing a [Loss] method must be partial",
        "Type '{0}' must be declared 'partial' because it contains the [Loss] method '{1}'");

    public static readonly DiagnosticDescriptor UnsupportedElementType = Error(
        UnsupportedElementTypeId,
        "Unsupported element type",
        "'{0}' is not a supported element type: a loss's parameters and return type are all 'float', all 'double', or all one type parameter T constrained to IFloatingPointIeee754<T>");

    public static readonly DiagnosticDescriptor MixedPrecision = Error(
        MixedPrecisionId,
        "Mixed precision in a loss",
        "The {1} loss '{0}' computes in {2} here: {3}");

    public static readonly DiagnosticDescriptor UnsupportedParameterModifier = Error(
        UnsupportedParameterModifierId,
        "Unsupported parameter modifier",
        "Parameter '{0}' is declared '{1}': loss parameters are plain values, without ref, out, in or params");

    public static readonly DiagnosticDescriptor UnsupportedStatement = Error(
        UnsupportedStatementId,
        "Unsupported statement in a loss body",
        "This {0} is not supported in a loss body: write locals assigned once, then 'return' (an 'if (c) return a; else return b;' chain is read as ?:)");

    public static readonly DiagnosticDescriptor UnsupportedOperator = Error(
        UnsupportedOperatorId,
        "Unsupported operator in a loss body",
        "Operator '{0}' is not supported in a loss body: use + - * /, unary -, comparisons, &&, ||, ! and ?:");

    public static readonly DiagnosticDescriptor UnsupportedCall = Error(
        UnsupportedCallId,
        "Call that LossGen cannot differentiate",
        "LossGen cannot differentiate '{0}'. Supported: Math/MathF {1}; LossMath {2}; other [Loss] methods and static [Differentiable] helpers");

    public static readonly DiagnosticDescriptor Recursion = Error(
        RecursionId,
        "Recursive loss or helper",
        "'{0}' reaches itself through '{1}': loss bodies and [Differentiable] helpers are inlined and cannot recurse");

    public static readonly DiagnosticDescriptor DuplicateTypeName = Error(
        DuplicateTypeNameId,
        "Two [Loss] methods want one type name",
        "The [Loss] methods '{0}' and '{1}' would both generate '{2}': give one of them [Loss(TypeName = \"...\")]");

    public static readonly DiagnosticDescriptor TypeNameCollision = Error(
        TypeNameCollisionId,
        "Generated type name already taken",
        "'{0}' already has a member named '{1}', the type LossGen generates for '{2}': rename it or set [Loss(TypeName = \"...\")]");

    public static readonly DiagnosticDescriptor ParameterNameCollision = Error(
        ParameterNameCollisionId,
        "Parameter name collides with a generated member",
        "Parameter '{0}' would become '{1}' in the generated type, which collides with a generated member or parameter: rename it");

    public static readonly DiagnosticDescriptor MissingParameters = Error(
        MissingParametersId,
        "A loss needs a prediction and a target",
        "The [Loss] method '{0}' needs a prediction and a target parameter (or only a prediction with [Loss(HasTarget = false)])");

    public static readonly DiagnosticDescriptor InvalidConstraint = Error(
        InvalidConstraintId,
        "Invalid hyperparameter constraint",
        "{0}");

    public static readonly DiagnosticDescriptor UnsupportedGenericLoss = Error(
        UnsupportedGenericLossId,
        "Unsupported generic loss",
        "The generic [Loss] method '{0}' needs exactly one type parameter T, constrained 'where T : IFloatingPointIeee754<T>', as its return and parameter type");

    public static readonly DiagnosticDescriptor UnsupportedExpression = Error(
        UnsupportedExpressionId,
        "Unsupported expression in a loss body",
        "'{0}' is not supported in a loss body: use the loss's parameters, locals, constants, arithmetic and supported calls");

    public static readonly DiagnosticDescriptor ZeroDerivative = new(
        ZeroDerivativeId,
        "Loss does not depend on its prediction",
        "The derivative of '{0}' with respect to its prediction is identically zero: the loss does not depend on the prediction",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpRoot + ZeroDerivativeId.ToLowerInvariant());

    public static readonly DiagnosticDescriptor InternalError = Error(
        InternalErrorId,
        "LossGen failed on this loss",
        "LossGen failed to generate '{0}': {1}. Please report this with the loss body.");

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpRoot + id.ToLowerInvariant());
}
