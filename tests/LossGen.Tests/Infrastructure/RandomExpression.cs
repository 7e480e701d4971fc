using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace LossGen.Tests.Infrastructure;

/// <summary>How a random loss is written: with <c>double</c>, with <c>float</c>, or generic over <c>T</c>.</summary>
public enum LossFlavor
{
    Double,
    Float,
    Generic,
}

/// <summary>A value with its derivative with respect to the prediction: forward-mode differentiation of the model.</summary>
public readonly record struct Dual(double Value, double Slope);

/// <summary>
/// One evaluation of a <see cref="RandomExpression"/> tree in double. It records every branch taken (a condition's
/// outcome, the side of a kink of <c>Abs</c>, <c>Max</c>, <c>Clamp</c>, … or of a pole) so that points whose
/// neighbourhood takes the same branches can be told apart, and it marks itself invalid when a function leaves its
/// domain, a value is not finite, or a value reaches <see cref="Limit"/> in magnitude.
/// </summary>
public sealed class Evaluation(double prediction, double target, double hyperparameter, double limit)
{
    public double Prediction { get; } = prediction;

    public double Target { get; } = target;

    public double Hyperparameter { get; } = hyperparameter;

    public double Limit { get; } = limit;

    public List<int> Branches { get; } = new();

    public bool Valid { get; private set; } = true;

    /// <summary>The largest magnitude of any value computed, the scale of the rounding error of the loss.</summary>
    public double LargestValue { get; private set; }

    /// <summary>The largest magnitude of any derivative computed, the scale of the rounding error of the derivative.</summary>
    public double LargestSlope { get; private set; }

    public void Require(bool condition) => Valid &= condition;

    /// <summary>Records on which side of <paramref name="boundary"/> a value lies; on the boundary itself the point is unusable.</summary>
    public void Side(double value, double boundary)
    {
        Require(value != boundary);
        Branches.Add(value > boundary ? 1 : -1);
    }

    public bool Condition(bool outcome)
    {
        Branches.Add(outcome ? 1 : 0);
        return outcome;
    }

    public Dual Checked(Dual value)
    {
        Require(double.IsFinite(value.Value) && double.IsFinite(value.Slope) && Math.Abs(value.Value) < Limit);
        LargestValue = Math.Max(LargestValue, Math.Abs(value.Value));
        LargestSlope = Math.Max(LargestSlope, Math.Abs(value.Slope));
        return value;
    }
}

/// <summary>
/// A supported function as random losses use it: its C# name, whether it lives in <c>LossMath</c>, and its double
/// model. The model checks the domain and records kinks through the <see cref="Evaluation"/>.
/// </summary>
public sealed record RandomFunction(string Name, int Arity, bool InLossMath, bool NeedsPositiveArgument, Func<Dual[], Evaluation, Dual> Apply)
{
    private static double Sigmoid(double x) => LossMath.Sigmoid(x);

