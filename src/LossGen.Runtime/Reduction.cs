namespace LossGen;

/// <summary>How the per-element losses ℓᵢ (weighted by wᵢ where weights are given) become one number.</summary>
public enum Reduction
{
    /// <summary>Σ wᵢℓᵢ. An empty batch gives 0.</summary>
    Sum,

    /// <summary>Σ wᵢℓᵢ / N, like PyTorch's default. An empty batch gives NaN (and writes no gradient).</summary>
    Mean,

    /// <summary>
    /// Σ wᵢℓᵢ / Σ wᵢ; equal to <see cref="Mean"/> when no weights are given. Σ wᵢ = 0 gives a NaN loss and a gradient
    /// and Hessian of 0 in every element (NaN only where the element's own derivative is NaN), as a mean over no rows does.
    /// Negative weights are used as given (the divisor is Σ wᵢ whatever its sign), not rejected.
    /// </summary>
    WeightedMean,
}
