using System.Collections.Generic;
using System.Linq;
using LossGen.Generator.Parsing;
using LossGen.Generator.Symbolic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace LossGen.Generator.Analysis;

/// <summary>
/// Shapes of loss-body operations, seen the way the body reader sees them: through value-keeping conversions
/// (<c>(double)1</c>, <c>T.CreateChecked(x)</c>), with <c>T.One</c> a constant and <c>MathF.Log</c>, <c>T.Log</c>
/// and <c>Math.Log</c> one function.
/// </summary>
internal static class OperationPatterns
{
    /// <summary>How far <see cref="Resolve"/> follows locals: bodies are short, and this bounds malformed ones.</summary>
    private const int MaxLocalDepth = 16;

    /// <summary><paramref name="operation"/> without the conversions and unary plus that keep its value.</summary>
    public static IOperation Strip(IOperation operation)
    {
        while (true)
        {
            switch (operation)
            {
                case IConversionOperation { OperatorMethod: null } conversion when KnownCalls.IsNumeric(conversion.Type) || conversion.Type?.TypeKind == TypeKind.TypeParameter:
                    operation = conversion.Operand;
                    continue;
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Plus } plus when KnownCalls.IsBuiltInOperator(plus.OperatorMethod):
                    operation = plus.Operand;
                    continue;
                case IInvocationOperation invocation when KnownCalls.IsConversion(invocation.TargetMethod) && invocation.Arguments.Length == 1:
                    operation = invocation.Arguments[0].Value;
                    continue;
                default:
                    return operation;
            }
        }
    }

    /// <summary>Like <see cref="Strip"/>, and a local read is replaced by its initializer (loss locals are assigned once).</summary>
    public static IOperation Resolve(IOperation operation)
    {
        for (var depth = 0; depth < MaxLocalDepth; depth++)
        {
            operation = Strip(operation);
            if (operation is not ILocalReferenceOperation { Local: var local } ||
                local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is not VariableDeclaratorSyntax { Initializer.Value: { } value } ||
                operation.SemanticModel?.SyntaxTree != value.SyntaxTree ||
                operation.SemanticModel.GetOperation(value) is not { } initializer)
            {
                return operation;
            }

            operation = initializer;
        }

        return operation;
    }

    /// <summary>The numeric value of a constant operand (<c>1</c>, <c>1f</c>, <c>T.One</c>, <c>T.CreateChecked(0.5)</c>), or null.</summary>
    public static double? Constant(IOperation operation)
    {
        operation = Strip(operation);
        if (operation.ConstantValue is { HasValue: true, Value: { } value } && value is not bool && value is not string && value is not char)
        {
            return System.Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);
        }

        return operation is IPropertyReferenceOperation { Property: var property } ? KnownCalls.GenericConstant(property) : null;
    }

    public static bool IsConstant(IOperation operation, double value) => Constant(operation) == value;

    /// <summary>The arguments of a call to <paramref name="function"/>, in parameter order, or null when the operand is no such call.</summary>
    public static IReadOnlyList<IOperation>? Call(IOperation operation, Op function) =>
        Strip(operation) is IInvocationOperation invocation && KnownCalls.Function(invocation.TargetMethod)?.Op == function
            ? invocation.Arguments.OrderBy(a => a.Parameter?.Ordinal ?? 0).Select(a => a.Value).ToList()
            : null;

    /// <summary>The single argument of a call to the one-argument <paramref name="function"/>, or null.</summary>
    public static IOperation? Argument(IOperation operation, Op function) => Call(operation, function) is { Count: 1 } arguments ? arguments[0] : null;

    /// <summary>The arguments of a call to the two-argument <paramref name="function"/>, or null.</summary>
    public static (IOperation First, IOperation Second)? Arguments(IOperation operation, Op function) =>
        Call(operation, function) is { Count: 2 } arguments ? (arguments[0], arguments[1]) : null;

    /// <summary>The operands of a built-in <paramref name="kind"/> operation (also T's), or null.</summary>
    public static (IOperation Left, IOperation Right)? Binary(IOperation operation, BinaryOperatorKind kind) =>
        Strip(operation) is IBinaryOperation binary && binary.OperatorKind == kind && KnownCalls.IsBuiltInOperator(binary.OperatorMethod)
            ? (binary.LeftOperand, binary.RightOperand)
            : null;

    /// <summary>The operand of a built-in negation, or null.</summary>
    public static IOperation? Negated(IOperation operation) =>
        Strip(operation) is IUnaryOperation { OperatorKind: UnaryOperatorKind.Minus } minus && KnownCalls.IsBuiltInOperator(minus.OperatorMethod)
            ? minus.Operand
            : null;

    /// <summary>The term beside a constant 1 in <c>1 + x</c> or <c>x + 1</c>, or null.</summary>
    public static IOperation? OnePlus(IOperation operation) =>
        Binary(operation, BinaryOperatorKind.Add) is (var left, var right)
            ? IsConstant(left, 1) ? right : IsConstant(right, 1) ? left : null
            : null;

    /// <summary>The x of <c>1 - x</c>, or null.</summary>
    public static IOperation? OneMinus(IOperation operation) =>
        Binary(operation, BinaryOperatorKind.Subtract) is (var left, var right) && IsConstant(left, 1) ? right : null;

    /// <summary>The C# of an operand as written (conversions included), which a rewrite keeps; null where it is not an expression.</summary>
    public static ExpressionSyntax? Syntax(IOperation operation) => operation.Syntax as ExpressionSyntax;

    /// <summary>Whether <paramref name="operation"/> reads <paramref name="parameter"/> (through locals and conversions).</summary>
    public static bool Reads(IOperation operation, IParameterSymbol parameter) =>
        Resolve(operation) is IParameterReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Parameter.OriginalDefinition, parameter.OriginalDefinition);
}
