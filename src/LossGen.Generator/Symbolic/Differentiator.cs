using System.Collections.Generic;

namespace LossGen.Generator.Symbolic;

/// <summary>
/// Forward-mode symbolic differentiation over the shared graph: each node's derivative is computed once and
/// memoized, so a subexpression used many times is differentiated once. The chain rule lives here only; local
/// derivatives come from <see cref="DerivativeRules"/>.
/// </summary>
internal sealed class Differentiator
{
    private readonly Dictionary<Expr, Expr> _memo = new();
    private readonly int _variable;

    private Differentiator(int variable)
    {
        _variable = variable;
    }

    /// <summary>∂<paramref name="expression"/>/∂(input <paramref name="variable"/>).</summary>
    public static Expr Differentiate(Expr expression, int variable) =>
        new Differentiator(variable).Derive(expression);

    private Expr Derive(Expr node)
    {
        if (_memo.TryGetValue(node, out var known))
        {
            return known;
        }

        var pool = node.Pool;
        Expr derivative;
        switch (node.Op)
        {
            case Op.Constant:
                derivative = pool.Zero;
                break;
            case Op.Variable:
                derivative = node.Variable == _variable ? pool.One : pool.Zero;
                break;
            case Op.Conditional:
                derivative = pool.Conditional(node[0], Derive(node[1]), Derive(node[2]));
                break;
            default:
                derivative = node.IsBoolean ? pool.Zero : ChainRule(node);
                break;
        }

        _memo.Add(node, derivative);
        return derivative;
    }

    private Expr ChainRule(Expr node)
    {
        var sum = node.Pool.Zero;
        for (var i = 0; i < node.Args.Count; i++)
        {
            var inner = Derive(node[i]);
            if (!inner.Is(0))
            {
                sum += DerivativeRules.Partial(node, i) * inner;
            }
        }

        return sum;
    }
}
