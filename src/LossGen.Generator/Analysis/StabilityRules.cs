using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using LossGen.Generator.Diagnostics;
using LossGen.Generator.Parsing;
using LossGen.Generator.Symbolic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using static LossGen.Generator.Analysis.OperationPatterns;

namespace LossGen.Generator.Analysis;

/// <summary>A stability finding: what to report, where, with which message arguments, and the rewrite that fixes it (if any).</summary>
internal sealed record Finding(DiagnosticDescriptor Descriptor, ExpressionSyntax At, ImmutableArray<string> MessageArguments, StableRewrite? Rewrite);

/// <summary>
/// The numerically unstable forms LossGen knows, one rule per form, each reading one call or operator of a loss body
/// (<see cref="StabilityAnalyzer"/> feeds them every one). Forms that reach Inf or NaN at finite inputs are warnings;
/// forms that only lose accuracy are Info.
/// </summary>
internal static class StabilityRules
{
    private const int MaxDisplayLength = 80;

    public static Finding? Check(IOperation operation, LossScope scope) => operation switch
    {
        IInvocationOperation invocation when Syntax(invocation) is { } at && KnownCalls.Function(invocation.TargetMethod) is { } function => function.Op switch
        {
            Op.Log when Argument(invocation, Op.Log) is { } argument => CheckLog(invocation, at, argument, scope),
            Op.Pow when Arguments(invocation, Op.Pow) is (var x, var exponent) && Constant(exponent) is { } c => CheckFractionalPower(at, x, c),
            Op.Xlogy when Arguments(invocation, Op.Xlogy) is (_, var y) => UnclampedLogOfPrediction(invocation, at, y, scope),
            Op.Sqrt when Argument(invocation, Op.Sqrt) is { } x => CheckFractionalPower(at, x, 0.5),
            Op.Cbrt when Argument(invocation, Op.Cbrt) is { } x => CheckFractionalPower(at, x, 1.0 / 3),
            _ => null,
        },
        IBinaryOperation binary when Syntax(binary) is { } at && KnownCalls.IsBuiltInOperator(binary.OperatorMethod) => binary.OperatorKind switch
        {
            BinaryOperatorKind.Multiply => CheckTimesLog(at, binary.LeftOperand, binary.RightOperand, scope) ?? CheckTimesLog(at, binary.RightOperand, binary.LeftOperand, scope),
            BinaryOperatorKind.Divide => CheckDivision(binary, at, scope),
            BinaryOperatorKind.Subtract => CheckExpMinusOne(at, binary.LeftOperand, binary.RightOperand),
            _ => null,
        },
        _ => null,
    };

    private static Finding? CheckLog(IInvocationOperation log, ExpressionSyntax at, IOperation argument, LossScope scope)
    {
        if (OnePlus(argument) is { } term)
        {
            // Log(1 + Exp(-|x|)) cannot overflow: it is the accurate half of a hand-written softplus, and only wants Log1p.
            return Argument(term, Op.Exp) is { } x && !Signs.IsNonPositive(x)
                ? Rewrite(DiagnosticDescriptors.UseSoftplus, at, StableRewrite.Of("Softplus", AsWritten(x)))
                : Rewrite(DiagnosticDescriptors.UseLog1p, at, StableRewrite.Of("Log1p", AsWritten(term)));
        }

        if (Argument(argument, Op.Sigmoid) is { } logit)
        {
            return LogOfSigmoid(at, StableRewrite.Of("LogSigmoid", AsWritten(logit)), logit, "the sigmoid underflows to 0 ({0} below about -88 in float, -745 in double)", negate: false);
        }

        if (Binary(argument, BinaryOperatorKind.Divide) is (var one, var denominator) && IsConstant(one, 1) && OnePlus(denominator) is { } sum && Argument(sum, Op.Exp) is { } exponent)
        {
            return LogOfSigmoid(at, StableRewrite.Of("LogSigmoid", NegatedArgument(exponent)), exponent, "the exponential overflows ({0} above about 88 in float, 709 in double)", negate: true);
        }

        if (OneMinus(argument) is { } subtrahend && Argument(subtrahend, Op.Sigmoid) is { } complement)
        {
            return LogOfSigmoid(at, StableRewrite.Of("LogSigmoid", NegatedArgument(complement)), complement, "the sigmoid rounds to 1 ({0} above about 17 in float, 37 in double)", negate: true);
        }

        if (Argument(argument, Op.Cosh) is { } coshArgument)
        {
            return Rewrite(DiagnosticDescriptors.UseLogCosh, at, StableRewrite.Of("LogCosh", AsWritten(coshArgument)));
        }

        if (UnclampedLogOfPrediction(log, at, argument, scope) is { } unclamped)
        {
            return unclamped;
        }

        return OneMinus(argument) is { } small
            ? Rewrite(DiagnosticDescriptors.UseLog1p, at, StableRewrite.Of("Log1p", NegatedArgument(small)))
            : null;
    }