    public static readonly RandomFunction[] All =
    [
        new("Exp", 1, false, false, (a, e) => new(Math.Exp(a[0].Value), a[0].Slope * Math.Exp(a[0].Value))),
        new("Log", 1, false, true, (a, e) => Positive(e, a[0], Math.Log(a[0].Value), 1 / a[0].Value)),
        new("Log2", 1, false, true, (a, e) => Positive(e, a[0], Math.Log2(a[0].Value), 1 / (a[0].Value * Math.Log(2)))),
        new("Log10", 1, false, true, (a, e) => Positive(e, a[0], Math.Log10(a[0].Value), 1 / (a[0].Value * Math.Log(10)))),
        new("Sqrt", 1, false, true, (a, e) => Positive(e, a[0], Math.Sqrt(a[0].Value), 0.5 / Math.Sqrt(a[0].Value))),
        new("Cbrt", 1, false, false, (a, e) =>
        {
            // Cbrt has an infinite slope at 0: a pole of the derivative, so its side is tracked like a kink.
            e.Side(a[0].Value, 0);
            var c = Math.Cbrt(a[0].Value);
            return new(c, a[0].Slope / (3 * c * c));
        }),
        new("Tanh", 1, false, false, (a, e) => new(Math.Tanh(a[0].Value), a[0].Slope * (1 - Math.Tanh(a[0].Value) * Math.Tanh(a[0].Value)))),
        new("Sinh", 1, false, false, (a, e) => new(Math.Sinh(a[0].Value), a[0].Slope * Math.Cosh(a[0].Value))),
        new("Cosh", 1, false, false, (a, e) => new(Math.Cosh(a[0].Value), a[0].Slope * Math.Sinh(a[0].Value))),
        new("Sin", 1, false, false, (a, e) => new(Math.Sin(a[0].Value), a[0].Slope * Math.Cos(a[0].Value))),
        new("Cos", 1, false, false, (a, e) => new(Math.Cos(a[0].Value), -a[0].Slope * Math.Sin(a[0].Value))),
        new("Tan", 1, false, false, (a, e) =>
        {
            e.Side(Math.Cos(a[0].Value), 0);
            return new(Math.Tan(a[0].Value), a[0].Slope * (1 + Math.Tan(a[0].Value) * Math.Tan(a[0].Value)));
        }),
        new("Atan", 1, false, false, (a, e) => new(Math.Atan(a[0].Value), a[0].Slope / (1 + a[0].Value * a[0].Value))),
        new("Abs", 1, false, false, (a, e) =>
        {
            e.Side(a[0].Value, 0);
            return new(Math.Abs(a[0].Value), Math.Sign(a[0].Value) * a[0].Slope);
        }),
        new("Sign", 1, true, false, (a, e) =>
        {
            e.Side(a[0].Value, 0);
            return new(Math.Sign(a[0].Value), 0);
        }),
        new("Max", 2, false, false, (a, e) =>
        {
            e.Side(a[0].Value, a[1].Value);
            return a[0].Value > a[1].Value ? a[0] : a[1];
        }),
        new("Min", 2, false, false, (a, e) =>
        {
            e.Side(a[0].Value, a[1].Value);
            return a[0].Value < a[1].Value ? a[0] : a[1];
        }),
        new("Pow", 2, false, true, (a, e) =>
        {
            var (x, y) = (a[0], a[1]);
            e.Require(x.Value > 0);
            var value = Math.Pow(x.Value, y.Value);
            return new(value, y.Value * Math.Pow(x.Value, y.Value - 1) * x.Slope + value * Math.Log(x.Value) * y.Slope);
        }),
        new("Log1p", 1, true, false, (a, e) =>
        {
            e.Require(a[0].Value > -1);
            return new(LossMath.Log1p(a[0].Value), a[0].Slope / (1 + a[0].Value));
        }),
        new("Expm1", 1, true, false, (a, e) => new(LossMath.Expm1(a[0].Value), a[0].Slope * Math.Exp(a[0].Value))),
        new("Sigmoid", 1, true, false, (a, e) => new(Sigmoid(a[0].Value), a[0].Slope * Sigmoid(a[0].Value) * Sigmoid(-a[0].Value))),
        new("Softplus", 1, true, false, (a, e) => new(LossMath.Softplus(a[0].Value), a[0].Slope * Sigmoid(a[0].Value))),
        new("LogSigmoid", 1, true, false, (a, e) => new(LossMath.LogSigmoid(a[0].Value), a[0].Slope * Sigmoid(-a[0].Value))),
        new("LogCosh", 1, true, false, (a, e) => new(LossMath.LogCosh(a[0].Value), a[0].Slope * Math.Tanh(a[0].Value))),
        new("Xlogy", 2, true, false, (a, e) =>
        {
            // x = 0 is where LossMath's 0·log y = 0 convention switches the derivative: a kink.
            var (x, y) = (a[0], a[1]);
            e.Require(y.Value > 0);
            e.Side(x.Value, 0);
            return new(x.Value * Math.Log(y.Value), x.Slope * Math.Log(y.Value) + x.Value * y.Slope / y.Value);
        }),
    ];

    private static Dual Positive(Evaluation e, Dual argument, double value, double derivative)
    {
        e.Require(argument.Value > 0);
        return new(value, argument.Slope * derivative);
    }
}

