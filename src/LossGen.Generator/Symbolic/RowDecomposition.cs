using System;
using System.Collections.Generic;
using System.Linq;

namespace LossGen.Generator.Symbolic;

/// <summary>How a row reduction is computed: its element function, the pass over the row that computes it, and the variables its result is known by.</summary>
/// <param name="Op">RowSum, RowMax or RowLogSumExp.</param>
/// <param name="Element">f(j), over the rows' element variables and the row's scalars, among them the results of earlier reductions.</param>
/// <param name="Result">The variable standing for the reduction's value in the expressions computed after it.</param>
/// <param name="Pass">
/// The pass over the row that computes it, from 1: the one after the last pass that computes what <paramref name="Element"/>
/// uses. A log-sum-exp takes its maximum in this pass and its Σⱼ e^(f(j) − m) in the next.
/// </param>
/// <param name="Adjoint">∂ℓ/∂(the reduction) as the gradient's expressions use it: a constant (0 where ℓ does not depend on it), or the variable the scalar stage sets to <paramref name="AdjointValue"/>; null for the gradient's sums.</param>
/// <param name="AdjointValue">What <paramref name="Adjoint"/> is, over the row's scalars and the adjoints of the reductions that use this one.</param>
/// <param name="Max">For a log-sum-exp, the variable of its maximum m = maxⱼ f(j).</param>
/// <param name="LogSum">For a log-sum-exp, the variable of log Σⱼ e^(f(j) − m), known after the pass following <paramref name="Pass"/>.</param>
internal sealed record RowReduction(Op Op, Expr Element, Expr Result, int Pass, Expr? Adjoint = null, Expr? AdjointValue = null, Expr? Max = null, Expr? LogSum = null);

/// <summary>
/// A row loss split into what its passes over a row compute. The loss ℓ = F(R₁, …, x[y], C, hyperparameters) is a scalar
/// function of row reductions Rᵢ = reduceⱼ gᵢ(j, R₁, …, Rᵢ₋₁), whose element functions may use the reductions before them
/// (Σⱼ wⱼ·(m − xⱼ) with m = maxⱼ xⱼ). Its gradient, by the chain rule written once here, is
/// <code>
/// ∂ℓ/∂xⱼ = Σᵢ Aᵢ · ∂Rᵢ/∂gᵢ(j) · ∂gᵢ(j)/∂xⱼ + [j = y] · (∂F/∂x[y] + Σⱼ′ Σᵢ Aᵢ · ∂Rᵢ/∂gᵢ(j′) · ∂gᵢ(j′)/∂x[y])
/// Aᵢ = ∂F/∂Rᵢ + Σₖ₍ₖ ᵤₛₑₛ ᵢ₎ Aₖ · Σⱼ ∂Rₖ/∂gₖ(j) · ∂gₖ(j)/∂Rᵢ
/// </code>
/// with ∂R/∂g(j) from the rule table (<see cref="DerivativeRules.RowPartial"/>): the adjoints flow from the reductions
/// that use others to the ones they use, as reverse mode flows through any node. The reductions are stratified by what
/// they use: each is computed in the first pass after everything its element function uses (a log-sum-exp in two, its
/// maximum, then Σ e^(g − max)), so a loss whose reductions use none takes two passes and a gradient pass, and each level
/// of use one more. The sums only the gradient needs (the ties of a max, the Σⱼ of Aᵢ) join the earliest pass that can
/// compute them; then the scalar stage computes ℓ, the Aᵢ and ∂F/∂x[y], and the gradient pass writes the element
/// gradient and sums the target term, added at the target's class afterwards.
/// </summary>
/// <remarks>
/// Variables: the loss's inputs keep their ordinals (a row input stands for its element j, a hyperparameter for
/// itself); the row's scalars (x[y], C, each Rᵢ and Aᵢ, ∂F/∂x[y], the gradient's sums) are variables numbered after
/// them, named in <see cref="Names"/>.
/// </remarks>
internal sealed class RowDecomposition
{
    private readonly Dictionary<int, string> _names = new();
    private readonly ExprPool _pool;
    private readonly Func<int, bool> _isRow;
    private readonly int _inputs;

    /// <summary>The pass after which each computed scalar is known; the others (inputs, x[y], C) are known before the first.</summary>
    private readonly Dictionary<int, int> _knownAfter = new();
    private int _next;

    private RowDecomposition(ExprPool pool, int inputs, Func<int, bool> isRow)
    {
        _pool = pool;
        _isRow = isRow;
        _inputs = inputs;
        _next = inputs;
    }

    /// <summary>The loss's reductions, each with its pass and its adjoint, every one after the reductions it uses.</summary>
    public IReadOnlyList<RowReduction> Reductions { get; private set; } = Array.Empty<RowReduction>();

    /// <summary>The sums only the gradient needs (the ties of a max, the sensitivity of a reduction to one it uses), each with its pass.</summary>
    public IReadOnlyList<RowReduction> GradientSums { get; private set; } = Array.Empty<RowReduction>();

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
    /// <param name="isRow">Whether input i is a row, which stands for its element j in an element function, rather than a number.</param>
    public static RowDecomposition Create(Expr body, int inputs, int prediction, Func<int, string> inputName, Func<int, bool> isRow)
    {
        var decomposition = new RowDecomposition(body.Pool, inputs, isRow);
        decomposition.Split(body, prediction, inputName);
        return decomposition;
    }

    /// <summary>The reductions of <paramref name="body"/>, each after the reductions its element function uses.</summary>
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