    /// <summary>
    /// LG0021: the logarithm (<c>Log(e)</c>, or <c>Xlogy(x, e)</c>) of the prediction or of 1 − prediction, its value not
    /// clamped: -∞ when a probability prediction reaches 0 or 1.
    /// </summary>
    private static Finding? UnclampedLogOfPrediction(IOperation log, ExpressionSyntax at, IOperation argument, LossScope scope)
    {
        if (PredictionEnd(argument, scope) is not { } end || Syntax(argument) is not { } argumentSyntax || IsClamped(log))
        {
            return null;
        }

        return Report(DiagnosticDescriptors.UnclampedLog, at, Display(at), end, Display(argumentSyntax));
    }

    /// <summary>"0" when <paramref name="argument"/> is the prediction, "1" when it is 1 − prediction (through locals); else null.</summary>
    private static string? PredictionEnd(IOperation argument, LossScope scope) =>
        scope.Prediction is not { } prediction ? null
            : Reads(argument, prediction) ? "0"
            : OneMinus(Resolve(argument)) is { } complement && Reads(complement, prediction) ? "1"
            : null;

    /// <summary><c>Pow(x, c)</c> with 0 &lt; c &lt; 1 (and Sqrt, Cbrt) has an infinite slope at x = 0: reported unless x is kept positive.</summary>
    private static Finding? CheckFractionalPower(ExpressionSyntax at, IOperation x, double exponent) =>
        exponent is > 0 and < 1 && Signs.Of(x) != Sign.Positive && Syntax(x) is { } baseSyntax
            ? Report(DiagnosticDescriptors.FractionalPowerAtZero, at, Display(at), Display(baseSyntax))
            : null;

    /// <summary>
    /// <c>a * Log(y)</c>: 0 · -∞ = NaN where a = 0 and y = 0, unless a is a nonzero constant or y stays positive. A log of
    /// the prediction is LG0021's to report: Xlogy would not take away its -∞.
    /// </summary>
    private static Finding? CheckTimesLog(ExpressionSyntax at, IOperation factor, IOperation other, LossScope scope) =>
        Argument(other, Op.Log) is { } y && Constant(factor) is null or 0 && Signs.Of(y) != Sign.Positive && PredictionEnd(y, scope) is null
            ? Rewrite(DiagnosticDescriptors.UseXlogy, at, StableRewrite.Of("Xlogy", AsWritten(factor), AsWritten(y)))
            : null;

    /// <summary>Division by a hyperparameter that neither its constraint nor the enclosing branch keeps away from 0.</summary>
    private static Finding? CheckDivision(IBinaryOperation division, ExpressionSyntax at, LossScope scope) =>
        ParameterFactors(division.RightOperand).FirstOrDefault(p => scope.IsHyperparameter(p) && !Signs.ExcludesZero(p) && !Guards.KeepNonzero(division, p)) is { } parameter
            ? Report(DiagnosticDescriptors.DivisionByHyperparameter, at, Display(at), parameter.Name)
            : null;

    private static Finding? CheckExpMinusOne(ExpressionSyntax at, IOperation left, IOperation right)
    {
        if (Argument(left, Op.Exp) is { } x && IsConstant(right, 1))
        {
            return Rewrite(DiagnosticDescriptors.UseExpm1, at, StableRewrite.Of("Expm1", AsWritten(x)));
        }

        return IsConstant(left, 1) && Argument(right, Op.Exp) is { } y
            ? Rewrite(DiagnosticDescriptors.UseExpm1, at, StableRewrite.Of("Expm1", AsWritten(y)) is { } expm1 ? expm1 with { NegateResult = true } : null)
            : null;
    }

