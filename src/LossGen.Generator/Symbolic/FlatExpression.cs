using System.Collections.Generic;
using System.Linq;
using LossGen.Generator.Model;

namespace LossGen.Generator.Symbolic;

/// <summary>One node of a <see cref="FlatExpression"/>; children are indices of earlier nodes (or -1).</summary>
internal readonly record struct FlatNode(Op Op, double Value, int Variable, int A, int B, int C, string? Name);

/// <summary>
/// An expression graph as a value: nodes in topological order, compared element by element. This is how a
/// parsed loss body travels through the incremental pipeline; <see cref="Load"/> rebuilds the live graph.
/// </summary>
internal sealed record FlatExpression(EquatableArray<FlatNode> Nodes, int Root)
{
    public static FlatExpression From(Expr root)
    {
        var order = Reachable(new[] { root });
        var index = new Dictionary<Expr, int>();
        var nodes = new List<FlatNode>(order.Count);
        foreach (var node in order)
        {
            int Child(int i) => i < node.Args.Count ? index[node[i]] : -1;
            index.Add(node, nodes.Count);
            nodes.Add(new FlatNode(node.Op, node.Value, node.Variable, Child(0), Child(1), Child(2), node.Pool.NameOf(node)));
        }

        return new FlatExpression(new EquatableArray<FlatNode>(nodes), index[root]);
    }

    /// <summary>Rebuilds the graph in <paramref name="pool"/>, keeping the user's names for locals.</summary>
    public Expr Load(ExprPool pool)
    {
        var built = new Expr[Nodes.Count];
        for (var i = 0; i < Nodes.Count; i++)
        {
            var node = Nodes[i];
            var args = new[] { node.A, node.B, node.C }.Where(a => a >= 0).Select(a => built[a]).ToArray();
            built[i] = node.Op switch
            {
                Op.Constant => pool.Constant(node.Value),
                Op.Variable => pool.Variable(node.Variable),
                Op.RowAt => pool.RowAt(node.Variable),
                Op.RowLength => pool.RowLength(),
                _ => pool.Apply(node.Op, args),
            };
            if (node.Name is not null)
            {
                pool.Name(built[i], node.Name);
            }
        }

        return built[Root];
    }

    /// <summary>All nodes reachable from <paramref name="roots"/>, children before parents.</summary>
    public static List<Expr> Reachable(IEnumerable<Expr> roots)
    {
        var seen = new HashSet<Expr>();
        var stack = new Stack<Expr>(roots);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (seen.Add(node))
            {
                foreach (var arg in node.Args)
                {
                    stack.Push(arg);
                }
            }
        }

        var order = seen.ToList();
        order.Sort((a, b) => a.Id.CompareTo(b.Id));
        return order;
    }
}
