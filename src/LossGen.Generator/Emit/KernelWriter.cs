using System;
using System.Collections.Generic;
using System.Linq;
using LossGen.Generator.Symbolic;

namespace LossGen.Generator.Emit;

/// <summary>
/// Writes the statements that compute several results of one element (the value, derivatives) as straight-line
/// C#: shared subexpressions in locals named after the user's locals where it has them.
/// </summary>
internal sealed class KernelWriter
{
    private readonly ElementSyntax _element;
    private readonly Func<int, string> _variableName;
    private readonly ISet<string> _takenNames;
    private readonly Func<int, string?> _uniformVariable;

    /// <param name="element">The element type's spelling.</param>
    /// <param name="variableName">The C# name of input i.</param>
    /// <param name="takenNames">Names in scope that temporaries must avoid.</param>
    /// <param name="uniformVariable">
    /// For vector code, the scalar name of input i where it is the same in every lane (a hyperparameter), else null: it is
    /// written as a scalar operand of <c>*</c> and <c>/</c> (<c>x / scale</c>) instead of a vector made of it.
    /// </param>
    public KernelWriter(ElementSyntax element, Func<int, string> variableName, ISet<string> takenNames, Func<int, string?>? uniformVariable = null)
    {
        _uniformVariable = uniformVariable ?? (_ => null);
        _element = element;
        _variableName = variableName;
        _takenNames = takenNames;
    }

    /// <summary>Writes the locals, then one assignment or return per result (<c>"return"</c> or a variable name).</summary>
    public void Write(IndentedWriter writer, IReadOnlyList<(string Target, Expr Result)> results)
    {
        var ordered = results.OrderBy(r => r.Target == "return" ? 1 : 0).ToList();
        Write(writer, ordered.Select(r => r.Result).ToList(), texts => ordered.Select((r, i) => r.Target == "return" ? $"return {texts[i]};" : $"{r.Target} = {texts[i]};"));
    }

    /// <summary>Writes the locals, then the lines <paramref name="finish"/> makes of the results' expressions.</summary>
    public void Write(IndentedWriter writer, IReadOnlyList<Expr> results, Func<IReadOnlyList<string>, IEnumerable<string>> finish)
    {
        results = NanPropagation.Apply(results, v => _uniformVariable(v) is null);
        var plan = ComputationPlan.Create(results, _takenNames.Contains, inlineConditions: _element.IsVector);
        foreach (var (node, name) in plan.Steps)
        {
            // Vector types are long and every local has one: var reads better there.
            var type = _element.IsVector ? "var" : node.IsBoolean ? "bool" : _element.Name;
            writer.Line($"{type} {name} = {Print(node, plan, node)};");
        }

        foreach (var line in finish(results.Select(r => Print(r, plan, null)).ToList()))
        {
            writer.Line(line);
        }
    }

    private string Print(Expr expression, ComputationPlan plan, Expr? defining)
    {
        string? Atom(Expr node) =>
            node.Op == Op.Variable ? _variableName(node.Variable) : node == defining ? null : plan.LocalOf(node);
        return new InfixPrinter(Atom, _element.Number, _element.Function, null, _element.IsCall, bitwiseLogic: _element.IsVector, Scalar, skipUntakenBranches: _element.IsVector, UniformCondition).Print(expression);
    }

    /// <summary>
    /// In vector code, a condition that reads only hyperparameters and numbers, spelled as the scalar <c>bool</c> it is
    /// (<c>alpha &gt;= 0.0</c>); null for any other node.
    /// </summary>
    private string? UniformCondition(Expr condition)
    {
        if (_element.Scalar is not { } scalar || !condition.IsBoolean)
        {
            return null;
        }

        if (FlatExpression.Reachable(new[] { condition }).Any(n => n.Op == Op.Variable && _uniformVariable(n.Variable) is null))
        {
            return null;
        }

        return new InfixPrinter(n => n.Op == Op.Variable ? _uniformVariable(n.Variable) : null, scalar.Number, scalar.Function, null).Print(condition);
    }

    /// <summary>
    /// In vector code, a node's spelling as a scalar operand: a hyperparameter, or a number of a concrete element type
    /// (a generic one stays a vector constant, which the JIT folds where <c>T.CreateChecked</c> would be a call).
    /// </summary>
    private string? Scalar(Expr node) => _element.Scalar switch
    {
        null => null,
        { } scalar when node.Op == Op.Constant && !scalar.IsGeneric => scalar.Number(node.Value),
        _ when node.Op == Op.Variable => _uniformVariable(node.Variable),
        _ => null,
    };
}
