using System;
using System.Collections.Generic;
using System.Linq;

namespace LossGen.Tests.Infrastructure;

/// <summary>
/// Builds random valid losses over the prediction, the target, constants, up to two locals and a hyperparameter,
/// with arithmetic, <c>?:</c> on comparisons joined by <c>&amp;&amp;</c>, <c>||</c> and <c>!</c>, and every function
/// of <see cref="RandomFunction.All"/>. The argument of a function defined only for positive numbers is usually
/// built to be positive, so that most losses have points where they can be checked.
/// </summary>
public sealed class RandomLossBuilder(Random random)
{
    private static readonly double[] Constants = [0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 0.1, 10.0];
    private static readonly double[] Exponents = [2.0, 3.0, 0.5, 1.5, -1.0];
    private static readonly double[] Hyperparameters = [0.5, 1.5, 2.0, 3.0];

    private LossFlavor _flavor;
    private bool _hasHyperparameter;
    private readonly List<(string Name, RandomExpression Value)> _locals = new();

    public RandomLoss Build(string name, LossFlavor flavor)
    {
        _flavor = flavor;
        _hasHyperparameter = random.Next(3) == 0;
        _locals.Clear();
        var localCount = random.Next(4) switch { 0 => 1, 1 => 2, _ => 0 };
        for (var i = 0; i < localCount; i++)
        {
            var value = random.Next(3) == 0 ? new RandomExpression(ExpressionKind.Subtract, Leaf(ExpressionKind.Prediction), Leaf(ExpressionKind.Target)) : Number(2);
            _locals.Add(("r" + i, value));
        }

        var body = random.Next(6) == 0 ? Conditional(3) : Number(random.Next(2, 5));
        return new RandomLoss(
            name,
            flavor,
            body,
            _locals.ToList(),
            _hasHyperparameter ? Pick(Hyperparameters) : null,
            bodyAsIf: random.Next(2) == 0)
        {
            HyperparameterIsPositive = random.Next(2) == 0,
        };
    }

    /// <summary>The value <c>alpha</c> takes in a check: another than the default now and then, to see it reach the generated code.</summary>
    public double HyperparameterValue(RandomLoss loss) => random.Next(2) == 0 ? loss.Hyperparameter ?? 0 : Pick(Hyperparameters);

    private RandomExpression Number(int depth)
    {
        if (depth <= 0 || random.Next(8) == 0)
        {
            return Terminal();
        }

        switch (random.Next(20))
        {
            case 0:
                return new RandomExpression(ExpressionKind.Negate, Number(depth - 1));
            case 1 or 2:
                return new RandomExpression(ExpressionKind.Add, Number(depth - 1), Number(depth - 1));
            case 3 or 4:
                return new RandomExpression(ExpressionKind.Subtract, Number(depth - 1), Number(depth - 1));
            case 5 or 6:
                return new RandomExpression(ExpressionKind.Multiply, Number(depth - 1), Number(depth - 1));
            case 7:
                return new RandomExpression(ExpressionKind.Divide, Number(depth - 1), random.Next(3) == 0 ? Number(depth - 1) : Positive(depth - 1));
            case 8:
                return Conditional(depth);
            case 9:
                var (low, high) = (Pick(Constants), Pick(Constants));
                return low == high ? Number(depth) : new RandomExpression(ExpressionKind.Clamp, Number(depth - 1), Literal(-low), Literal(high));
            default:
                return Call(Pick(RandomFunction.All), depth);
        }
    }

    private RandomExpression Call(RandomFunction function, int depth)
    {
        var arguments = new RandomExpression[function.Arity];
        for (var i = 0; i < arguments.Length; i++)
        {
            arguments[i] = Number(depth - 1);
        }

        if (function.NeedsPositiveArgument && random.Next(4) != 0)
        {
            arguments[0] = Positive(depth - 1);
        }

        if (function.Name == "Pow")
        {
            arguments[1] = random.Next(3) == 0 ? Number(depth - 1) : Literal(Pick(Exponents));
        }
        else if (function.Name == "Xlogy" && random.Next(4) != 0)
        {
            arguments[1] = Positive(depth - 1);
        }

        return new RandomExpression(ExpressionKind.Call, arguments) { Function = function };
    }

    /// <summary>An expression positive everywhere: exp, softplus, sigmoid, x² + c, |x| + c, or a positive constant.</summary>
    private RandomExpression Positive(int depth)
    {
        var inner = Number(depth - 1);
        return random.Next(6) switch
        {
            0 => Apply("Exp", inner),
            1 => Apply("Softplus", inner),
            2 => Apply("Sigmoid", inner),
            3 => new RandomExpression(ExpressionKind.Add, new RandomExpression(ExpressionKind.Multiply, inner, inner), Literal(Pick(Constants))),
            4 => new RandomExpression(ExpressionKind.Add, Apply("Abs", inner), Literal(Pick(Constants))),
            _ => Literal(Pick(Constants)),
        };
    }

    private RandomExpression Conditional(int depth) =>
        new(ExpressionKind.Conditional, Condition(depth - 1), Number(depth - 1), Number(depth - 1));

    private RandomExpression Condition(int depth)
    {
        switch (random.Next(12))
        {
            case 0 when depth > 0:
                return new RandomExpression(ExpressionKind.And, Condition(depth - 1), Condition(depth - 1));
            case 1 when depth > 0:
                return new RandomExpression(ExpressionKind.Or, Condition(depth - 1), Condition(depth - 1));
            case 2 when depth > 0:
                return new RandomExpression(ExpressionKind.Not, Condition(depth - 1));
            default:
                var comparison = random.Next(20) switch
                {
                    0 => ExpressionKind.Equal,
                    1 => ExpressionKind.NotEqual,
                    var n => (ExpressionKind)((int)ExpressionKind.Less + n % 4),
                };
                var (left, right) = (Number(depth - 1), random.Next(2) == 0 ? Literal(Pick(Constants) - 1) : Number(depth - 1));
                // A value compared with itself is C#'s warning CS1718 in the user's code already.
                return new RandomExpression(comparison, left, left.Expanded() == right.Expanded() ? Literal(Pick(Constants) + 0.125) : right);
        }
    }

    private RandomExpression Terminal()
    {
        var choice = random.Next(10);
        if (choice < 4)
        {
            return Leaf(ExpressionKind.Prediction);
        }

        if (choice < 6)
        {
            return Leaf(ExpressionKind.Target);
        }

        if (choice == 6 && _hasHyperparameter)
        {
            return Leaf(ExpressionKind.Hyperparameter);
        }

        if (choice == 7 && _locals.Count > 0)
        {
            var local = _locals[random.Next(_locals.Count)];
            return new RandomExpression(ExpressionKind.Local) { Local = local };
        }

        return Literal(Pick(Constants));
    }

    private RandomExpression Apply(string function, RandomExpression argument) =>
        new(ExpressionKind.Call, argument) { Function = RandomFunction.All.Single(f => f.Name == function) };

    private static RandomExpression Leaf(ExpressionKind kind) => new(kind);

    private RandomExpression Literal(double value) => new(ExpressionKind.Literal) { Literal = RandomExpression.Rounded(value, _flavor) };

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
