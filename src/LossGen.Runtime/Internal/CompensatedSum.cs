using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace LossGen.Internal;

/// <summary>
/// Neumaier's compensated sum in double precision: the error of a long sum stays near one rounding, whatever
/// the order and signs of its terms. Used by generated reductions. Not for direct use.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public struct CompensatedSum
{
    private double _sum;
    private double _compensation;

    /// <summary>The sum so far; an infinite or NaN term makes it infinite or NaN, never a NaN from compensating.</summary>
    public readonly double Value => double.IsFinite(_sum) ? _sum + _compensation : _sum;

    /// <summary>Adds one term.</summary>
    /// <param name="term">The term.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(double term)
    {
        var total = _sum + term;
        _compensation += double.Abs(_sum) >= double.Abs(term) ? (_sum - total) + term : (term - total) + _sum;
        _sum = total;
    }

    /// <summary>Adds another compensated sum, its compensation included.</summary>
    /// <param name="other">The sum to add.</param>
    public void Add(CompensatedSum other)
    {
        Add(other._sum);
        if (double.IsFinite(other._sum))
        {
            Add(other._compensation);
        }
    }
}
