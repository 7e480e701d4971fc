using LossGen.Generator.Symbolic;

namespace LossGen.Generator.Model;

internal enum ElementType
{
    Double,
    Float,

    /// <summary>A type parameter constrained to <c>IFloatingPointIeee754&lt;T&gt;</c>: the loss is written in generic math.</summary>
    Generic,
}

/// <summary>
/// The runtime's <c>LossGen.LossLabels</c>, member for member: the generator cannot reference the runtime, and the
/// emitter writes the member's name.
/// </summary>
internal enum LabelKind
{
    Any,
    ZeroOne,
    MinusOnePlusOne,
}

internal enum ParameterRole
{
    Prediction,
    Target,
    Hyperparameter,
    PerElement,

    /// <summary>The per-class weights of a class-index row loss (<c>[ClassWeights]</c>).</summary>
    ClassWeights,
}

/// <summary>What one sample of a loss is.</summary>
internal enum LossShape
{
    /// <summary>One number: the prediction and target are scalars.</summary>
    Element,

    /// <summary>A row of logits with a class index as target (<c>ReadOnlySpan&lt;T&gt;, int</c>).</summary>
    ClassIndexRow,

    /// <summary>A row of logits with a row as target (<c>ReadOnlySpan&lt;T&gt;, ReadOnlySpan&lt;T&gt;</c>).</summary>
    TargetRow,
}

/// <summary>One parameter of a loss method, as the generated type exposes it.</summary>
/// <param name="Name">The parameter's name in the user's method.</param>
/// <param name="PropertyName">The PascalCase property of a hyperparameter.</param>
/// <param name="Default">The default value (from <c>= value</c> or <c>[Default(value)]</c>), or null when there is none.</param>
/// <param name="Minimum">The inclusive lower bound the constructor checks, or null.</param>
/// <param name="Maximum">The inclusive upper bound the constructor checks, or null.</param>
/// <param name="Positive">Whether the constructor requires the value to be greater than zero.</param>
internal sealed record LossParameter(
    string Name,
    ParameterRole Role,
    bool Differentiable,
    string PropertyName,
    double? Default,
    double? Minimum,
    double? Maximum,
    bool Positive);

/// <summary>A type enclosing the loss method: its keyword (<c>class</c>, <c>record struct</c>, …) and name.</summary>
internal sealed record ContainingType(string Keyword, string Name);

/// <summary>
/// Everything the emitter needs to know about one <c>[Loss]</c> method, as a value: the description the reading step
/// captures, with the body as written (its calls resolved to the IR's operations, nothing simplified). <see cref="Body"/>
/// is null when the body could not be read: the signature and the type's members are still emitted (the members throw),
/// so an error in the body is reported once instead of cascading to every use.
/// </summary>
/// <param name="TypeParameter">The element type's name when it is a type parameter (<see cref="ElementType.Generic"/>), else null.</param>
/// <param name="MethodConstraints">The user's constraints on <see cref="TypeParameter"/>, fully qualified, for the defining declaration.</param>
/// <param name="Labels">The targets the loss expects, from <c>[Loss(Labels = …)]</c>.</param>
/// <param name="GeneratesType">False when another loss already claims <see cref="TypeName"/>.</param>
internal sealed record LossModel(
    string? Namespace,
    EquatableArray<ContainingType> ContainingTypes,
    string MethodName,
    string MethodModifiers,
    string TypeName,
    string HintName,
    ElementType ElementType,
    string? TypeParameter,
    string? MethodConstraints,
    bool HasTarget,
    LabelKind Labels,
    EquatableArray<LossParameter> Parameters,
    bool GeneratesType,
    FlatExpression? Body,
    LossShape Shape = LossShape.Element);

/// <summary>The result of reading one <c>[Loss]</c> method: a model when its signature is valid, and diagnostics.</summary>
/// <param name="ConstantLoss">
/// LG0017 at the method's name, reported if the emitting step finds the derivative 0 everywhere; null when the body was
/// not read. It is kept here, not in the model, so that a model carries no position in its file: an edit above a loss
/// moves it without changing its model.
/// </param>
internal sealed record LossReadResult(LossModel? Model, EquatableArray<DiagnosticInfo> Diagnostics, DiagnosticInfo? ConstantLoss);

/// <summary>What the emitting step made of one model: its source, and what it found that the reader could not.</summary>
/// <param name="HintName">The model's <see cref="LossModel.HintName"/>, which names its file and ties it to its read result.</param>
/// <param name="MethodName">The loss method's name, for diagnostics.</param>
/// <param name="Source">The generated file, or null when emitting failed.</param>
/// <param name="IsConstant">Whether the loss's derivative with respect to its prediction is 0 everywhere (LG0017).</param>
/// <param name="Error">Why emitting failed: a bug of LossGen's, reported as LG9999.</param>
internal sealed record GeneratedLoss(string HintName, string MethodName, string? Source, bool IsConstant, string? Error);
