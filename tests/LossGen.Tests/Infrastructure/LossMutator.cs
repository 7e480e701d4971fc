using System;
using System.Collections.Generic;
using System.Linq;

namespace LossGen.Tests.Infrastructure;

/// <summary>
/// Turns a valid random loss into C# that compiles but that LossGen does not support, so it must report an LG error
/// in the method. Body mutations keep the method's signature, so LossGen still generates its declaration and the
/// compilation as a whole stays free of C# errors; <see cref="MutateSignature"/> changes the signature, after which
/// C# also reports the missing defining declaration (CS0759) at the method.
/// </summary>
public sealed class LossMutator(Random random)
{
    private delegate bool Mutation(RandomLoss loss, RandomExpression node);

    private static readonly (string Name, Mutation Apply)[] BodyMutations =
    [
        ("%", (loss, n) => Wrap(n, t => $"({t} % {t})")),
        ("& on conditions", (loss, n) => Wrap(n, t => $"(({t} > {Zero(loss)}) & ({t} < {One(loss)}) ? {t} : {Zero(loss)})")),
        ("| on conditions", (loss, n) => Wrap(n, t => $"(({t} > {Zero(loss)}) | ({t} < {One(loss)}) ? {t} : {Zero(loss)})")),
        ("^ on conditions", (loss, n) => Wrap(n, t => $"(({t} > {Zero(loss)}) ^ ({t} < {One(loss)}) ? {t} : {Zero(loss)})")),
        ("Round", (loss, n) => Wrap(n, t => $"{MathHome(loss)}.Round({t})")),
        ("Floor", (loss, n) => Wrap(n, t => $"{MathHome(loss)}.Floor({t})")),
        ("Ceiling", (loss, n) => Wrap(n, t => $"{MathHome(loss)}.Ceiling({t})")),
        ("Truncate", (loss, n) => Wrap(n, t => $"{MathHome(loss)}.Truncate({t})")),
        ("Asin", (loss, n) => Wrap(n, t => $"{MathHome(loss)}.Asin({t})")),
        ("Atan2", (loss, n) => Wrap(n, t => $"{MathHome(loss)}.Atan2({t}, {One(loss)})")),
        ("Log with a base", (loss, n) => Wrap(n, t => $"{MathHome(loss)}.Log({t}, {One(loss)} + {One(loss)})")),
        ("int overload", (loss, n) => Wrap(n, t => loss.Flavor == LossFlavor.Generic ? $"({t} + T.CreateChecked(Math.Max(1, 2)))" : $"({t} + Math.Max(1, 2))")),
        ("cast to int", (loss, n) => loss.Flavor != LossFlavor.Generic && Wrap(n, t => $"(({loss.Element})(int){t})")),
        ("mixed precision", (loss, n) => Wrap(n, t => loss.Flavor switch
        {
            LossFlavor.Double => $"((double)(float){t})",
            LossFlavor.Float => $"((float)Math.Exp({t}))",
            _ => $"({t} * T.CreateChecked(Math.Exp(2.0)))",
        })),
        ("static field", (loss, n) => Wrap(n, t => loss.Flavor switch
        {
            LossFlavor.Double => $"({t} * ScaleD)",
            LossFlavor.Float => $"({t} * ScaleF)",
            _ => $"({t} * T.CreateChecked(ScaleD))",
        })),
        ("array element", (loss, n) => Wrap(n, t => $"new[] {{ {t}, {t} }}[1]")),
        ("is pattern", (loss, n) => loss.Flavor != LossFlavor.Generic && Wrap(n, t => $"({t} is > 0 ? {t} : {Zero(loss)})")),
        ("switch expression", (loss, n) => loss.Flavor != LossFlavor.Generic && Wrap(n, t => $"({t} switch {{ > 1 => {t}, _ => {Zero(loss)} }})")),
        ("helper without [Differentiable]", (loss, n) => Wrap(n, t => loss.Flavor switch
        {
            LossFlavor.Double => $"PlainD({t})",
            LossFlavor.Float => $"PlainF({t})",
            _ => $"PlainG({t})",
        })),
        ("recursion", (loss, n) => Wrap(n, t => $"({t} + {loss.Name}(prediction, target{(loss.Hyperparameter is null ? "" : ", alpha")}))")),
        ("loop", (loss, n) => Add(loss, "for (var i = 0; i < 2; i++) { }")),
        ("while loop", (loss, n) => Add(loss, "while (prediction > target + target * target + " + One(loss) + ") { break; }")),
        ("do loop", (loss, n) => Add(loss, "do { } while (false);")),
        ("foreach", (loss, n) => Add(loss, "foreach (var i in new[] { 1, 2 }) { }")),
        ("reassigned local", (loss, n) => Add(loss, "var m = prediction;", "m = -m;")),
        ("compound assignment", (loss, n) => Add(loss, "var m = prediction;", "m += m;")),
        ("increment", (loss, n) => Add(loss, "var m = prediction;", "m++;")),
        ("decrement", (loss, n) => Add(loss, "var m = target;", "--m;")),
        ("assigned parameter", (loss, n) => Add(loss, "prediction = -prediction;")),
        ("expression statement", (loss, n) => Add(loss, "LossMath.Sigmoid(prediction);")),
        ("local without initializer", (loss, n) => Add(loss, $"{loss.Element} m;", "m = prediction;")),
        ("throw", (loss, n) => Add(loss, "if (prediction != prediction) { throw new ArgumentException(\"NaN\"); }")),
        ("switch statement", (loss, n) => Add(loss, "switch (1) { default: break; }")),
        ("local function", (loss, n) => Add(loss, $"static {loss.Element} Twice({loss.Element} x) => x + x;") && Wrap(n, t => $"Twice({t})")),
        ("lambda", (loss, n) => Add(loss, $"Func<{loss.Element}, {loss.Element}> twice = x => x + x;") && Wrap(n, t => $"twice({t})")),
        ("try", (loss, n) =>
        {
            loss.WrapBlock = block => "        try\n        {\n" + block + "        }\n        finally\n        {\n        }\n";
            return true;
        }),
    ];

