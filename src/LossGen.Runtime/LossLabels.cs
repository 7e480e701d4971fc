namespace LossGen;

/// <summary>
/// The targets a loss expects, declared with <see cref="LossAttribute.Labels"/> and exposed by the generated type as
/// <c>Labels</c> and <see cref="ILoss{T}.Labels"/>. A trainer that passes class labels in its own encoding (ML.NET
/// passes 0 and 1) reads it to convert them.
/// </summary>
public enum LossLabels
{
    /// <summary>Any real target, passed as it is: the kind of a regression loss.</summary>
    Any,

    /// <summary>Class labels 0 (negative) and 1 (positive), or a probability between them: cross-entropy, focal loss.</summary>
    ZeroOne,

    /// <summary>Class labels −1 (negative) and +1 (positive): hinge and soft-margin losses.</summary>
    MinusOnePlusOne,
}
