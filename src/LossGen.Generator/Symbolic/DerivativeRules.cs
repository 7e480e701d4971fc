using System;
using System.Collections.Generic;

namespace LossGen.Generator.Symbolic;

/// <summary>
/// The one table of local derivatives: for a node <c>n = f(a₀, a₁, …)</c> and an argument index <c>i</c>, the
/// rule gives ∂f/∂aᵢ as an expression that may reuse <c>n</c> itself (the primal result). The chain rule is
/// written once, in <see cref="Differentiator"/>; adding a function means adding one line here.
/// </summary>
/// <remarks>
/// Conventions at kinks follow PyTorch: <c>Abs</c>' derivative is <c>Sign</c> (0 at 0); <c>Max</c>/<c>Min</c>
/// split the gradient evenly between tied arguments (<c>torch.maximum</c>); <c>Clamp</c> passes the gradient
/// on the closed interval [lo, hi] (<c>torch.clamp</c>); <c>Sign</c> has derivative 0; <c>Xlogy</c>'s
/// derivative in x is 0 where x = 0 (<c>torch.xlogy</c>); <c>Pow(x, y)</c> has derivative 0 in x where y = 0 and
/// in y where x = 0 and y ≥ 0 (<c>torch.pow</c>), instead of 0 · ∞.
/// </remarks>
internal static class DerivativeRules
{
    private static readonly double Ln2 = Math.Log(2);
    private static readonly double Ln10 = Math.Log(10);

    private static readonly Dictionary<Op, Func<Expr, int, Expr>> Rules = new()
    {
        [Op.Add] = (n, i) => n.Pool.One,
        [Op.Subtract] = (n, i) => n.Pool.Constant(i == 0 ? 1 : -1),
        [Op.Multiply] = (n, i) => n[1 - i],
        [Op.Divide] = (n, i) => i == 0 ? 1 / n[1] : -(n / n[1]),
        [Op.Negate] = (n, i) => n.Pool.Constant(-1),
        [Op.Pow] = (n, i) => i == 0
            ? n.Pool.Conditional(Compare(Op.Equal, n[1], n.Pool.Zero), n.Pool.Zero, n[1] * n.Pool.Pow(n[0], n[1] - 1))
            : n.Pool.Conditional(
                n.Pool.And(Compare(Op.Equal, n[0], n.Pool.Zero), Compare(Op.GreaterOrEqual, n[1], n.Pool.Zero)),
                n.Pool.Zero,
                n * Call(Op.Log, n[0])),
        [Op.Abs] = (n, i) => Call(Op.Sign, n[0]),
        [Op.Sign] = (n, i) => n.Pool.Zero,
        [Op.Max] = (n, i) => TieSplit(n[i], n[1 - i], Op.Greater),
        [Op.Min] = (n, i) => TieSplit(n[i], n[1 - i], Op.Less),
        [Op.Clamp] = (n, i) => i switch
        {
            0 => Select(n.Pool.And(Compare(Op.GreaterOrEqual, n[0], n[1]), Compare(Op.LessOrEqual, n[0], n[2]))),
            1 => Select(Compare(Op.Less, n[0], n[1])),
            _ => Select(Compare(Op.Greater, n[0], n[2])),
        },
        [Op.Exp] = (n, i) => n,
        [Op.Log] = (n, i) => 1 / n[0],
        [Op.Log2] = (n, i) => (1 / Ln2) / n[0],
        [Op.Log10] = (n, i) => (1 / Ln10) / n[0],
        [Op.Sqrt] = (n, i) => 0.5 / n,
        [Op.Cbrt] = (n, i) => 1 / (3 * (n * n)),
        [Op.Tanh] = (n, i) => 1 - n * n,
        [Op.Sinh] = (n, i) => Call(Op.Cosh, n[0]),
        [Op.Cosh] = (n, i) => Call(Op.Sinh, n[0]),
        [Op.Sin] = (n, i) => Call(Op.Cos, n[0]),
        [Op.Cos] = (n, i) => -Call(Op.Sin, n[0]),
        [Op.Tan] = (n, i) => 1 + n * n,
        [Op.Atan] = (n, i) => 1 / (1 + n[0] * n[0]),
        [Op.Log1p] = (n, i) => 1 / (1 + n[0]),
        [Op.Expm1] = (n, i) => 1 + n,
        // σ(x)·σ(-x) rather than σ(1 - σ): for large x, 1 - σ(x) cancels to a few digits or to 0.
        [Op.Sigmoid] = (n, i) => n * Call(Op.Sigmoid, -n[0]),
        [Op.Softplus] = (n, i) => Call(Op.Sigmoid, n[0]),
        [Op.LogSigmoid] = (n, i) => Call(Op.Sigmoid, -n[0]),
        [Op.LogCosh] = (n, i) => Call(Op.Tanh, n[0]),
        [Op.Xlogy] = (n, i) => n.Pool.Conditional(
            Compare(Op.Equal, n[0], n.Pool.Zero),
            n.Pool.Zero,
            i == 0 ? Call(Op.Log, n[1]) : n[0] / n[1]),
    };

    /// <summary>
    /// The row reductions' rules: for <c>n = reduce_j f(j)</c>, ∂n/∂f(j) as an expression of f at j (<c>element</c>) and
    /// the result n, which the chain rule multiplies by ∂f(j)/∂x. A rule may reduce the row again (Max counts its ties).
    /// </summary>
    private static readonly Dictionary<Op, Func<Expr, Expr, Expr>> RowRules = new()
    {
        [Op.RowSum] = (element, n) => element.Pool.One,
        // softmax: e^(f(j) - n) with n = log Σ e^f ≥ max f, so every term is at most 1 and nothing overflows.
        [Op.RowLogSumExp] = (element, n) => Call(Op.Exp, element - n),
        // The gradient split evenly between tied maxima, as torch.amax's.
        [Op.RowMax] = (element, n) =>
        {
            var tie = Select(Compare(Op.Equal, element, n));
            return tie / element.Pool.Reduce(Op.RowSum, tie);
        },
    };

    /// <summary>∂n/∂f(j) of the row reduction <paramref name="reduction"/> n = reduce_j f(j), given f at j and n.</summary>
    public static Expr RowPartial(Op reduction, Expr element, Expr result) =>
        RowRules.TryGetValue(reduction, out var rule)
            ? rule(element, result)
            : throw new InvalidOperationException($"No derivative rule for {reduction}.");

    /// <summary>∂node/∂(argument <paramref name="index"/>).</summary>
    public static Expr Partial(Expr node, int index) =>
        Rules.TryGetValue(node.Op, out var rule)
            ? rule(node, index)
            : throw new InvalidOperationException($"No derivative rule for {node.Op}.");

    private static Expr Call(Op op, Expr argument) => argument.Pool.Apply(op, argument);

    private static Expr Compare(Op op, Expr a, Expr b) => a.Pool.Compare(op, a, b);

    private static Expr Select(Expr condition) =>
        condition.Pool.Conditional(condition, condition.Pool.One, condition.Pool.Zero);

    /// <summary>1 where <paramref name="self"/> wins, ½ at a tie, 0 where it loses.</summary>
    private static Expr TieSplit(Expr self, Expr other, Op wins)
    {
        var pool = self.Pool;
        return pool.Conditional(
            pool.Compare(wins, self, other),
            pool.One,
            pool.Conditional(pool.Compare(Op.Equal, self, other), pool.Constant(0.5), pool.Zero));
    }
}
