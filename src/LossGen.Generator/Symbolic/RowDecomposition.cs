using System;
using System.Collections.Generic;
using System.Linq;

namespace LossGen.Generator.Symbolic;

/// <summary>How a row reduction is computed: its element function, and the variables its result is known by.</summary>
/// <param name="Op">RowSum, RowMax or RowLogSumExp.</param>
/// <param name="Element">f(j), over the rows' element variables and the row's scalars.</param>
/// <param name="Result">The variable standing for the reduction's value in the expressions computed after it.</param>
/// <param name="Adjoint">The variable standing for ∂ℓ/∂(the reduction), 0 where ℓ does not depend on it; null for the second pass's sums.</param>
/// <param name="AdjointValue">What <paramref name="Adjoint"/> is, over the row's scalars.</param>
/// <param name="Max">For a log-sum-exp, the variable of its maximum m = maxⱼ f(j), which the first pass computes.</param>
/// <param name="LogSum">For a log-sum-exp, the variable of log Σⱼ e^(f(j) − m), from the second pass.</param>
internal sealed record RowReduction(Op Op, Expr Element, Expr Result, Expr? Adjoint, Expr? AdjointValue = null, Expr? Max = null, Expr? LogSum = null);

/// <summary>
/// A row loss split into what its passes over a row compute. The loss ℓ = F(R₁, …, x[y], C, hyperparameters) is a scalar
/// function of row reductions Rᵢ = reduceⱼ gᵢ(j); its gradient, by the chain rule written once here, is
/// <code>
/// ∂ℓ/∂xⱼ = Σᵢ Aᵢ · ∂Rᵢ/∂gᵢ(j) · ∂gᵢ(j)/∂xⱼ + [j = y] · (∂F/∂x[y] + Σⱼ′ Σᵢ Aᵢ · ∂Rᵢ/∂gᵢ(j′) · ∂gᵢ(j′)/∂x[y])
/// </code>
/// with Aᵢ = ∂F/∂Rᵢ and ∂Rᵢ/∂gᵢ(j) from the rule table (<see cref="DerivativeRules.RowPartial"/>). So the first pass
/// computes the reductions (the maxima of the log-sum-exps), a second pass the sums that need the first's results (the
/// log-sum-exps' Σ e^(g − max), the ties of a max), the scalar stage ℓ, the Aᵢ and ∂F/∂x[y], and the gradient pass writes
/// the element gradient and sums the target term, added at the target's class afterwards.
/// </summary>
/// <remarks>
/// Variables: the loss's inputs keep their ordinals (a row input stands for its element j, a hyperparameter for
/// itself); the row's scalars (x[y], C, each Rᵢ and Aᵢ, ∂F/∂x[y], the second pass's sums) are variables numbered after
/// them, named in <see cref="Names"/>.
/// </remarks>
internal sealed class RowDecomposition
{
    private readonly Dictionary<int, string> _names = new();
    private readonly ExprPool _pool;
    private int _next;

    private RowDecomposition(ExprPool pool, int inputs)
    {
        _pool = pool;
        _next = inputs;
    }

    /// <summary>The first pass's reductions, each with its adjoint.</summary>
    public IReadOnlyList<RowReduction> Reductions { get; private set; } = Array.Empty<RowReduction>();

    /// <summary>The second pass's sums, which need the first pass's results (the ties of a max).</summary>
    public IReadOnlyList<RowReduction> SecondPassSums { get; private set; } = Array.Empty<RowReduction>();

    /// <summary>The row's loss F, over the row's scalars.</summary>
    public Expr Value { get; private set; } = null!;

    /// <summary>∂F/∂x[y], over the row's scalars; 0 when the loss does not index the prediction at the target.</summary>
    public Expr TargetAdjoint { get; private set; } = null!;

    /// <summary>The element gradient Σᵢ Aᵢ · ∂Rᵢ/∂gᵢ(j) · ∂gᵢ(j)/∂xⱼ.</summary>
    public Expr ElementGradient { get; private set; } = null!;

    /// <summary>The element term summed over the row and added to the gradient at the target: the reductions' dependence on x[y].</summary>
    public Expr TargetTerm { get; private set; } = null!;

    /// <summary>The variables standing for the row at the target, by the row input's ordinal.</summary>
    public IReadOnlyDictionary<int, Expr> RowAtTarget { get; private set; } = new Dictionary<int, Expr>();

    /// <summary>The variable standing for the number of classes.</summary>
    public Expr Length { get; private set; } = null!;

    /// <summary>The names of the row's scalar variables.</summary>
    public IReadOnlyDictionary<int, string> Names => _names;

    /// <summary>Whether the gradient is 0 everywhere: the loss does not depend on the prediction.</summary>
    public bool GradientIsZero => ElementGradient.Is(0) && TargetAdjoint.Is(0) && TargetTerm.Is(0);

    /// <summary>Splits the row loss <paramref name="body"/>.</summary>
    /// <param name="body">The loss, as read: reductions with element functions, <see cref="Op.RowAt"/> and <see cref="Op.RowLength"/> leaves.</param>
    /// <param name="inputs">The number of the loss's inputs (parameters).</param>
    /// <param name="prediction">The ordinal of the prediction row.</param>
    /// <param name="inputName">The name of input i.</param>
    public static RowDecomposition Create(Expr body, int inputs, int prediction, Func<int, string> inputName)
    {
        var decomposition = new RowDecomposition(body.Pool, inputs);
        decomposition.Split(body, prediction, inputName);
        return decomposition;
    }

    /// <summary>The reductions of <paramref name="body"/>, in the order they are computed.</summary>
    public static List<Expr> ReductionsOf(Expr body) =>
        FlatExpression.Reachable(new[] { body }).Where(n => OpInfo.Of(n.Op).IsRowReduction).ToList();

