using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace LossGen.Generator.Symbolic;

/// <summary>
/// Writes an expression in infix form with the fewest parentheses that keep its exact structure (C#'s
/// precedence and left associativity), so printed code evaluates in the order the graph says.
/// </summary>
internal sealed class InfixPrinter
{
    private const int Conditional = 1;
    private const int Or = 2;
    private const int And = 3;
    private const int Equality = 4;
    private const int Relational = 5;
    private const int Additive = 6;
    private const int Multiplicative = 7;
    private const int Unary = 8;
    private const int Primary = 9;

    private readonly Func<Expr, string?> _atom;
    private readonly Func<double, string> _constant;
    private readonly Func<OpInfo, string> _function;
    private readonly string? _powerOperator;
    private readonly Func<Op, bool> _asCall;
    private readonly bool _bitwiseLogic;
    private readonly Func<Expr, string?> _scalar;
    private readonly bool _skipUntakenBranches;
    private readonly Func<Expr, string?> _uniformCondition;

    /// <summary>The selections the node being written is inside: each one's condition, and whether on its true side.</summary>
    private readonly List<(Expr Condition, bool Taken)> _path = [];

    /// <param name="atom">The spelling of a node written by name (an input or a local), or null to expand it.</param>
    /// <param name="constant">The spelling of a number.</param>
    /// <param name="function">The spelling of a function's name.</param>
    /// <param name="powerOperator">An infix power operator such as <c>^</c>, or null to call <c>Pow</c>.</param>
    /// <param name="asCall">Operators written as calls to <paramref name="function"/> (vector comparisons, <c>?:</c>); none when null.</param>
    /// <param name="bitwiseLogic">
    /// Whether <c>&amp;&amp;</c>, <c>||</c> and <c>!</c> are written <c>&amp;</c>, <c>|</c> and <c>~</c>, as on vector lane
    /// masks (whose comparisons are calls, so the two operator families never meet).
    /// </param>
    /// <param name="scalar">
    /// For vector code, the spelling of a node that is the same in every lane (a constant, a hyperparameter) as a plain
    /// scalar, or null: such a node is written so as an operand of <c>*</c> and as a divisor, where vector types have
    /// scalar operators (<c>2.0 * x</c>, <c>x / scale</c>); none when null.
    /// </param>
    /// <param name="skipUntakenBranches">
    /// For vector code, where a selection computes both sides in every lane: a side that calls a costly function
    /// (<c>Log</c>, <c>Exp</c>, …) is computed only when some lane takes it, and is 0 otherwise. Which lanes take it
    /// is the conjunction of the conditions of every selection it is inside, one mask test: Focal's soft-label
    /// <c>Log</c> is skipped for a vector of hard labels, though they mix 0 and 1. The lanes where it is 0 are the ones
    /// the selections discard, so the results are the same bits.
    /// </param>
    /// <param name="uniformCondition">
    /// For vector code, the spelling of a condition that is the same in every lane (it reads hyperparameters and numbers
    /// only) as a scalar <c>bool</c>, or null: its selection is written as C#'s <c>?:</c>, which computes one side, not
    /// as a blend of both; none when null.
    /// </param>
    public InfixPrinter(Func<Expr, string?> atom, Func<double, string> constant, Func<OpInfo, string> function, string? powerOperator, Func<Op, bool>? asCall = null, bool bitwiseLogic = false, Func<Expr, string?>? scalar = null, bool skipUntakenBranches = false, Func<Expr, string?>? uniformCondition = null)
    {
        _uniformCondition = uniformCondition ?? (_ => null);
        _skipUntakenBranches = skipUntakenBranches;
        _scalar = scalar ?? (_ => null);
        _asCall = asCall ?? (_ => false);
        _bitwiseLogic = bitwiseLogic;
        _atom = atom;
        _constant = constant;
        _function = function;
        _powerOperator = powerOperator;
    }

    public string Print(Expr expression)
    {
        var builder = new StringBuilder();
        Write(builder, expression, 0);
        return builder.ToString();
    }

    private void Write(StringBuilder output, Expr node, int context)
    {
        var atom = _atom(node);
        if (atom is not null)
        {
            output.Append(atom);
            return;
        }

        var uniform = node.Op == Op.Conditional ? _uniformCondition(node[0]) : null;
        var precedence = uniform is null ? Precedence(node) : Conditional;
        var parenthesize = precedence < context;
        if (parenthesize)
        {
            output.Append('(');
        }

        if (uniform is not null)
        {
            output.Append(uniform).Append(" ? ");
            Write(output, node[1], Conditional + 1);
            output.Append(" : ");
            Write(output, node[2], Conditional);
        }
        else
        {
            WriteBare(output, node, precedence);
        }

        if (parenthesize)
        {
            output.Append(')');
        }
    }

