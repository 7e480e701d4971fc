using System.Globalization;

namespace LossGen.Generator.Symbolic;

/// <summary>C# literals for numbers, exact on a round trip, typed so that no expression silently becomes integer.</summary>
internal static class Literals
{
    public static string Number(double value, bool singlePrecision)
    {
        var type = singlePrecision ? "float" : "double";
        if (double.IsNaN(value))
        {
            return type + ".NaN";
        }

        if (double.IsInfinity(value))
        {
            return type + (value > 0 ? ".PositiveInfinity" : ".NegativeInfinity");
        }

        if (singlePrecision)
        {
            return ((float)value).ToString("R", CultureInfo.InvariantCulture) + "f";
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains(".") || text.Contains("E") ? text : text + ".0";
    }

    /// <summary>
    /// A number in a generic-math type <paramref name="type"/>: its named constants where one is exact
    /// (<c>T.One</c>, <c>T.NaN</c>), otherwise <c>T.CreateChecked(double literal)</c>, which the JIT folds for float and double.
    /// </summary>
    public static string Generic(double value, string type)
    {
        var named = value switch
        {
            double.NaN => "NaN",
            double.PositiveInfinity => "PositiveInfinity",
            double.NegativeInfinity => "NegativeInfinity",
            0 => System.BitConverter.DoubleToInt64Bits(value) < 0 ? "NegativeZero" : "Zero",
            1 => "One",
            -1 => "NegativeOne",
            _ => null,
        };
        return named is null ? $"{type}.CreateChecked({Number(value, singlePrecision: false)})" : type + "." + named;
    }
}
