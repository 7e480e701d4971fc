using System;
using System.Collections.Generic;
using System.Linq;
using LossGen.Generator.Symbolic;
using Xunit;

namespace LossGen.Tests.Symbolic;

/// <summary>The math core alone: no Roslyn, no compilation.</summary>
public class DifferentiatorTests
{
    private static readonly string[] Names = ["p", "y", "s"];

    private static (ExprPool Pool, Expr P, Expr Y, Expr S) Inputs()
    {
        var pool = new ExprPool(singlePrecision: false);
        return (pool, pool.Variable(0), pool.Variable(1), pool.Variable(2));
    }

    private static string Print(Expr e) => FormulaPrinter.Print(e, i => Names[i]);

    [Fact]
    public void Equal_subexpressions_are_one_node()
    {
        var (_, p, y, _) = Inputs();
        Assert.Same(p - y, p - y);
        Assert.Same(p * y, y * p);
    }

    [Fact]
    public void Simplifier_folds_constants_and_identities()
    {
        var (pool, p, y, _) = Inputs();
        Assert.Equal("p", Print(p * pool.One + pool.Zero));
        Assert.True((p - p).Is(0));
        Assert.Equal("2 * p", Print(p + p));
        Assert.Equal("p - y", Print(p + -y));
        Assert.True((2 * pool.Constant(3) - 1).Is(5));
        Assert.Same(p, -(-p));
    }

    [Fact]
    public void Cauchy_derivative_shares_the_residual_with_the_value()
    {
        var (pool, p, y, s) = Inputs();
        var r = (p - y) / s;
        pool.Name(r, "r");
        var loss = pool.Apply(Op.Log1p, r * r);
        var derivative = Differentiator.Differentiate(loss, 0);
        Assert.Equal("2 * (r / s / (1 + r * r)), where r = (p - y) / s", Print(derivative));
        var plan = ComputationPlan.Create([loss, derivative], _ => false);
        Assert.Contains(plan.Steps, step => step.Name == "r");
        Assert.Contains(plan.Steps, step => step.Node == r * r);
    }

    [Fact]
    public void Piecewise_loss_is_differentiated_branch_by_branch()
    {
        var (pool, p, y, _) = Inputs();
        var r = p - y;
        var loss = pool.Conditional(pool.Compare(Op.Greater, p, y), 2 * (r * r), 0.5 * (r * r));
        Assert.Equal("p > y ? 4 * (p - y) : p - y", Print(Differentiator.Differentiate(loss, 0)));
    }

    /// <summary>
    /// max(a, a) is a, and a &lt; a is false, for every a (NaN too): folded, so the tie rule's comparisons of a with
    /// itself never reach generated code, where C# warns about them (CS1718).
    /// </summary>
    [Fact]
    public void Max_of_a_node_with_itself_is_that_node_and_its_derivative_compares_nothing()
    {
        var (pool, p, y, _) = Inputs();
        var r = p - y;
        Assert.Same(r, pool.Apply(Op.Max, r, p - y));
        Assert.Same(r, pool.Apply(Op.Min, r, r));
        Assert.True(pool.Compare(Op.Less, r, r).Is(0));
        Assert.True(pool.Compare(Op.Greater, r, r).Is(0));
        Assert.Equal("p <= p ? 1 : 0", Print(pool.Conditional(pool.Compare(Op.LessOrEqual, p, p), pool.One, pool.Zero)));
        Assert.Equal("2 * (p - y)", Print(Differentiator.Differentiate(pool.Apply(Op.Max, r * r, r * r), 0)));
    }

    [Fact]
    public void Max_splits_the_gradient_at_a_tie_like_torch_maximum()
    {
        var (pool, p, _, _) = Inputs();
        var hinge = pool.Apply(Op.Max, pool.Zero, 1 - p);
        var derivative = Differentiator.Differentiate(hinge, 0);
        Assert.Equal(-1.0, Evaluate(derivative, 0.5));
        Assert.Equal(-0.5, Evaluate(derivative, 1.0));
        Assert.Equal(0.0, Evaluate(derivative, 2.0));
    }