    private static readonly (string Name, Action<RandomLoss> Apply)[] SignatureMutations =
    [
        ("not static", loss => loss.Modifiers = "public partial"),
        ("not partial", loss => loss.Modifiers = "public static"),
        ("in parameter", loss => loss.TargetModifier = "in "),
        ("ref parameter", loss => loss.TargetModifier = "ref "),
        ("ref readonly parameter", loss => loss.TargetModifier = "ref readonly "),
        ("params parameter", loss => loss.ExtraParameters = $", params {loss.Element}[] rest"),
        ("int parameter", loss => loss.ExtraParameters = ", int count = 1"),
        ("[Positive] on the prediction", loss => loss.PredictionAttributes = "[Positive] "),
        ("empty [Range]", loss => loss.ExtraParameters = loss.Flavor == LossFlavor.Generic ? ", [Range(2, 1), Default(1.5)] T beta" : $", [Range(2, 1)] {loss.Element} beta = {RandomExpression.Constant(1.5, loss.Flavor)}"),
        ("hyperparameter named like a member", loss => loss.ExtraParameters = loss.Flavor == LossFlavor.Generic ? ", [Default(1.0)] T values" : $", {loss.Element} values = {RandomExpression.Constant(1, loss.Flavor)}"),
        ("misplaced [Default]", loss => loss.ExtraParameters = loss.Flavor == LossFlavor.Generic ? ", [PerElement, Default(1.0)] T importance" : $", [Default(1.0)] {loss.Element} beta = {RandomExpression.Constant(1, loss.Flavor)}"),
    ];

    /// <summary>Mutates <paramref name="loss"/>'s body into an unsupported one; returns false when the chosen mutation does not apply.</summary>
    public bool MutateBody(RandomLoss loss)
    {
        var (name, apply) = BodyMutations[random.Next(BodyMutations.Length)];
        // A subtree of constants only is folded by C# into a constant, which LossGen rightly accepts whatever its operators.
        var nodes = loss.Body.Nodes().Where(n => !n.IsCondition && n.Rewrite is null && n.Nodes().Any(c => c.Kind is ExpressionKind.Prediction or ExpressionKind.Target or ExpressionKind.Hyperparameter or ExpressionKind.Local)).ToList();
        if (nodes.Count == 0 || !apply(loss, nodes[random.Next(nodes.Count)]))
        {
            return false;
        }

        loss.Mutation = name;
        return true;
    }

    public void MutateSignature(RandomLoss loss)
    {
        var (name, apply) = SignatureMutations[random.Next(SignatureMutations.Length)];
        apply(loss);
        loss.Mutation = name;
    }

    private static bool Wrap(RandomExpression node, Func<string, string> rewrite)
    {
        node.Rewrite = rewrite;
        return true;
    }

    private static bool Add(RandomLoss loss, params string[] statements)
    {
        loss.Statements.AddRange(statements);
        return true;
    }

    private static string MathHome(RandomLoss loss) => loss.Flavor switch
    {
        LossFlavor.Float => "MathF",
        LossFlavor.Generic => "T",
        _ => "Math",
    };

    private static string Zero(RandomLoss loss) => loss.Flavor == LossFlavor.Generic ? "T.Zero" : RandomExpression.Constant(0, loss.Flavor);

    private static string One(RandomLoss loss) => loss.Flavor == LossFlavor.Generic ? "T.One" : RandomExpression.Constant(1, loss.Flavor);
}
