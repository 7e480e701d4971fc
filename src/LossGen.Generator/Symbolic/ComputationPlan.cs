using System;
using System.Collections.Generic;
using System.Linq;

namespace LossGen.Generator.Symbolic;

/// <summary>
/// Common-subexpression elimination over several results at once (a value and its derivatives): every node
/// used more than once, or named by the user, is computed once into a local, in dependency order. Conditions may be
/// kept out of locals and written at each use (vector code, see <see cref="Create"/>).
/// </summary>
internal sealed class ComputationPlan
{
    private readonly Dictionary<Expr, string> _locals;

    private ComputationPlan(List<(Expr Node, string Name)> steps, Dictionary<Expr, string> locals)
    {
        Steps = steps;
        _locals = locals;
    }

    /// <summary>The locals to compute, in order; each may use the ones before it.</summary>
    public IReadOnlyList<(Expr Node, string Name)> Steps { get; }

    /// <summary>The local holding <paramref name="node"/>, if it has one.</summary>
    public string? LocalOf(Expr node) => _locals.TryGetValue(node, out var name) ? name : null;

    /// <param name="roots">The results to compute.</param>
    /// <param name="isTaken">Whether a name is already used (parameters, the user's locals).</param>
    /// <param name="inlineConditions">
    /// Whether comparisons and their logic are written where they are used rather than kept in locals: a SIMD
    /// comparison used directly by a selection stays in a mask register, which the JIT shares between repeated uses,
    /// while one stored in a vector local is converted into a vector and blended bitwise, several times slower.
    /// </param>
    public static ComputationPlan Create(IReadOnlyList<Expr> roots, Func<string, bool> isTaken, bool inlineConditions = false)
    {
        var order = FlatExpression.Reachable(roots);
        var uses = order.ToDictionary(node => node, _ => 0);

        foreach (var node in order)
        {
            foreach (var arg in node.Args)
            {
                uses[arg]++;
            }
        }

        foreach (var root in roots)
        {
            uses[root]++;
        }

        var steps = new List<(Expr, string)>();
        var locals = new Dictionary<Expr, string>();
        var used = new HashSet<string>();
        var temporaries = 0;
        foreach (var node in order)
        {
            if (IsCheap(node) || (inlineConditions && node.IsBoolean))
            {
                continue;
            }

            var userName = node.Pool.NameOf(node);
            if (userName is null && uses[node] < 2)
            {
                continue;
            }

            var name = userName is not null && used.Add(userName) ? userName : null;
            while (name is null)
            {
                var candidate = "t" + temporaries++;
                if (!isTaken(candidate) && used.Add(candidate))
                {
                    name = candidate;
                }
            }

            steps.Add((node, name));
            locals.Add(node, name);
        }

        return new ComputationPlan(steps, locals);
    }

    private static bool IsCheap(Expr node) =>
        node.Op is Op.Constant or Op.Variable || (node.Op == Op.Negate && node[0].Op is Op.Constant or Op.Variable);
}
