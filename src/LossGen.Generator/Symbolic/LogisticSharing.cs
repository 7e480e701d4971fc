using System.Collections.Generic;
using System.Linq;

namespace LossGen.Generator.Symbolic;

/// <summary>
/// Rewrites the logistic functions of a kernel — σ(±x), softplus(±x), log σ(±x) — in terms of one e = exp(-|x|) per
/// argument, with log1p(e) and 1 / (1 + e) each computed once: a binary cross-entropy with its gradient needs all four
/// of σ(x), σ(-x), softplus(x), softplus(-x), which are one exponential and one logarithm, not four of each.
/// </summary>
/// <remarks>
/// Applied after differentiation, to the code of SIMD kernels only, where each function is a call the JIT cannot share.
/// The forms are LossMath's own stable ones: softplus(x) = max(x, 0) + log1p(e), σ(x) = 1 / (1 + e) for x ≥ 0 and
/// e · (1 / (1 + e)) below, log σ(x) = -softplus(-x); NaN and ±∞ give what the functions give.
/// </remarks>
internal static class LogisticSharing
{
    public static IReadOnlyList<Expr> Apply(IReadOnlyList<Expr> roots)
    {
        var rewritten = new Dictionary<Expr, Expr>();
        return roots.Select(root => Rewrite(root, rewritten)).ToList();
    }

    private static Expr Rewrite(Expr node, Dictionary<Expr, Expr> rewritten)
    {
        if (rewritten.TryGetValue(node, out var done))
        {
            return done;
        }

        var pool = node.Pool;
        var args = node.Args.Select(a => Rewrite(a, rewritten)).ToArray();
        var result = node.Op switch
        {
            Op.Softplus => Softplus(args[0]),
            Op.LogSigmoid => -Softplus(-args[0]),
            Op.Sigmoid => Sigmoid(args[0]),
            _ when args.Where((a, i) => a != node[i]).Any() => pool.Apply(node.Op, args),
            _ => node,
        };
        if (result != node && pool.NameOf(node) is { } name)
        {
            pool.Name(result, name);
        }

        rewritten.Add(node, result);
        return result;
    }

    /// <summary>max(x, 0) + log1p(exp(-|x|)).</summary>
    private static Expr Softplus(Expr x)
    {
        var pool = x.Pool;
        return pool.Apply(Op.Max, x, pool.Zero) + pool.Apply(Op.Log1p, Decay(x));
    }

    /// <summary>σ(x) from the decay e = exp(-|x|) of x's magnitude, shared with σ(-x).</summary>
    private static Expr Sigmoid(Expr x)
    {
        var pool = x.Pool;
        var (magnitude, negated) = x.Op == Op.Negate ? (x[0], true) : (x, false);
        var decay = Decay(magnitude);
        var large = 1 / (1 + decay);

        // e·(1/(1 + e)), not e/(1 + e): σ(x) and σ(-x) share one division, the slowest vector operation there is; the
        // product rounds twice, within an ulp of the quotient.
        var small = pool.ProductAsWritten(decay, large);
        var nonnegative = pool.Compare(Op.GreaterOrEqual, magnitude, pool.Zero);
        return negated ? pool.Conditional(nonnegative, small, large) : pool.Conditional(nonnegative, large, small);
    }

    /// <summary>exp(-|x|), one node for x and -x.</summary>
    private static Expr Decay(Expr x)
    {
        var pool = x.Pool;
        var magnitude = x.Op == Op.Negate ? x[0] : x;
        return pool.Apply(Op.Exp, -pool.Apply(Op.Abs, magnitude));
    }
}