    private void Split(Expr body, int prediction, Func<int, string> inputName)
    {
        var pool = _pool;
        Length = Scalar("classes");
        var rowAt = new Dictionary<int, Expr>();
        foreach (var leaf in FlatExpression.Reachable(new[] { body }).Where(n => n.Op == Op.RowAt))
        {
            rowAt[leaf.Variable] = Scalar(inputName(leaf.Variable) + "AtTarget");
        }

        RowAtTarget = rowAt;
        Expr? Leaf(Expr node) => node.Op switch
        {
            Op.RowAt => rowAt[node.Variable],
            Op.RowLength => Length,
            _ => null,
        };

        var reductions = new List<RowReduction>();
        var results = new Dictionary<Expr, Expr>();
        foreach (var reduction in ReductionsOf(body))
        {
            if (ReductionsOf(reduction[0]).Count > 0)
            {
                throw new InvalidOperationException("A row reduction inside another's element function.");
            }

            var name = pool.NameOf(reduction) ?? ReductionName(reduction.Op) + reductions.Count;
            var result = Scalar(name);
            results.Add(reduction, result);
            var logSumExp = reduction.Op == Op.RowLogSumExp;
            reductions.Add(new RowReduction(reduction.Op, Substitution.Apply(reduction[0], Leaf), result, Scalar(name + "Adjoint"),
                Max: logSumExp ? Scalar(name + "Max") : null, LogSum: logSumExp ? Scalar(name + "LogSum") : null));
        }

        var split = reductions.Where(r => r.Op == Op.RowLogSumExp).ToDictionary(r => r.Result, r => (r.Max!, r.LogSum!));
        Value = StableLogSumExp(Substitution.Apply(body, node => results.TryGetValue(node, out var r) ? r : Leaf(node)), split);
        TargetAdjoint = rowAt.TryGetValue(prediction, out var predictionAtTarget) ? Differentiator.Differentiate(Value, predictionAtTarget.Variable) : pool.Zero;
        Reductions = reductions.Select(r =>
        {
            // ℓ depends on a log-sum-exp m + log S through log S alone once split; ∂ℓ/∂(log S) is ∂ℓ/∂lse.
            var adjoint = Differentiator.Differentiate(Value, (r.LogSum ?? r.Result).Variable);
            return r with { Adjoint = adjoint.Is(0) ? pool.Zero : r.Adjoint, AdjointValue = adjoint };
        }).ToList();

        var elementGradient = pool.Zero;
        var targetTerm = pool.Zero;
        foreach (var r in Reductions)
        {
            if (r.Adjoint!.Is(0))
            {
                continue;
            }

            var weight = r.Adjoint * DerivativeRules.RowPartial(r.Op, r.Element, r.Result);
            elementGradient += weight * Differentiator.Differentiate(r.Element, prediction);
            if (predictionAtTarget is not null)
            {
                targetTerm += weight * Differentiator.Differentiate(r.Element, predictionAtTarget.Variable);
            }
        }

        var secondPass = new Dictionary<Expr, RowReduction>();
        Expr? SecondPass(Expr node)
        {
            if (!OpInfo.Of(node.Op).IsRowReduction)
            {
                return null;
            }

            if (node.Op != Op.RowSum || ReductionsOf(node[0]).Count > 0)
            {
                throw new InvalidOperationException($"A derivative rule reduces the row with {node.Op}, which the second pass cannot.");
            }

            if (!secondPass.TryGetValue(node, out var sum))
            {
                sum = new RowReduction(Op.RowSum, node[0], Scalar("ties" + secondPass.Count), null);
                secondPass.Add(node, sum);
            }

            return sum.Result;
        }

        ElementGradient = Substitution.Apply(StableLogSumExp(elementGradient, split), SecondPass);
        TargetTerm = Substitution.Apply(StableLogSumExp(targetTerm, split), SecondPass);
        SecondPassSums = secondPass.Values.ToList();
    }

    /// <summary>
    /// Writes each log-sum-exp lse = m + log S so that nothing cancels: lse − a as (m − a) − log S and a − lse as
    /// (a − m) − log S, as log_softmax computes x − m − log S. Where a is the maximum itself (the target's logit, a
    /// logit in the gradient's softmax), m − a is exact and the result keeps every digit of log S; lse computed first
    /// would round to the magnitude of m (at logits of 10⁴ in float, to 10⁻³).
    /// </summary>
    private static Expr StableLogSumExp(Expr expression, Dictionary<Expr, (Expr Max, Expr LogSum)> split)
    {
        if (split.Count == 0)
        {
            return expression;
        }

        return Substitution.Apply(expression, (node, rebuilt) =>
        {
            if (split.TryGetValue(node, out var parts))
            {
                return parts.Max + parts.LogSum;
            }

            if (node.Op == Op.Subtract && split.TryGetValue(node[1], out var right))
            {
                return rebuilt(node[0]) - right.Max - right.LogSum;
            }

            return node.Op == Op.Subtract && split.TryGetValue(node[0], out var left)
                ? left.Max - rebuilt(node[1]) + left.LogSum
                : null;
        });
    }

    private static string ReductionName(Op op) => op switch
    {
        Op.RowSum => "sum",
        Op.RowMax => "max",
        _ => "logSumExp",
    };

    /// <summary>A new scalar variable, named as generated code calls it (the emitter keeps the names clear of the user's).</summary>
    private Expr Scalar(string name)
    {
        var variable = _pool.Variable(_next++);
        _names[variable.Variable] = name;
        return variable;
    }
}
