using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace LossGen.Internal;

/// <summary>
/// Neumaier's compensated sum kept lane by lane in a vector, so a long float sum keeps an error near one float
/// rounding of the sum of magnitudes whatever its length; the lanes are added in double at the end. Not for direct use.
/// </summary>
/// <typeparam name="TVector">The vector type.</typeparam>
/// <typeparam name="T">The element type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public struct LaneSum<TVector, T>
    where TVector : struct, ILossVector<TVector, T>
    where T : struct, IFloatingPointIeee754<T>
{
    private TVector _sum;
    private TVector _compensation;

    /// <summary>Adds one vector of terms, lane by lane.</summary>
    /// <param name="terms">The terms.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(TVector terms)
    {
        var total = _sum + terms;
        _compensation += TVector.Select(
            TVector.GreaterThanOrEqual(TVector.Abs(_sum), TVector.Abs(terms)),
            (_sum - total) + terms,
            (terms - total) + _sum);
        _sum = total;
    }

    /// <summary>The lanes' sums added into one double-precision compensated sum, lane 0 first.</summary>
    /// <returns>The sum.</returns>
    /// <remarks>Inlined so that the sum is never address-taken and its vectors stay in registers in the caller's loop.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly CompensatedSum Total()
    {
        var total = new CompensatedSum();
        for (var lane = 0; lane < TVector.Count; lane++)
        {
            var sum = double.CreateTruncating(TVector.GetElement(_sum, lane));
            total.Add(sum);
            if (double.IsFinite(sum))
            {
                // An infinite lane makes its compensation NaN (∞ - ∞); the sum is infinite either way.
                total.Add(double.CreateTruncating(TVector.GetElement(_compensation, lane)));
            }
        }

        return total;
    }
}