    /// <summary>
    /// BCE's clamped log, max(log(1 - p), -100), is flat where 1 - p = 0; its derivative there must be 0, not the
    /// 0 · (1 / 0) = NaN of multiplying the kink's selector by the log's derivative.
    /// </summary>
    [Fact]
    public void Kink_selector_that_picks_zero_masks_an_infinite_inner_derivative()
    {
        var (pool, p, _, _) = Inputs();
        var clampedLog = pool.Apply(Op.Max, pool.Apply(Op.Log, 1 - p), pool.Constant(-100));
        var derivative = Differentiator.Differentiate(clampedLog, 0);
        Assert.Equal(0.0, Evaluate(derivative, 1.0));
        Assert.Equal(-2.0, Evaluate(derivative, 0.5), 12);
    }

    [Fact]
    public void Log_sigmoid_reuses_an_existing_softplus_of_the_negated_argument()
    {
        var (pool, p, _, _) = Inputs();
        var softplus = pool.Apply(Op.Softplus, -p);
        Assert.Equal("-softplus(-p)", Print(pool.Apply(Op.LogSigmoid, p)));
        Assert.Same(softplus, pool.Apply(Op.LogSigmoid, p)[0]);
        Assert.Equal("logsigmoid(y)", Print(pool.Apply(Op.LogSigmoid, Inputs().Y)));
        Assert.Equal("sigmoid(-p)", Print(Differentiator.Differentiate(pool.Apply(Op.LogSigmoid, p), 0)));
    }

    /// <summary>
    /// The SIMD kernels' rewrite of σ(±x), softplus(±x) and log σ(±x) onto one exp(-|x|): the same values as the
    /// functions, at ±0, far out, and for NaN; and one exponential for all six.
    /// </summary>
    [Fact]
    public void Logistic_functions_of_x_and_minus_x_share_one_exponential_with_the_same_values()
    {
        var (pool, p, _, _) = Inputs();
        var functions = new[] { Op.Sigmoid, Op.Softplus, Op.LogSigmoid }
            .SelectMany(op => new[] { pool.Apply(op, p), pool.Apply(op, -p) }).ToList();
        var shared = LogisticSharing.Apply(functions);
        Assert.Single(FlatExpression.Reachable(shared), n => n.Op == Op.Exp);
        Assert.DoesNotContain(FlatExpression.Reachable(shared), n => n.Op is Op.Sigmoid or Op.Softplus or Op.LogSigmoid);
        foreach (var x in new[] { 0.0, -0.0, 1e-300, 0.3, -2.5, 17.0, -40.0, 750.0, -750.0, double.NaN })
        {
            for (var i = 0; i < functions.Count; i++)
            {
                var expected = Evaluate(functions[i], x);
                var actual = Evaluate(shared[i], x);
                Assert.True(double.IsNaN(expected) ? double.IsNaN(actual) : Math.Abs(actual - expected) <= 4e-16 * Math.Abs(expected),
                    $"{Print(functions[i])} at {x}: {actual} vs {expected}");
            }
        }
    }

    [Fact]
    public void Stable_functions_keep_stable_derivatives()
    {
        var (pool, p, _, _) = Inputs();
        Assert.Equal("sigmoid(p)", Print(Differentiator.Differentiate(pool.Apply(Op.Softplus, p), 0)));
        Assert.Equal("sigmoid(-p)", Print(Differentiator.Differentiate(pool.Apply(Op.LogSigmoid, p), 0)));
        Assert.Equal("tanh(p)", Print(Differentiator.Differentiate(pool.Apply(Op.LogCosh, p), 0)));
        Assert.Equal("1 / (1 + p)", Print(Differentiator.Differentiate(pool.Apply(Op.Log1p, p), 0)));
    }

    [Fact]
    public void Derivative_can_be_differentiated_again()
    {
        var (pool, p, _, _) = Inputs();
        var cube = p * p * p;
        var second = Differentiator.Differentiate(Differentiator.Differentiate(cube, 0), 0);
        Assert.Equal(6 * 1.5, Evaluate(second, 1.5), 12);
        var softplus = pool.Apply(Op.Softplus, p);
        var curvature = Differentiator.Differentiate(Differentiator.Differentiate(softplus, 0), 0);
        Assert.Equal(0.25, Evaluate(curvature, 0), 12);
    }

