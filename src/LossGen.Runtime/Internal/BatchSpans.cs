using System;
using System.ComponentModel;

namespace LossGen.Internal;

/// <summary>
/// The spans of one batch call in fixed slots, so that one runner can split any loss's batch into chunks:
/// <see cref="In0"/> the prediction, <see cref="In1"/> the target, <see cref="In2"/> the weight, then the per-element
/// inputs; <see cref="Out0"/> the destination or the first gradient, then the other gradients, and <see cref="Out3"/>
/// the second derivative. Unused slots are empty.
/// Not for direct use.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
/// <param name="length">The number of elements of every used span.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public ref struct BatchSpans<T>(int length)
{
    /// <summary>The number of elements.</summary>
    public readonly int Length = length;

    /// <summary>Input slot 0: the prediction.</summary>
    public ReadOnlySpan<T> In0;

    /// <summary>Input slot 1: the target.</summary>
    public ReadOnlySpan<T> In1;

    /// <summary>Input slot 2: the weight.</summary>
    public ReadOnlySpan<T> In2;

    /// <summary>Input slot 3: the first per-element input.</summary>
    public ReadOnlySpan<T> In3;

    /// <summary>Input slot 4: the second per-element input.</summary>
    public ReadOnlySpan<T> In4;

    /// <summary>Input slot 5: the third per-element input.</summary>
    public ReadOnlySpan<T> In5;

    /// <summary>Output slot 0: the destination, or the gradient with respect to the prediction.</summary>
    public Span<T> Out0;

    /// <summary>Output slot 1: the gradient with respect to the first differentiated per-element input.</summary>
    public Span<T> Out1;

    /// <summary>Output slot 2: the gradient with respect to the second differentiated per-element input.</summary>
    public Span<T> Out2;

    /// <summary>Output slot 3: the second derivative with respect to the prediction (the Hessian's diagonal).</summary>
    public Span<T> Out3;

    /// <summary>Elements [<paramref name="start"/>, <paramref name="start"/> + <paramref name="length"/>) of every used slot.</summary>
    /// <param name="start">The first element.</param>
    /// <param name="length">The number of elements.</param>
    /// <returns>The chunk.</returns>
    public readonly BatchSpans<T> Slice(int start, int length) => new(length)
    {
        In0 = Part(In0, start, length),
        In1 = Part(In1, start, length),
        In2 = Part(In2, start, length),
        In3 = Part(In3, start, length),
        In4 = Part(In4, start, length),
        In5 = Part(In5, start, length),
        Out0 = Part(Out0, start, length),
        Out1 = Part(Out1, start, length),
        Out2 = Part(Out2, start, length),
        Out3 = Part(Out3, start, length),
    };

    private readonly ReadOnlySpan<T> Part(ReadOnlySpan<T> span, int start, int length) => span.Length == Length ? span.Slice(start, length) : default;

    private readonly Span<T> Part(Span<T> span, int start, int length) => span.Length == Length ? span.Slice(start, length) : default;
}
