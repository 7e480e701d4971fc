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
    public const string UseSoftplusId = "LG0018";
    public const string UseLogSigmoidId = "LG0019";
    public const string UseLogCoshId = "LG0020";
    public const string UnclampedLogId = "LG0021";
    public const string UseXlogyId = "LG0022";
    public const string FractionalPowerAtZeroId = "LG0023";
    public const string DivisionByHyperparameterId = "LG0024";
    public const string UseLog1pId = "LG0025";
    public const string UseExpm1Id = "LG0026";
    public const string InvalidRowLossId = "LG0027";
    public const string UnsupportedRowUseId = "LG0028";
    public const string UnsupportedClassIndexUseId = "LG0029";
    public const string WidthTemplateId = "LG0031";
    public const string HiddenGeneratedNameId = "LG0032";
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

    public static readonly DiagnosticDescriptor UseSoftplus = Stability(
        UseSoftplusId,
        "Log(1 + Exp(x)) overflows: use Softplus",
        "{0} is infinite once Exp overflows (x above about 88 in float, 709 in double), where the true value is about x: use {1}",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor UseLogSigmoid = Stability(
        UseLogSigmoidId,
        "The log of a sigmoid underflows: use LogSigmoid",
        "{0} is -infinity once {2} and loses accuracy well before, where the true value is about {3}: use {1}",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor UseLogCosh = Stability(
        UseLogCoshId,
        "Log(Cosh(x)) overflows: use LogCosh",
        "{0} is infinite once Cosh overflows (|x| above about 89 in float, 710 in double), where the true value is about |x| - log 2: use {1}",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor UnclampedLog = Stability(
        UnclampedLogId,
        "Log of the prediction without a clamp",
        "{0} is -infinity, with an infinite derivative, when the prediction reaches {1}: clamp the argument (Math.Max({2}, 1e-12)), clamp the result as PyTorch does (Math.Max({0}, -100)), or write the loss on logits with LossMath.LogSigmoid",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor UseXlogy = Stability(
        UseXlogyId,
        "x * Log(y) is NaN at x = y = 0: use Xlogy",
        "{0} is NaN where both factors' arguments are 0 (0 times -infinity), where the limit is 0: use {1}",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor FractionalPowerAtZero = Stability(
        FractionalPowerAtZeroId,
        "Fractional power with an infinite derivative at 0",
        "The derivative of {0} is infinite where '{1}' is 0, which nothing here prevents: keep the argument away from 0 (add a positive constant or take Math.Max with one), or use a form with a finite slope such as Math.Sqrt(x * x + eps)",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor DivisionByHyperparameter = Stability(
        DivisionByHyperparameterId,
        "Division by a hyperparameter that may be 0",
        "{0} divides by the hyperparameter '{1}', which may be set to 0: mark it [Positive] (or give it a [Range] that excludes 0), so that 0 is rejected when the loss is constructed",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor UseLog1p = Stability(
        UseLog1pId,
        "Log(1 + x) loses accuracy near 0: use Log1p",
        "{0} loses accuracy when the added term is small, because 1 + x rounds first: use {1}",
        DiagnosticSeverity.Info);

    public static readonly DiagnosticDescriptor UseExpm1 = Stability(
        UseExpm1Id,
        "Exp(x) - 1 loses accuracy near 0: use Expm1",
        "{0} loses accuracy when x is near 0, because the subtraction cancels: use {1}",
        DiagnosticSeverity.Info);

    public static readonly DiagnosticDescriptor InvalidRowLoss = Error(
        InvalidRowLossId,
        "Unsupported row-wise loss signature",
        "{0}: a row-wise loss takes (ReadOnlySpan<T> logits, int target) or (ReadOnlySpan<T> logits, ReadOnlySpan<T> target), T float or double, then hyperparameters of type T and, for a class-index target, one [ClassWeights] ReadOnlySpan<T>");

    public static readonly DiagnosticDescriptor UnsupportedRowUse = Error(
        UnsupportedRowUseId,
        "A row used as a number",
        "'{0}' is a row (one sample's values over the classes): index it at the target ('{0}[target]'), take '{0}.Length', or reduce it with LossMath.LogSumExp, Sum, Mean, Max or Dot, whose lambda applies element-wise math");

    public static readonly DiagnosticDescriptor UnsupportedClassIndexUse = Error(
        UnsupportedClassIndexUseId,
        "A class index used other than to index a row",
        "'{0}' is a class index: its only use in a loss body is to index a row at the target, as in 'logits[{0}]'");

    public static readonly DiagnosticDescriptor HiddenGeneratedName = Error(
        HiddenGeneratedNameId,
        "A type hides a name the generated code uses",
        "The type '{0}' hides the type of that name that the code LossGen generates for '{1}' uses: rename it, or move the loss to another namespace or type");

    /// <summary>Of the width generator, which only LossGen.Runtime's own build uses.</summary>
    public static readonly DiagnosticDescriptor WidthTemplate = Error(
        WidthTemplateId,
        "LossGen cannot copy this width template",
        "LossGen cannot copy this width template: {0}");

    public static readonly DiagnosticDescriptor InternalError = Error(
        InternalErrorId,
        "LossGen failed on this loss",
        "LossGen failed to generate '{0}': {1}. Please report this with the loss body.");

    /// <summary>A numerical-stability finding: a warning where the form reaches Inf or NaN at finite inputs, Info where it only loses accuracy.</summary>
    private static DiagnosticDescriptor Stability(string id, string title, string message, DiagnosticSeverity severity) =>
        new(id, title, message, Category, severity, isEnabledByDefault: true, helpLinkUri: HelpRoot + id.ToLowerInvariant());

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpRoot + id.ToLowerInvariant());
}
