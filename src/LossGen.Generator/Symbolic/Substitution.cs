using System;
using System.Collections.Generic;
using System.Linq;

namespace LossGen.Generator.Symbolic;

/// <summary>Rebuilds an expression with some of its nodes replaced, simplifying again on the way and keeping the user's names.</summary>
internal static class Substitution
{
    /// <param name="root">The expression.</param>
    /// <param name="replace">The replacement of a node, or null to keep it (rebuilt from its replaced arguments).</param>
    public static Expr Apply(Expr root, Func<Expr, Expr?> replace) => Apply(root, (node, _) => replace(node));

    /// <param name="root">The expression.</param>
    /// <param name="replace">
    /// The replacement of a node, given it and the rebuilt form of any of its arguments, or null to keep it (rebuilt from its
    /// replaced arguments).
    /// </param>
    public static Expr Apply(Expr root, Func<Expr, Func<Expr, Expr>, Expr?> replace)
    {
        var pool = root.Pool;
        var rebuilt = new Dictionary<Expr, Expr>();
        foreach (var node in FlatExpression.Reachable(new[] { root }))
        {
            var result = replace(node, a => rebuilt[a]) ?? (node.Args.Count == 0 ? node : pool.Apply(node.Op, node.Args.Select(a => rebuilt[a]).ToArray()));
            if (pool.NameOf(node) is { } name)
            {
                pool.Name(result, name);
            }

            rebuilt.Add(node, result);
        }

        return rebuilt[root];
    }
}
