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

    /// <param name="element">The element type's spelling.</param>
    /// <param name="variableName">The C# name of input i.</param>
    /// <param name="takenNames">Names in scope that temporaries must avoid.</param>
    public KernelWriter(ElementSyntax element, Func<int, string> variableName, ISet<string> takenNames)
    {
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
        return new InfixPrinter(Atom, _element.Number, _element.Function, null, _element.IsCall, bitwiseLogic: _element.IsVector).Print(expression);
    }
}
