using System;
using System.Globalization;
using System.Linq;

namespace LossGen.Generator.Symbolic;

/// <summary>
/// Readable math for docs and the generated <c>Formula</c> constants: the user's locals stay by name and are
/// defined after the formula (<c>log1p(r * r), where r = (prediction - target) / scale</c>).
/// </summary>
internal static class FormulaPrinter
{
    /// <param name="expression">The expression.</param>
    /// <param name="variableName">The name of input i.</param>
    /// <param name="classIndex">The class-index target of a row loss, which <see cref="Op.RowAt"/> indexes a row with.</param>
    public static string Print(Expr expression, Func<int, string> variableName, string classIndex = "target")
    {
        var pool = expression.Pool;

        string Render(Expr defining)
        {
            string? Atom(Expr node) => node.Op switch
            {
                Op.Variable => variableName(node.Variable),
                Op.RowAt => $"{variableName(node.Variable)}[{classIndex}]",
                Op.RowLength => variableName(0) + ".Length",
                _ => node == defining ? null : pool.NameOf(node),
            };
            return new InfixPrinter(Atom, Number, f => f.Name.ToLowerInvariant(), "^").Print(defining);
        }

        var definitions = FlatExpression.Reachable(new[] { expression })
            .Where(n => n != expression && pool.NameOf(n) is not null)
            .Select(n => $"{pool.NameOf(n)} = {Render(n)}")
            .ToList();
        var formula = Render(expression);
        return definitions.Count == 0 ? formula : formula + ", where " + string.Join(", ", definitions);
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