        // The sums and maxima computed so far, by the reduction of their element over the row's scalars: a sum the
        // gradient needs that the loss computes already (Σⱼ wⱼ, the sensitivity of Σⱼ wⱼ·(m − xⱼ) to m) is not computed again.
        var computed = new Dictionary<Expr, Expr>();
        var reductions = new List<RowReduction>();
        var results = new Dictionary<Expr, Expr>();
        var split = new Dictionary<Expr, (Expr Max, Expr LogSum)>();
        foreach (var reduction in ReductionsOf(body))
        {
            var name = pool.NameOf(reduction) ?? ReductionName(reduction.Op) + reductions.Count;
            var element = StableLogSumExp(Substitution.Apply(reduction[0], node => results.TryGetValue(node, out var r) ? r : Leaf(node)), split);
            var pass = KnownAfter(element) + 1;
            if (reduction.Op == Op.RowLogSumExp)
            {
                var lse = Scalar(name);
                var max = Scalar(name + "Max", pass);
                var logSum = Scalar(name + "LogSum", pass + 1);
                results.Add(reduction, lse);
                split.Add(lse, (max, logSum));
                reductions.Add(new RowReduction(reduction.Op, element, lse, pass, Max: max, LogSum: logSum));
            }
            else
            {
                var result = Scalar(name, pass);
                results.Add(reduction, result);
                computed[pool.Reduce(reduction.Op, element)] = result;
                reductions.Add(new RowReduction(reduction.Op, element, result, pass));
            }
        }

        var gradientSums = new List<RowReduction>();
        Expr? GradientSum(Expr node, Func<Expr, Expr> rebuilt)
        {
            if (Leaf(node) is { } leaf)
            {
                return leaf;
            }

            if (!OpInfo.Of(node.Op).IsRowReduction)
            {
                return null;
            }

            if (node.Op != Op.RowSum)
            {
                throw new InvalidOperationException($"A derivative rule reduces the row with {node.Op}, which only sums.");
            }

            // A sum of a value of the row alone (∂(m + log S − xⱼ)/∂S = 1/S in Σⱼ (m + log S − xⱼ)) is that value times C.
            var element = rebuilt(node[0]);
            if (!FlatExpression.Reachable(new[] { element }).Any(n => n.Op == Op.Variable && n.Variable < _inputs && _isRow(n.Variable)))
            {
                return element * Length;
            }

            var key = pool.Reduce(Op.RowSum, element);
            if (!computed.TryGetValue(key, out var sum))
            {
                var pass = KnownAfter(element) + 1;
                sum = Scalar("rowSum" + gradientSums.Count, pass);
                gradientSums.Add(new RowReduction(Op.RowSum, element, sum, pass));
                computed.Add(key, sum);
            }

            return sum;
        }

        // A gradient expression over the row's scalars: log-sum-exps split, the rules' sums over the row computed by a pass.
        Expr Scalars(Expr expression) => Substitution.Apply(StableLogSumExp(expression, split), GradientSum);
        Expr Partial(RowReduction r) => DerivativeRules.RowPartial(r.Op, r.Element, r.Result);

        Value = StableLogSumExp(Substitution.Apply(body, node => results.TryGetValue(node, out var r) ? r : Leaf(node)), split);
        TargetAdjoint = rowAt.TryGetValue(prediction, out var predictionAtTarget) ? Differentiator.Differentiate(Value, predictionAtTarget.Variable) : pool.Zero;

        // From the last reduction back: Aᵢ needs the adjoints of the reductions that use Rᵢ, which come after it.
        for (var i = reductions.Count - 1; i >= 0; i--)
        {
            // ℓ depends on a log-sum-exp m + log S through log S alone once split; ∂ℓ/∂(log S) is ∂ℓ/∂lse.
            var r = reductions[i];
            var of = (r.LogSum ?? r.Result).Variable;
            var adjoint = Differentiator.Differentiate(Value, of);
            foreach (var user in reductions.Skip(i + 1).Where(u => !u.Adjoint!.Is(0)))
            {
                var sensitivity = Differentiator.Differentiate(user.Element, of);
                if (!sensitivity.Is(0))
                {
                    adjoint += user.Adjoint! * pool.Reduce(Op.RowSum, Partial(user) * sensitivity);
                }
            }

            adjoint = Scalars(adjoint);
            reductions[i] = r with { Adjoint = adjoint.IsConstant ? adjoint : Scalar(_names[r.Result.Variable] + "Adjoint"), AdjointValue = adjoint };
        }

        var elementGradient = pool.Zero;
        var targetTerm = pool.Zero;
        foreach (var r in reductions.Where(r => !r.Adjoint!.Is(0)))
        {
            var weight = r.Adjoint! * Partial(r);
            elementGradient += weight * Differentiator.Differentiate(r.Element, prediction);
            if (predictionAtTarget is not null)
            {
                targetTerm += weight * Differentiator.Differentiate(r.Element, predictionAtTarget.Variable);
            }
        }

        ElementGradient = Scalars(elementGradient);
        TargetTerm = Scalars(targetTerm);
        Reductions = reductions;
        GradientSums = gradientSums;
    }

    /// <summary>The last pass that computes a scalar <paramref name="expression"/> uses; 0 where it uses none.</summary>
    private int KnownAfter(Expr expression) => FlatExpression.Reachable(new[] { expression })
        .Where(n => n.Op == Op.Variable)
        .Select(n => _knownAfter.TryGetValue(n.Variable, out var pass) ? pass : 0)
        .DefaultIfEmpty(0)
        .Max();

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

    /// <summary>A new scalar variable that pass <paramref name="knownAfter"/> computes.</summary>
    private Expr Scalar(string name, int knownAfter)
    {
        var variable = Scalar(name);
        _knownAfter[variable.Variable] = knownAfter;
        return variable;
    }
}