public enum ExpressionKind
{
    Prediction,
    Target,
    Hyperparameter,
    Local,
    Literal,
    Negate,
    Add,
    Subtract,
    Multiply,
    Divide,
    Call,
    Clamp,
    Conditional,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Equal,
    NotEqual,
    And,
    Or,
    Not,
}

/// <summary>
/// A node of a random loss body: how C# spells it for each <see cref="LossFlavor"/>, and its double model. A mutation
/// can <see cref="Rewrite"/> a node's text into something C# accepts but LossGen does not.
/// </summary>
public sealed class RandomExpression
{
    public RandomExpression(ExpressionKind kind, params RandomExpression[] children)
    {
        Kind = kind;
        Children = children;
    }

    public ExpressionKind Kind { get; }

    public RandomExpression[] Children { get; }

    public double Literal { get; init; }

    public RandomFunction? Function { get; init; }

    /// <summary>The local a <see cref="ExpressionKind.Local"/> names, and the value it was given.</summary>
    public (string Name, RandomExpression Value)? Local { get; init; }

    public Func<string, string>? Rewrite { get; set; }

    public bool IsCondition => Kind >= ExpressionKind.Less;

    public IEnumerable<RandomExpression> Nodes() => Children.SelectMany(c => c.Nodes()).Prepend(this);

    public string ToCSharp(LossFlavor flavor)
    {
        var text = Spell(flavor);
        return Rewrite is null ? text : Rewrite(text);
    }

    /// <summary>The double spelling with every local replaced by its value: equal for the same computation.</summary>
    public string Expanded() => Kind == ExpressionKind.Local
        ? Local!.Value.Value.Expanded()
        : Kind + "(" + Literal.ToString("R", CultureInfo.InvariantCulture) + Function?.Name + string.Join(",", Children.Select(c => c.Expanded())) + ")";

    /// <summary>A constant as C# writes it in <paramref name="flavor"/>.</summary>
    public static string Constant(double value, LossFlavor flavor)
    {
        var digits = value.ToString("0.0###############", CultureInfo.InvariantCulture);
        return flavor switch
        {
            LossFlavor.Float => digits + "f",
            LossFlavor.Generic => $"T.CreateChecked({digits})",
            _ => digits,
        };
    }

    /// <summary>The value of the constant <paramref name="value"/> once C# has it in <paramref name="flavor"/>'s type.</summary>
    public static double Rounded(double value, LossFlavor flavor) => flavor == LossFlavor.Float ? (float)value : value;

    private string Spell(LossFlavor flavor)
    {
        string Child(int i) => Children[i].ToCSharp(flavor);
        return Kind switch
        {
            ExpressionKind.Prediction => "prediction",
            ExpressionKind.Target => "target",
            ExpressionKind.Hyperparameter => "alpha",
            ExpressionKind.Local => Local!.Value.Name,
            ExpressionKind.Literal => Constant(Literal, flavor),
            ExpressionKind.Negate => $"(-{Child(0)})",
            ExpressionKind.Add => $"({Child(0)} + {Child(1)})",
            ExpressionKind.Subtract => $"({Child(0)} - {Child(1)})",
            ExpressionKind.Multiply => $"({Child(0)} * {Child(1)})",
            ExpressionKind.Divide => $"({Child(0)} / {Child(1)})",
            ExpressionKind.Call => $"{Home(Function!, flavor)}.{Function!.Name}({string.Join(", ", Children.Select(c => c.ToCSharp(flavor)))})",
            ExpressionKind.Clamp => $"{(flavor == LossFlavor.Generic ? "T" : "Math")}.Clamp({Child(0)}, {Child(1)}, {Child(2)})",
            ExpressionKind.Conditional => $"({Child(0)} ? {Child(1)} : {Child(2)})",
            ExpressionKind.Less => $"({Child(0)} < {Child(1)})",
            ExpressionKind.LessOrEqual => $"({Child(0)} <= {Child(1)})",
            ExpressionKind.Greater => $"({Child(0)} > {Child(1)})",
            ExpressionKind.GreaterOrEqual => $"({Child(0)} >= {Child(1)})",
            ExpressionKind.Equal => $"({Child(0)} == {Child(1)})",
            ExpressionKind.NotEqual => $"({Child(0)} != {Child(1)})",
            ExpressionKind.And => $"({Child(0)} && {Child(1)})",
            ExpressionKind.Or => $"({Child(0)} || {Child(1)})",
            ExpressionKind.Not => $"(!{Child(0)})",
            _ => throw new InvalidOperationException(Kind.ToString()),
        };
    }

