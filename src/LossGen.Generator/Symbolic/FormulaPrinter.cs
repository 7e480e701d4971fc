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
    public static string Print(Expr expression, Func<int, string> variableName)
    {
        var pool = expression.Pool;

        string Render(Expr defining)
        {
            string? Atom(Expr node) =>
                node.Op == Op.Variable ? variableName(node.Variable) : node == defining ? null : pool.NameOf(node);
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
