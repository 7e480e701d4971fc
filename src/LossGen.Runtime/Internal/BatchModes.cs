using System.ComponentModel;

namespace LossGen.Internal;

/// <summary>
/// What one batch call computes, as compile-time constants: the generated chunk code is written once over a mode
/// and the JIT keeps only the branches the mode takes. Not for direct use.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IBatchMode
{
    /// <summary>Whether the call writes each element's loss to <see cref="BatchSpans{T}.Out0"/> (<c>Values</c>).</summary>
    static abstract bool WritesValues { get; }

    /// <summary>Whether the call sums the losses (<c>Value</c>, <c>ValueAndGradient</c>).</summary>
    static abstract bool Reduces { get; }

    /// <summary>Whether the call writes gradients (<c>Gradient</c>, <c>ValueAndGradient</c>).</summary>
    static abstract bool WritesGradient { get; }

    /// <summary>Whether each element is weighted by <see cref="BatchSpans{T}.In2"/>.</summary>
    static abstract bool Weighted { get; }

    /// <summary>
    /// Whether the call writes the second derivative with respect to the prediction to <see cref="BatchSpans{T}.Out3"/>
    /// (<c>GradientAndHessian</c>); such a call writes the prediction's gradient only.
    /// </summary>
    static abstract bool WritesHessian { get; }
}

/// <summary>The ten batch calls of a generated loss type. Not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class BatchModes
{
    /// <summary><c>Values</c>.</summary>
    public readonly struct Values : IBatchMode
    {
        /// <inheritdoc/>
        public static bool WritesValues => true;

        /// <inheritdoc/>
        public static bool Reduces => false;

        /// <inheritdoc/>
        public static bool WritesGradient => false;

        /// <inheritdoc/>
        public static bool Weighted => false;

        /// <inheritdoc/>
        public static bool WritesHessian => false;
    }

    /// <summary><c>Values</c> with weights.</summary>
    public readonly struct WeightedValues : IBatchMode
    {
        /// <inheritdoc/>
        public static bool WritesValues => true;

        /// <inheritdoc/>
        public static bool Reduces => false;

        /// <inheritdoc/>
        public static bool WritesGradient => false;

        /// <inheritdoc/>
        public static bool Weighted => true;

        /// <inheritdoc/>
        public static bool WritesHessian => false;
    }

    /// <summary><c>Value</c>.</summary>
    public readonly struct Value : IBatchMode
    {
        /// <inheritdoc/>
        public static bool WritesValues => false;

        /// <inheritdoc/>
        public static bool Reduces => true;

        /// <inheritdoc/>
        public static bool WritesGradient => false;

        /// <inheritdoc/>
        public static bool Weighted => false;

        /// <inheritdoc/>
        public static bool WritesHessian => false;
    }

    /// <summary><c>Value</c> with weights.</summary>
    public readonly struct WeightedValue : IBatchMode
    {
        /// <inheritdoc/>
        public static bool WritesValues => false;

        /// <inheritdoc/>
        public static bool Reduces => true;

        /// <inheritdoc/>
        public static bool WritesGradient => false;

        /// <inheritdoc/>
        public static bool Weighted => true;

        /// <inheritdoc/>
        public static bool WritesHessian => false;
    }

    /// <summary><c>Gradient</c>.</summary>
    public readonly struct Gradient : IBatchMode
    {
        /// <inheritdoc/>
        public static bool WritesValues => false;

        /// <inheritdoc/>
        public static bool Reduces => false;

        /// <inheritdoc/>
        public static bool WritesGradient => true;

        /// <inheritdoc/>
        public static bool Weighted => false;

        /// <inheritdoc/>
        public static bool WritesHessian => false;
    }

    /// <summary><c>Gradient</c> with weights.</summary>
    public readonly struct WeightedGradient : IBatchMode
    {
        /// <inheritdoc/>
        public static bool WritesValues => false;

        /// <inheritdoc/>
        public static bool Reduces => false;

        /// <inheritdoc/>
        public static bool WritesGradient => true;

        /// <inheritdoc/>
        public static bool Weighted => true;

        /// <inheritdoc/>
        public static bool WritesHessian => false;
    }

    /// <summary><c>ValueAndGradient</c>.</summary>
    public readonly struct ValueAndGradient : IBatchMode
    {
        /// <inheritdoc/>
        public static bool WritesValues => false;

        /// <inheritdoc/>
        public static bool Reduces => true;

        /// <inheritdoc/>
        public static bool WritesGradient => true;

        /// <inheritdoc/>
        public static bool Weighted => false;

        /// <inheritdoc/>
        public static bool WritesHessian => false;
    }

    /// <summary><c>ValueAndGradient</c> with weights.</summary>
    public readonly struct WeightedValueAndGradient : IBatchMode
    {
        /// <inheritdoc/>
        public static bool WritesValues => false;

        /// <inheritdoc/>
        public static bool Reduces => true;

        /// <inheritdoc/>
        public static bool WritesGradient => true;

        /// <inheritdoc/>
        public static bool Weighted => true;

        /// <inheritdoc/>
        public static bool WritesHessian => false;
    }

    /// <summary><c>GradientAndHessian</c>.</summary>
    public readonly struct GradientAndHessian : IBatchMode
    {
        /// <inheritdoc/>
        public static bool WritesValues => false;

        /// <inheritdoc/>
        public static bool Reduces => false;

        /// <inheritdoc/>
        public static bool WritesGradient => true;

        /// <inheritdoc/>
        public static bool Weighted => false;

        /// <inheritdoc/>
        public static bool WritesHessian => true;
    }

    /// <summary><c>GradientAndHessian</c> with weights.</summary>
    public readonly struct WeightedGradientAndHessian : IBatchMode
    {
        /// <inheritdoc/>
        public static bool WritesValues => false;

        /// <inheritdoc/>
        public static bool Reduces => false;

        /// <inheritdoc/>
        public static bool WritesGradient => true;

        /// <inheritdoc/>
        public static bool Weighted => true;

        /// <inheritdoc/>
        public static bool WritesHessian => true;
    }
}
