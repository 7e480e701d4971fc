using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace LossGen.Tests.Infrastructure;

/// <summary>
/// A random <c>[Loss]</c> method: its body as a <see cref="RandomExpression"/> tree (with locals, a hyperparameter,
/// an if statement), written as C# by <see cref="ToCSharp"/>. The parts a mutation changes are settable: the
/// modifiers, the parameters, statements before the return, and a wrapper around the whole block.
/// </summary>
public sealed class RandomLoss
{
    public RandomLoss(string name, LossFlavor flavor, RandomExpression body, IReadOnlyList<(string Name, RandomExpression Value)> locals, double? hyperparameter, bool bodyAsIf)
    {
        Name = name;
        Flavor = flavor;
        Body = body;
        Locals = locals;
        Hyperparameter = hyperparameter;
        BodyAsIf = bodyAsIf;
    }

    public string Name { get; }

    public LossFlavor Flavor { get; }

    public RandomExpression Body { get; }

    public IReadOnlyList<(string Name, RandomExpression Value)> Locals { get; }

    /// <summary>The default of the hyperparameter <c>alpha</c>, when the loss has one.</summary>
    public double? Hyperparameter { get; }

    public bool HyperparameterIsPositive { get; init; }

    /// <summary>Whether a conditional body is written as <c>if (c) { return a; } return b;</c>.</summary>
    public bool BodyAsIf { get; }

    public string Modifiers { get; set; } = "public static partial";

    public string PredictionAttributes { get; set; } = "";

    public string TargetModifier { get; set; } = "";

    /// <summary>Parameter declarations appended after the usual ones, each starting with ", ".</summary>
    public string ExtraParameters { get; set; } = "";

    /// <summary>Statements put after the locals, before the return; they force a block body.</summary>
    public List<string> Statements { get; } = new();

    /// <summary>Turns the block's statements into other statements, e.g. wraps them in a try.</summary>
    public Func<string, string>? WrapBlock { get; set; }

    /// <summary>What the mutation did, for messages; null for a valid loss.</summary>
    public string? Mutation { get; set; }

    /// <summary>The element type as the signature spells it.</summary>
    public string Element => Flavor switch
    {
        LossFlavor.Float => "float",
        LossFlavor.Generic => "T",
        _ => "double",
    };

    public double Limit => Flavor == LossFlavor.Float ? FloatLimit : DoubleLimit;

    /// <summary>The bound on values at a checked point.</summary>
    public const double DoubleLimit = 1e6;

    /// <summary>
    /// Float keeps about 7 digits, so a finite difference of float values near 1e6 says little about a derivative of
    /// order 1; float losses are checked where their values stay below 1e3.
    /// </summary>
    public const double FloatLimit = 1e3;

    public Evaluation Evaluate(double prediction, double target, double hyperparameter)
    {
        var evaluation = new Evaluation(prediction, target, hyperparameter, Limit);
        evaluation.Checked(Body.Evaluate(evaluation));
        return evaluation;
    }

    public string ToCSharp()
    {
        var text = new StringBuilder();
        text.Append("    [Loss]\n    ").Append(Modifiers).Append(' ').Append(Element).Append(' ').Append(Name);
        if (Flavor == LossFlavor.Generic)
        {
            text.Append("<T>");
        }

        text.Append('(').Append(PredictionAttributes).Append(Element).Append(" prediction, ").Append(TargetModifier).Append(Element).Append(" target");
        if (Hyperparameter is { } alpha)
        {
            var positive = HyperparameterIsPositive ? "[Positive] " : "";
            text.Append(Flavor == LossFlavor.Generic
                ? $", {positive}[Default({RandomExpression.Constant(alpha, LossFlavor.Double)})] T alpha"
                : $", {positive}{Element} alpha = {RandomExpression.Constant(alpha, Flavor)}");
        }

        text.Append(ExtraParameters).Append(')');
        if (Flavor == LossFlavor.Generic)
        {
            text.Append(" where T : IFloatingPointIeee754<T>");
        }

        if (Locals.Count == 0 && Statements.Count == 0 && WrapBlock is null && !BodyAsIf)
        {
            return text.Append("\n        => ").Append(Body.ToCSharp(Flavor)).Append(";\n").ToString();
        }

        var block = new StringBuilder();
        foreach (var (name, value) in Locals)
        {
            block.Append("        var ").Append(name).Append(" = ").Append(value.ToCSharp(Flavor)).Append(";\n");
        }

        foreach (var statement in Statements)
        {
            block.Append("        ").Append(statement).Append('\n');
        }

        if (BodyAsIf && Body.Kind == ExpressionKind.Conditional && Body.Rewrite is null)
        {
            block.Append("        if ").Append(Body.Children[0].ToCSharp(Flavor)).Append("\n        {\n            return ")
                .Append(Body.Children[1].ToCSharp(Flavor)).Append(";\n        }\n\n        return ").Append(Body.Children[2].ToCSharp(Flavor)).Append(";\n");
        }
        else
        {
            block.Append("        return ").Append(Body.ToCSharp(Flavor)).Append(";\n");
        }

        var statements = WrapBlock is null ? block.ToString() : WrapBlock(block.ToString());
        return text.Append("\n    {\n").Append(statements).Append("    }\n").ToString();
    }

    /// <summary>The usings, and the members that mutations refer to, of the class holding random losses.</summary>
    public const string Usings = "using System;\nusing System.Numerics;\nusing LossGen;\n\n#pragma warning disable CS1591\n\n";

    public const string HelperMembers = """
            private static double ScaleD = 2.0;

            private static float ScaleF = 2.0f;

            private static double PlainD(double x) => x * 2.0;

            private static float PlainF(float x) => x * 2.0f;

            private static T PlainG<T>(T x) where T : IFloatingPointIeee754<T> => x + x;

        """;
}
