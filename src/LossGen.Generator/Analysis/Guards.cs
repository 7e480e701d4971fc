using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using static LossGen.Generator.Analysis.OperationPatterns;

namespace LossGen.Generator.Analysis;

/// <summary>
/// Whether the branch an operation sits in can only be taken while a parameter is nonzero: Smooth L1's
/// <c>size &lt; beta ? r * r / beta : …</c> divides by β only where β &gt; |r| ≥ 0, so β = 0 is safe there.
/// </summary>
internal static class Guards
{
    /// <summary>Whether every path to <paramref name="operation"/> passes a condition that keeps <paramref name="parameter"/> away from 0.</summary>
    public static bool KeepNonzero(IOperation operation, IParameterSymbol parameter)
    {
        var child = operation;
        for (var parent = operation.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            switch (parent)
            {
                case IConditionalOperation conditional when child == conditional.WhenTrue && Implies(conditional.Condition, parameter, whenTrue: true):
                case IConditionalOperation conditional2 when child == conditional2.WhenFalse && Implies(conditional2.Condition, parameter, whenTrue: false):
                    return true;
                case IBlockOperation block when block.Operations.TakeWhile(s => s != child).Any(s => IsEarlyReturn(s, parameter)):
                    return true;
            }
        }

        return false;
    }

    /// <summary><c>if (c) return a;</c> without an else, before the operation: past it, c is false.</summary>
    private static bool IsEarlyReturn(IOperation statement, IParameterSymbol parameter) =>
        statement is IConditionalOperation { WhenFalse: null } conditional &&
        (conditional.WhenTrue is IReturnOperation || conditional.WhenTrue is IBlockOperation { Operations: { Length: > 0 } operations } && operations[operations.Length - 1] is IReturnOperation) &&
        Implies(conditional.Condition, parameter, whenTrue: false);

    /// <summary>Whether <paramref name="condition"/> being <paramref name="whenTrue"/> implies <paramref name="parameter"/> ≠ 0.</summary>
    private static bool Implies(IOperation condition, IParameterSymbol parameter, bool whenTrue)
    {
        condition = Strip(condition);
        if (condition is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not)
        {
            return Implies(not.Operand, parameter, !whenTrue);
        }

        if (condition is not IBinaryOperation binary)
        {
            return false;
        }

        switch (binary.OperatorKind)
        {
            case BinaryOperatorKind.ConditionalAnd when whenTrue:
            case BinaryOperatorKind.ConditionalOr when !whenTrue:
                return Implies(binary.LeftOperand, parameter, whenTrue) || Implies(binary.RightOperand, parameter, whenTrue);
        }

        // As "parameter OP other": flip the comparison when the parameter is on the right, negate it on the false branch.
        var onLeft = Reads(binary.LeftOperand, parameter);
        if (!onLeft && !Reads(binary.RightOperand, parameter))
        {
            return false;
        }

        var other = onLeft ? binary.RightOperand : binary.LeftOperand;
        var kind = onLeft ? binary.OperatorKind : Flip(binary.OperatorKind);
        kind = whenTrue ? kind : Negate(kind);
        return kind switch
        {
            BinaryOperatorKind.GreaterThan => Signs.Of(other) != Sign.Unknown,
            BinaryOperatorKind.GreaterThanOrEqual => Signs.Of(other) == Sign.Positive,
            BinaryOperatorKind.NotEquals => IsConstant(other, 0),
            _ => false,
        };
    }

    private static BinaryOperatorKind Flip(BinaryOperatorKind kind) => kind switch
    {
        BinaryOperatorKind.LessThan => BinaryOperatorKind.GreaterThan,
        BinaryOperatorKind.LessThanOrEqual => BinaryOperatorKind.GreaterThanOrEqual,
        BinaryOperatorKind.GreaterThan => BinaryOperatorKind.LessThan,
        BinaryOperatorKind.GreaterThanOrEqual => BinaryOperatorKind.LessThanOrEqual,
        _ => kind,
    };

    private static BinaryOperatorKind Negate(BinaryOperatorKind kind) => kind switch
    {
        BinaryOperatorKind.LessThan => BinaryOperatorKind.GreaterThanOrEqual,
        BinaryOperatorKind.LessThanOrEqual => BinaryOperatorKind.GreaterThan,
        BinaryOperatorKind.GreaterThan => BinaryOperatorKind.LessThanOrEqual,
        BinaryOperatorKind.GreaterThanOrEqual => BinaryOperatorKind.LessThan,
        BinaryOperatorKind.Equals => BinaryOperatorKind.NotEquals,
        BinaryOperatorKind.NotEquals => BinaryOperatorKind.Equals,
        _ => BinaryOperatorKind.None,
    };
}
