using System.Linq;
using LossGen.Generator.Parsing;
using LossGen.Generator.Symbolic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using static LossGen.Generator.Analysis.OperationPatterns;

namespace LossGen.Generator.Analysis;

/// <summary>What is known of a value's sign, from its form alone.</summary>
internal enum Sign
{
    Unknown,
    NonNegative,
    Positive,
}

/// <summary>
/// A conservative sign analysis of loss-body operands: <see cref="Sign.Positive"/> only where no finite input can
/// make the value 0 or negative (<c>Exp(x)</c>, <c>r * r + 1</c>, <c>Math.Max(p, 1e-12)</c>, a <c>[Positive]</c>
/// hyperparameter), so the findings that need "can reach 0" stay quiet on guarded code.
/// </summary>
internal static class Signs
{
    public static Sign Of(IOperation operation)
    {
        operation = Resolve(operation);
        if (Constant(operation) is { } constant)
        {
            return constant > 0 ? Sign.Positive : constant == 0 ? Sign.NonNegative : Sign.Unknown;
        }

        switch (operation)
        {
            case IParameterReferenceOperation { Parameter: var parameter }:
                return OfParameter(parameter);
            case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                return Meet(Of(conditional.WhenTrue), Of(whenFalse));
            case IBinaryOperation binary when KnownCalls.IsBuiltInOperator(binary.OperatorMethod):
                return OfBinary(binary);
            case IInvocationOperation invocation when KnownCalls.Function(invocation.TargetMethod) is { } function:
                return OfCall(function.Op, invocation.Arguments.OrderBy(a => a.Parameter?.Ordinal ?? 0).Select(a => a.Value).ToArray());
            default:
                return Sign.Unknown;
        }
    }

    /// <summary>Whether the value is 0 or less whatever the inputs: <c>-Math.Abs(x)</c>, <c>-r * r</c>, a constant.</summary>
    public static bool IsNonPositive(IOperation operation) =>
        Constant(operation) is { } constant ? constant <= 0 : OperationPatterns.Negated(Resolve(operation)) is { } negated && Of(negated) != Sign.Unknown;

    /// <summary>Whether a hyperparameter's declared constraint keeps it away from 0.</summary>
    public static bool ExcludesZero(IParameterSymbol parameter) =>
        OfParameter(parameter) == Sign.Positive ||
        KnownCalls.ParameterAttributes(parameter).Any(a => a.AttributeClass?.ToDisplayString() == KnownCalls.RangeAttributeType && a.ConstructorArguments.Length == 2 && a.ConstructorArguments[1].Value is double max && max < 0);

    private static Sign OfParameter(IParameterSymbol parameter)
    {
        foreach (var attribute in KnownCalls.ParameterAttributes(parameter))
        {
            switch (attribute.AttributeClass?.ToDisplayString())
            {
                case KnownCalls.PositiveAttributeType:
                    return Sign.Positive;
                case KnownCalls.RangeAttributeType when attribute.ConstructorArguments.Length == 2 && attribute.ConstructorArguments[0].Value is double min:
                    return min > 0 ? Sign.Positive : min == 0 ? Sign.NonNegative : Sign.Unknown;
            }
        }

        return Sign.Unknown;
    }

    private static Sign OfBinary(IBinaryOperation binary)
    {
        var left = Of(binary.LeftOperand);
        var right = Of(binary.RightOperand);
        return binary.OperatorKind switch
        {
            BinaryOperatorKind.Add => left == Sign.Unknown || right == Sign.Unknown ? Sign.Unknown
                : left == Sign.Positive || right == Sign.Positive ? Sign.Positive : Sign.NonNegative,
            BinaryOperatorKind.Multiply when IsSquare(binary) => Meet(left, right) == Sign.Positive ? Sign.Positive : Sign.NonNegative,
            BinaryOperatorKind.Multiply => Meet(left, right),
            BinaryOperatorKind.Divide => right == Sign.Positive ? left : Sign.Unknown,
            _ => Sign.Unknown,
        };
    }

    private static Sign OfCall(Op function, IOperation[] arguments) => function switch
    {
        Op.Exp or Op.Cosh or Op.Sigmoid => Sign.Positive,
        Op.Abs or Op.Sqrt or Op.Softplus => Sign.NonNegative,
        Op.Max => Join(Of(arguments[0]), Of(arguments[1])),
        Op.Min => Meet(Of(arguments[0]), Of(arguments[1])),
        Op.Clamp => Of(arguments[1]),
        Op.Pow when Constant(arguments[1]) is { } exponent && exponent % 2 == 0 => Of(arguments[0]) == Sign.Positive ? Sign.Positive : Sign.NonNegative,
        Op.Pow or Op.Cbrt when Of(arguments[0]) is var sign && sign != Sign.Unknown => sign,
        _ => Sign.Unknown,
    };

    /// <summary><c>x * x</c>: the same operand twice (loss bodies are pure), whatever its sign.</summary>
    private static bool IsSquare(IBinaryOperation binary) => Microsoft.CodeAnalysis.CSharp.SyntaxFactory.AreEquivalent(Strip(binary.LeftOperand).Syntax, Strip(binary.RightOperand).Syntax, topLevel: false);

    private static Sign Meet(Sign a, Sign b) => (Sign)System.Math.Min((int)a, (int)b);

    private static Sign Join(Sign a, Sign b) => (Sign)System.Math.Max((int)a, (int)b);
}