    [Fact]
    public void Every_function_has_a_derivative_matching_finite_differences()
    {
        var unary = new Dictionary<Op, Func<double, double>>
        {
            [Op.Exp] = Math.Exp, [Op.Log] = Math.Log, [Op.Log2] = Math.Log2, [Op.Log10] = Math.Log10,
            [Op.Sqrt] = Math.Sqrt, [Op.Cbrt] = Math.Cbrt, [Op.Tanh] = Math.Tanh, [Op.Sinh] = Math.Sinh,
            [Op.Cosh] = Math.Cosh, [Op.Sin] = Math.Sin, [Op.Cos] = Math.Cos, [Op.Tan] = Math.Tan, [Op.Atan] = Math.Atan,
            [Op.Abs] = Math.Abs, [Op.Log1p] = LossMath.Log1p, [Op.Expm1] = LossMath.Expm1, [Op.Sigmoid] = LossMath.Sigmoid,
            [Op.Softplus] = LossMath.Softplus, [Op.LogSigmoid] = LossMath.LogSigmoid, [Op.LogCosh] = LossMath.LogCosh,
        };
        foreach (var (op, function) in unary)
        {
            var (pool, p, _, _) = Inputs();
            var derivative = Differentiator.Differentiate(pool.Apply(op, p), 0);
            foreach (var x in new[] { 0.3, 0.7, 1.9 })
            {
                var h = 1e-6;
                var expected = (function(x + h) - function(x - h)) / (2 * h);
                Assert.True(Math.Abs(Evaluate(derivative, x) - expected) < 1e-6 * (1 + Math.Abs(expected)), $"{op} at {x}");
            }
        }
    }

    /// <summary>An independent interpreter of the IR, for checking derivatives numerically.</summary>
    private static double Evaluate(Expr e, double p) => e.Op switch
    {
        Op.Constant => e.Value,
        Op.Variable => p,
        Op.Add => Evaluate(e[0], p) + Evaluate(e[1], p),
        Op.Subtract => Evaluate(e[0], p) - Evaluate(e[1], p),
        Op.Multiply => Evaluate(e[0], p) * Evaluate(e[1], p),
        Op.Divide => Evaluate(e[0], p) / Evaluate(e[1], p),
        Op.Negate => -Evaluate(e[0], p),
        Op.Conditional => Evaluate(e[0], p) != 0 ? Evaluate(e[1], p) : Evaluate(e[2], p),
        Op.Greater => Evaluate(e[0], p) > Evaluate(e[1], p) ? 1 : 0,
        Op.GreaterOrEqual => Evaluate(e[0], p) >= Evaluate(e[1], p) ? 1 : 0,
        Op.Less => Evaluate(e[0], p) < Evaluate(e[1], p) ? 1 : 0,
        Op.Equal => Evaluate(e[0], p) == Evaluate(e[1], p) ? 1 : 0,
        Op.Sign => Math.Sign(Evaluate(e[0], p)),
        Op.Max => Math.Max(Evaluate(e[0], p), Evaluate(e[1], p)),
        Op.Exp => Math.Exp(Evaluate(e[0], p)),
        Op.Log => Math.Log(Evaluate(e[0], p)),
        Op.Sinh => Math.Sinh(Evaluate(e[0], p)),
        Op.Cosh => Math.Cosh(Evaluate(e[0], p)),
        Op.Sin => Math.Sin(Evaluate(e[0], p)),
        Op.Cos => Math.Cos(Evaluate(e[0], p)),
        Op.Tanh => Math.Tanh(Evaluate(e[0], p)),
        Op.Sqrt => Math.Sqrt(Evaluate(e[0], p)),
        Op.Cbrt => Math.Cbrt(Evaluate(e[0], p)),
        Op.Tan => Math.Tan(Evaluate(e[0], p)),
        Op.Sigmoid => LossMath.Sigmoid(Evaluate(e[0], p)),
        Op.Softplus => LossMath.Softplus(Evaluate(e[0], p)),
        Op.LogSigmoid => LossMath.LogSigmoid(Evaluate(e[0], p)),
        Op.Log1p => LossMath.Log1p(Evaluate(e[0], p)),
        Op.Abs => Math.Abs(Evaluate(e[0], p)),
        Op.Expm1 => LossMath.Expm1(Evaluate(e[0], p)),
        _ => throw new NotSupportedException(e.Op.ToString()),
    };
}