    private static string Home(RandomFunction function, LossFlavor flavor) =>
        function.InLossMath ? "LossMath" : flavor switch
        {
            LossFlavor.Float => "MathF",
            LossFlavor.Generic => "T",
            _ => "Math",
        };

    /// <summary>The value and derivative of a number-valued node, as C# computes them (only the branch taken is evaluated).</summary>
    public Dual Evaluate(Evaluation e)
    {
        if (!e.Valid)
        {
            return default;
        }

        Dual Child(int i) => Children[i].Evaluate(e);
        var result = Kind switch
        {
            ExpressionKind.Prediction => new Dual(e.Prediction, 1),
            ExpressionKind.Target => new Dual(e.Target, 0),
            ExpressionKind.Hyperparameter => new Dual(e.Hyperparameter, 0),
            ExpressionKind.Local => Local!.Value.Value.Evaluate(e),
            ExpressionKind.Literal => new Dual(Literal, 0),
            ExpressionKind.Negate => Negate(Child(0)),
            ExpressionKind.Add => Add(Child(0), Child(1)),
            ExpressionKind.Subtract => Add(Child(0), Negate(Child(1))),
            ExpressionKind.Multiply => Multiply(Child(0), Child(1)),
            ExpressionKind.Divide => Divide(Child(0), Child(1), e),
            ExpressionKind.Call => Function!.Apply(Children.Select(c => c.Evaluate(e)).ToArray(), e),
            ExpressionKind.Clamp => Clamp(Child(0), Children[1].Literal, Children[2].Literal, e),
            ExpressionKind.Conditional => Test(Children[0], e) ? Child(1) : Child(2),
            _ => throw new InvalidOperationException(Kind + " is a condition"),
        };
        return e.Checked(result);
    }

    private static Dual Negate(Dual a) => new(-a.Value, -a.Slope);

    private static Dual Add(Dual a, Dual b) => new(a.Value + b.Value, a.Slope + b.Slope);

    private static Dual Multiply(Dual a, Dual b) => new(a.Value * b.Value, a.Slope * b.Value + a.Value * b.Slope);

    private static Dual Divide(Dual a, Dual b, Evaluation e)
    {
        e.Side(b.Value, 0);
        return new(a.Value / b.Value, (a.Slope * b.Value - a.Value * b.Slope) / (b.Value * b.Value));
    }

    private static Dual Clamp(Dual x, double low, double high, Evaluation e)
    {
        e.Side(x.Value, low);
        e.Side(x.Value, high);
        return x.Value < low ? new(low, 0) : x.Value > high ? new(high, 0) : x;
    }

    private static bool Test(RandomExpression condition, Evaluation e)
    {
        if (!e.Valid)
        {
            return false;
        }

        bool Compare(Func<double, double, bool> compare)
        {
            var a = condition.Children[0].Evaluate(e).Value;
            var b = condition.Children[1].Evaluate(e).Value;
            // A tie is the boundary between the branches, where neither side's derivative is the truth.
            e.Require(a != b);
            return e.Condition(compare(a, b));
        }

        return condition.Kind switch
        {
            ExpressionKind.Less => Compare((a, b) => a < b),
            ExpressionKind.LessOrEqual => Compare((a, b) => a <= b),
            ExpressionKind.Greater => Compare((a, b) => a > b),
            ExpressionKind.GreaterOrEqual => Compare((a, b) => a >= b),
            ExpressionKind.Equal => Compare((a, b) => a == b),
            ExpressionKind.NotEqual => Compare((a, b) => a != b),
            ExpressionKind.And => e.Condition(Test(condition.Children[0], e) && Test(condition.Children[1], e)),
            ExpressionKind.Or => e.Condition(Test(condition.Children[0], e) || Test(condition.Children[1], e)),
            ExpressionKind.Not => e.Condition(!Test(condition.Children[0], e)),
            _ => throw new InvalidOperationException(condition.Kind + " is not a condition"),
        };
    }
}
