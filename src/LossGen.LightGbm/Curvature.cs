using System;

namespace LossGen.LightGbm;

/// <summary>
/// What LightGBM gets as the Hessian of each element. LightGBM's leaf values are −Σg / (Σh + λ), so a Hessian that is 0
/// (hinge, L1, quantile, Huber outside its quadratic zone), negative (a non-convex loss) or undefined (NaN at a kink)
/// breaks a Newton step: <see cref="Exact"/> floors it, <see cref="Constant"/> replaces it.
/// </summary>
public sealed class Curvature
{
    private readonly double _floor;
    private readonly double _constant;

    private Curvature(double floor, double constant)
    {
        _floor = floor;
        _constant = constant;
    }

    /// <summary>The loss's own second derivative, raised to at least <paramref name="floor"/> × the element's weight (NaN becomes the floor too).</summary>
    /// <param name="floor">The smallest curvature passed on; greater than 0.</param>
    /// <returns>The policy.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="floor"/> is not a positive finite number.</exception>
    public static Curvature Exact(double floor = 1e-6)
    {
        if (!(floor > 0) || !double.IsFinite(floor))
        {
            throw new ArgumentOutOfRangeException(nameof(floor), floor, "The Hessian floor must be a positive finite number.");
        }

        return new Curvature(floor, double.NaN);
    }

    /// <summary>
    /// <paramref name="value"/> × the element's weight for every element, whatever the loss's second derivative: a
    /// gradient step with a fixed step size, for losses whose curvature is 0 almost everywhere.
    /// </summary>
    /// <param name="value">The curvature; greater than 0.</param>
    /// <returns>The policy.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is not a positive finite number.</exception>
    public static Curvature Constant(double value = 1)
    {
        if (!(value > 0) || !double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "The constant curvature must be a positive finite number.");
        }

        return new Curvature(double.NaN, value);
    }

    /// <summary>Whether the policy reads the loss's second derivative.</summary>
    internal bool UsesSecondDerivative => double.IsNaN(_constant);

    /// <summary>The Hessian LightGBM gets for an element of weight <paramref name="weight"/> whose second derivative (weighted) is <paramref name="hessian"/>.</summary>
    internal float Apply(double hessian, double weight)
    {
        if (!UsesSecondDerivative)
        {
            return (float)(_constant * weight);
        }

        var floor = _floor * weight;
        return (float)(hessian >= floor ? hessian : floor);
    }

    /// <inheritdoc/>
    public override string ToString() => UsesSecondDerivative ? $"Exact(floor: {_floor})" : $"Constant({_constant})";
}
