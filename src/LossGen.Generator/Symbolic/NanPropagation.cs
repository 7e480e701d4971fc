using System;
using System.Collections.Generic;
using System.Linq;

namespace LossGen.Generator.Symbolic;

/// <summary>
/// Makes every <c>c ? a : b</c> NaN where an input its condition compares is NaN. A comparison with NaN is false
/// (<c>!=</c>: true), so as written a NaN input silently picks one branch, and a branch whose value does not depend on
/// the input (Pinball's derivative, −τ or 1 − τ) turns a NaN prediction into a finite gradient. Per selection, the
/// cheapest form that is NaN there and unchanged elsewhere, ±∞ included:
/// <list type="number">
/// <item>the branch a NaN falls into already carries the NaN (Huber's <c>r &lt;= δ ? … : δ · sign(r)</c>): as written;</item>
/// <item>only the other branch carries it: the ordered comparison is turned round (<c>r &lt;= δ ? a : b</c> becomes
/// <c>r &gt; δ ? b : a</c>), which costs nothing;</item>
/// <item>neither (both branches constant): the selection is guarded by one comparison per input operand,
/// <c>x &gt;= -∞ ? (c ? a : b) : NaN</c>, true for every number but NaN.</item>
/// </list>
/// Conditions on hyperparameters alone are left as they are.
/// </summary>
internal sealed class NanPropagation
{
    private readonly Func<int, bool> _isInput;
    private readonly Dictionary<Expr, Expr> _rewritten = new();
    private readonly Dictionary<Expr, HashSet<int>> _carried = new();
    private readonly HashSet<Expr> _turned = new();

    private NanPropagation(Func<int, bool> isInput) => _isInput = isInput;

    /// <summary>The roots with every selection NaN-propagating; <paramref name="isInput"/> says which variables are per-element inputs.</summary>
    public static IReadOnlyList<Expr> Apply(IReadOnlyList<Expr> roots, Func<int, bool> isInput)
    {
        // A comparison turned round for one selection is turned round for every selection that allows it, so that the
        // value, gradient and Hessian of one call keep sharing one mask: the first pass finds them, the second writes.
        var pass = new NanPropagation(isInput);
        _ = roots.Select(pass.Rewrite).ToList();
        pass._rewritten.Clear();
        return roots.Select(pass.Rewrite).ToList();
    }

    private Expr Rewrite(Expr node)
    {
        if (_rewritten.TryGetValue(node, out var done))
        {
            return done;
        }

        var args = node.Args.Select(Rewrite).ToArray();
        var result = node.Op == Op.Conditional ? Select(args[0], args[1], args[2])
            : args.SequenceEqual(node.Args) ? node
            : node.Pool.Apply(node.Op, args);
        if (result != node && node.Pool.NameOf(node) is { } name)
        {
            node.Pool.Name(result, name);
        }

        _rewritten.Add(node, result);
        return result;
    }

    private Expr Select(Expr condition, Expr whenTrue, Expr whenFalse)
    {
        var pool = condition.Pool;
        var operands = ComparedInputs(condition).Distinct().ToList();
        var sources = new HashSet<int>(operands.SelectMany(Inputs));
        if (sources.Count == 0)
        {
            return pool.Conditional(condition, whenTrue, whenFalse);
        }

        var (comparison, negated) = condition.Op == Op.Not ? (condition[0], true) : (condition, false);
        if (IsComparison(comparison))
        {
            var nanOutcome = (comparison.Op == Op.NotEqual) != negated;
            var (taken, other) = nanOutcome ? (whenTrue, whenFalse) : (whenFalse, whenTrue);
            var turnable = sources.IsSubsetOf(Carried(other)) && Complement(comparison.Op) is not null;
            if (sources.IsSubsetOf(Carried(taken)) && !(turnable && _turned.Contains(comparison)))
            {
                return Carrying(pool.Conditional(condition, whenTrue, whenFalse), sources, whenTrue, whenFalse);
            }

            if (turnable)
            {
                // The complement is false at NaN, so NaN now falls into the branch that carries it.
                _turned.Add(comparison);
                var turned = pool.Compare(Complement(comparison.Op)!.Value, comparison[0], comparison[1]);
                var selection = negated ? pool.Conditional(turned, whenTrue, whenFalse) : pool.Conditional(turned, whenFalse, whenTrue);
                return Carrying(selection, sources, whenTrue, whenFalse);
            }
        }

        var notNaN = operands
            .Select(o => pool.Compare(Op.GreaterOrEqual, o, pool.Constant(double.NegativeInfinity)))
            .Aggregate(pool.And);
        var guarded = pool.Conditional(notNaN, pool.Conditional(condition, whenTrue, whenFalse), pool.Constant(double.NaN));
        return Carrying(guarded, sources, whenTrue, whenFalse);
    }

    private Expr Carrying(Expr selection, HashSet<int> sources, Expr whenTrue, Expr whenFalse)
    {
        var carried = new HashSet<int>(Carried(whenTrue));
        carried.IntersectWith(Carried(whenFalse));
        carried.UnionWith(sources);
        if (!_carried.ContainsKey(selection))
        {
            _carried.Add(selection, carried);
        }

        return selection;
    }

    /// <summary>The inputs a NaN in which makes <paramref name="node"/> NaN (every function LossGen emits propagates NaN).</summary>
    private HashSet<int> Carried(Expr node)
    {
        if (_carried.TryGetValue(node, out var known))
        {
            return known;
        }

        var carried = node.Op switch
        {
            Op.Variable when _isInput(node.Variable) => new HashSet<int> { node.Variable },
            Op.Conditional => new HashSet<int>(Carried(node[1]).Intersect(Carried(node[2]))),
            _ => new HashSet<int>(node.IsBoolean ? Enumerable.Empty<int>() : node.Args.SelectMany(Carried)),
        };
        _carried.Add(node, carried);
        return carried;
    }

    /// <summary>The operands of the comparisons in a condition that depend on an input.</summary>
    private IEnumerable<Expr> ComparedInputs(Expr condition) => condition.Op switch
    {
        Op.And or Op.Or or Op.Not => condition.Args.SelectMany(ComparedInputs),
        _ when IsComparison(condition) => condition.Args.Where(a => Inputs(a).Any()),
        _ => Enumerable.Empty<Expr>(),
    };

    private IEnumerable<int> Inputs(Expr node) =>
        FlatExpression.Reachable(new[] { node }).Where(n => n.Op == Op.Variable && _isInput(n.Variable)).Select(n => n.Variable);

    private static bool IsComparison(Expr node) => node.Op is Op.Less or Op.LessOrEqual or Op.Greater or Op.GreaterOrEqual or Op.Equal or Op.NotEqual;

    /// <summary>The comparison true exactly where <paramref name="op"/> is false, for numbers; both are false at NaN.</summary>
    private static Op? Complement(Op op) => op switch
    {
        Op.Less => Op.GreaterOrEqual,
        Op.LessOrEqual => Op.Greater,
        Op.Greater => Op.LessOrEqual,
        Op.GreaterOrEqual => Op.Less,
        _ => null,
    };
}
