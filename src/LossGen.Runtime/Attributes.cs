using System;

namespace LossGen;

/// <summary>
/// Marks a <c>static partial</c> method whose body is the loss of one element. At compile time LossGen
/// differentiates the body and generates a nested <c>{Name}Loss</c> type with batch value and gradient methods.
/// </summary>
/// <remarks>
/// Parameter 1 is the prediction (differentiated), parameter 2 the target (unless <see cref="HasTarget"/> is
/// <see langword="false"/>); further parameters are hyperparameters, or per-element inputs when marked
/// <see cref="PerElementAttribute"/>.
/// <para>
/// A row-wise loss takes one sample's logits as a <c>ReadOnlySpan&lt;T&gt;</c> and its target as a class index
/// (<see cref="int"/>) or a row (<c>ReadOnlySpan&lt;T&gt;</c>, e.g. probabilities); its body indexes the row at the
/// target (<c>logits[target]</c>), reads <c>logits.Length</c> and reduces rows with <see cref="LossMath"/>'s row
/// functions (LogSumExp, Sum, Mean, Max, Dot). A class-index loss may also take per-class weights, marked
/// <see cref="ClassWeightsAttribute"/>.
/// </para>
/// </remarks>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class LossAttribute : Attribute
{
    /// <summary>The name of the generated type; <c>{MethodName}Loss</c> when not set.</summary>
    public string? TypeName { get; set; }

    /// <summary>
    /// Whether parameter 2 is a target. <see langword="false"/> makes a target-less loss (a penalty such as
    /// <c>lambda * w * w</c>) whose default reduction is <see cref="Reduction.Sum"/>.
    /// </summary>
    public bool HasTarget { get; set; } = true;

    /// <summary>
    /// The targets the loss expects: <see cref="LossLabels.Any"/> (the default) for a regression loss, or the class
    /// labels of a classification loss, so that a bridge to a trainer with its own label encoding can convert them.
    /// Has no effect when <see cref="HasTarget"/> is <see langword="false"/>.
    /// </summary>
    public LossLabels Labels { get; set; }
}

/// <summary>
/// Marks a static helper whose body LossGen may inline into a <see cref="LossAttribute"/> loss and differentiate.
/// The same body rules apply as for a loss.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class DifferentiableAttribute : Attribute
{
}

/// <summary>A hyperparameter that the generated constructor requires to be greater than zero.</summary>
[AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
public sealed class PositiveAttribute : Attribute
{
}

/// <summary>A hyperparameter that the generated constructor requires to lie in [<c>min</c>, <c>max</c>].</summary>
/// <param name="min">The smallest allowed value.</param>
/// <param name="max">The largest allowed value.</param>
[AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
public sealed class RangeAttribute(double min, double max) : Attribute
{
    /// <summary>The smallest allowed value.</summary>
    public double Min { get; } = min;

    /// <summary>The largest allowed value.</summary>
    public double Max { get; } = max;
}

/// <summary>
/// Marks the per-class weights w of a row-wise loss with a class-index target: a <c>ReadOnlySpan&lt;T&gt;</c> with one
/// weight per class, which the body may index at the target (<c>weight[target]</c>) and reduce with the logits. The
/// generated type takes them as its <c>ClassWeights</c>, all 1 when unset, and its mean divides by Σₙ w[yₙ], as
/// PyTorch's <c>cross_entropy</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
public sealed class ClassWeightsAttribute : Attribute
{
}

/// <summary>
/// Makes a further parameter of a loss a per-element input (a span in the batch methods) instead of a
/// hyperparameter.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
public sealed class PerElementAttribute : Attribute
{
    /// <summary>Whether the loss is also differentiated with respect to this input.</summary>
    public bool Differentiable { get; set; }
}

/// <summary>
/// The default value of a hyperparameter. A generic loss needs it, since C# cannot write a constant of a type
/// parameter (<c>T delta = 1.0</c> is error CS1750): <c>[Default(1.0)] T delta</c> makes the generated constructor
/// take <c>T? delta = null</c>, null meaning 1.0. On a float or double hyperparameter it is the same as <c>= value</c>.
/// </summary>
/// <param name="value">The default value.</param>
[AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
public sealed class DefaultAttribute(double value) : Attribute
{
    /// <summary>The default value.</summary>
    public double Value { get; } = value;
}