    private void WriteBare(StringBuilder output, Expr node, int precedence)
    {
        var info = OpInfo.Of(node.Op);
        if ((info.Home != FunctionHome.None && !(node.Op == Op.Pow && _powerOperator is not null)) || info.IsRowReduction || _asCall(node.Op))
        {
            WriteCall(output, node, info);
            return;
        }

        switch (node.Op)
        {
            case Op.Constant:
                output.Append(_constant(node.Value));
                break;
            case Op.Negate or Op.Not:
                output.Append(Symbol(info));
                Write(output, node[0], Unary + (node[0].Op is Op.Negate or Op.Constant && node.Op == Op.Negate ? 1 : 0));
                break;
            case Op.Conditional:
                Write(output, node[0], Conditional + 1);
                output.Append(" ? ");
                Write(output, node[1], Conditional + 1);
                output.Append(" : ");
                Write(output, node[2], Conditional);
                break;
            case Op.Pow when _powerOperator is not null:
                Write(output, node[0], Primary);
                output.Append(_powerOperator);
                Write(output, node[1], Primary);
                break;
            default:
                // A vector operator needs one vector operand: of two scalars, the left stays a vector.
                WriteOperand(output, node[0], precedence, node.Op == Op.Multiply && _scalar(node[1]) is null);
                output.Append(' ').Append(Symbol(info)).Append(' ');
                WriteOperand(output, node[1], precedence + 1, node.Op is Op.Multiply or Op.Divide);
                break;
        }
    }

    /// <summary>An operand of a binary operator: as a scalar where <paramref name="scalarAllowed"/> and the node is one.</summary>
    private void WriteOperand(StringBuilder output, Expr node, int context, bool scalarAllowed)
    {
        if (scalarAllowed && _scalar(node) is { } scalar)
        {
            output.Append(scalar);
            return;
        }

        Write(output, node, context);
    }

    private void WriteCall(StringBuilder output, Expr node, OpInfo info)
    {
        output.Append(_function(info)).Append('(');
        for (var i = 0; i < node.Args.Count; i++)
        {
            if (i > 0)
            {
                output.Append(", ");
            }

            if (node.Op == Op.Conditional && i > 0 && _skipUntakenBranches)
            {
                WriteBranch(output, node[i], (node[0], i == 1));
            }
            else
            {
                Write(output, node[i], 0);
            }
        }

        output.Append(')');
    }

    /// <summary>One side of a vector selection; a costly one as <c>(lanes == 0 ? 0 : side)</c>, see the constructor.</summary>
    private void WriteBranch(StringBuilder output, Expr side, (Expr Condition, bool Taken) selection)
    {
        _path.Add(selection);
        if (IsCostly(side))
        {
            var zero = _constant(0);
            output.Append('(');
            if (_path.Count > 1)
            {
                output.Append('(');
            }

            for (var k = 0; k < _path.Count; k++)
            {
                if (k > 0)
                {
                    output.Append(" & ");
                }

                var (condition, taken) = _path[k];
                if (taken)
                {
                    Write(output, condition, And + 1);
                }
                else
                {
                    output.Append('~');
                    Write(output, condition, Unary);
                }
            }

            output.Append(_path.Count > 1 ? ")" : "").Append(" == ").Append(zero).Append(" ? ").Append(zero).Append(" : ");
            Write(output, side, Conditional);
            output.Append(')');
        }
        else
        {
            Write(output, side, 0);
        }

        _path.RemoveAt(_path.Count - 1);
    }

    /// <summary>
    /// Whether writing the node calls a function that costs many instructions in vector code, outside the sides of
    /// the selections in it (which are tested on their own, more narrowly) and of the locals it reads.
    /// </summary>
    private bool IsCostly(Expr node)
    {
        if (_atom(node) is not null || _scalar(node) is not null || node.Op == Op.Conditional)
        {
            return false;
        }

        return OpInfo.Of(node.Op).IsCostly || node.Args.Any(IsCostly);
    }

    private string Symbol(OpInfo info) => _bitwiseLogic ? info.Op switch
    {
        Op.And => "&",
        Op.Or => "|",
        Op.Not => "~",
        _ => info.Name,
    } : info.Name;

    private int Precedence(Expr node) => _asCall(node.Op) ? Primary : node.Op switch
    {
        Op.Constant => node.Value < 0 ? Unary : Primary,
        Op.Variable => Primary,
        Op.Conditional => Conditional,
        Op.Or => Or,
        Op.And => And,
        Op.Equal or Op.NotEqual => Equality,
        Op.Less or Op.LessOrEqual or Op.Greater or Op.GreaterOrEqual => Relational,
        Op.Add or Op.Subtract => Additive,
        Op.Multiply or Op.Divide => Multiplicative,
        Op.Negate or Op.Not => Unary,
        _ => Primary,
    };
}