    /// <summary>
    /// The parameters a denominator is 0 with: its factors, through negation, products and powers (<c>h</c>, <c>-h</c>,
    /// <c>2 * h * t</c>, <c>Pow(h, k)</c>); a sum such as <c>h + 1</c> is not 0 with h.
    /// </summary>
    private static IEnumerable<IParameterSymbol> ParameterFactors(IOperation denominator)
    {
        var operation = Resolve(denominator);
        if (Negated(operation) is { } negated)
        {
            return ParameterFactors(negated);
        }

        if (Binary(operation, BinaryOperatorKind.Multiply) is (var left, var right))
        {
            return ParameterFactors(left).Concat(ParameterFactors(right));
        }

        if (Arguments(operation, Op.Pow) is (var power, var exponent) && Constant(exponent) is > 0)
        {
            return ParameterFactors(power);
        }

        return operation is IParameterReferenceOperation { Parameter: var parameter } ? new[] { parameter } : Enumerable.Empty<IParameterSymbol>();
    }

    /// <summary>Whether the value of <paramref name="log"/> flows into a Max or Clamp (PyTorch's clamp of log at -100) before the statement ends.</summary>
    private static bool IsClamped(IOperation log)
    {
        for (var parent = log.Parent; parent is not null and not IReturnOperation and not IVariableInitializerOperation and not IBlockOperation; parent = parent.Parent)
        {
            if (parent is IInvocationOperation call && KnownCalls.Function(call.TargetMethod)?.Op is Op.Max or Op.Clamp)
            {
                return true;
            }
        }

        return false;
    }

    private static RewriteArgument? AsWritten(IOperation operand) => Syntax(operand) is { } syntax ? new RewriteArgument(syntax, Negate: false) : null;

    private static RewriteArgument? NegatedArgument(IOperation operand) => Syntax(operand) is { } syntax ? new RewriteArgument(syntax, Negate: true) : null;

    private static Finding? Rewrite(DiagnosticDescriptor descriptor, ExpressionSyntax at, StableRewrite? rewrite) =>
        rewrite is null ? null : new Finding(descriptor, at, ImmutableArray.Create(Display(at), rewrite.Display()), rewrite);

    /// <summary>
    /// LG0019, its message naming where the form as written fails: <paramref name="region"/> says it of the argument that
    /// the sigmoid (or the exponential) takes, and the true value there is about that argument (negated for 1 − σ and
    /// 1 / (1 + exp)).
    /// </summary>
    private static Finding? LogOfSigmoid(ExpressionSyntax at, StableRewrite? rewrite, IOperation argument, string region, bool negate)
    {
        if (rewrite is null || Syntax(argument) is not { } syntax)
        {
            return null;
        }

        var shown = Display(syntax);
        var trueValue = !negate ? shown
            : syntax is PrefixUnaryExpressionSyntax minus && minus.IsKind(SyntaxKind.UnaryMinusExpression) ? Display(minus.Operand)
            : syntax is IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or LiteralExpressionSyntax ? "-" + shown
            : "-(" + shown + ")";
        return new Finding(DiagnosticDescriptors.UseLogSigmoid, at, ImmutableArray.Create(Display(at), rewrite.Display(), string.Format(System.Globalization.CultureInfo.InvariantCulture, region, shown), trueValue), rewrite);
    }

    private static Finding Report(DiagnosticDescriptor descriptor, ExpressionSyntax at, params string[] arguments) =>
        new(descriptor, at, arguments.ToImmutableArray(), null);

    /// <summary>An expression as a message quotes it: on one line, shortened when long.</summary>
    private static string Display(SyntaxNode syntax)
    {
        var text = string.Join(" ", syntax.WithoutTrivia().ToString().Split(new[] { ' ', '\n', '\r', '\t' }, System.StringSplitOptions.RemoveEmptyEntries));
        return text.Length <= MaxDisplayLength ? text : text.Substring(0, MaxDisplayLength - 1) + "…";
    }
}
