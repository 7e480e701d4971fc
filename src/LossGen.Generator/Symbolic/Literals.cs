using System.Globalization;

namespace LossGen.Generator.Symbolic;

/// <summary>C# literals for numbers, exact on a round trip, typed so that no expression silently becomes integer.</summary>
internal static class Literals
{
    public static string Format(object? value, bool singlePrecision) => value switch
    {
        double number => Number(number, singlePrecision),
        float number => Number(number, singlePrecision),
        null => "default",
        _ => Number(System.Convert.ToDouble(value, CultureInfo.InvariantCulture), singlePrecision),
    };

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
}
