using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using LossGen.Generator.Model;
using LossGen.Generator.Symbolic;

namespace LossGen.Generator.Emit;

/// <summary>
/// The last phase: writes the defining declaration of the user's partial method and the <c>{Name}Loss</c> type
/// with its scalar and batch methods. The per-element math goes into three private kernels (value, gradient,
/// both); the public methods are loops over them.
/// </summary>
internal sealed class LossEmitter
{
    internal static readonly string Version = typeof(LossEmitter).Assembly.GetName().Version?.ToString() ?? "1.0.0.0";

    internal const string Span = "global::System.Span";
    internal const string ReadOnlySpan = "global::System.ReadOnlySpan";
    internal const string Reduction = "global::LossGen.Reduction";
    internal const string Guard = "LossGuard";
    internal const string Modes = "BatchModes.";
    private const string LabelsType = "LossLabels";

    private readonly LossModel _model;
    private readonly ElementSyntax _element;
    private readonly string _t;
    private readonly List<LossParameter> _inputs;
    private readonly List<LossParameter> _extras;
    private readonly List<LossParameter> _differentiable;
    private readonly Expr? _value;
    private readonly List<Expr> _derivatives = new();
    private readonly string _formula = "";
    private readonly List<string> _derivativeFormulas = new();

    /// <summary>∂²ℓ/∂prediction², from the shared graph of the first derivative.</summary>
    private readonly Expr? _secondDerivative;
    private readonly string _secondDerivativeFormula = "";

    private LossEmitter(LossModel model)
    {
        _model = model;
        _element = ElementSyntax.Of(model);
        _t = _element.Name;
        var parameters = model.Parameters.ToList();
        _inputs = parameters.Where(p => p.Role != ParameterRole.Hyperparameter).ToList();
        _extras = parameters.Where(p => p.Role == ParameterRole.PerElement).ToList();
        _differentiable = parameters.Where(p => p.Differentiable).ToList();
        if (model.Body is not null)
        {
            var pool = new ExprPool(model.ElementType == ElementType.Float);
            _value = model.Body.Load(pool);
            _formula = FormulaPrinter.Print(_value, i => parameters[i].Name);
            foreach (var input in _differentiable)
            {
                var derivative = Differentiator.Differentiate(_value, parameters.IndexOf(input));
                _derivatives.Add(derivative);
                _derivativeFormulas.Add(FormulaPrinter.Print(derivative, i => parameters[i].Name));
            }

            _secondDerivative = Differentiator.Differentiate(_derivatives[0], 0);
            _secondDerivativeFormula = FormulaPrinter.Print(_secondDerivative, i => parameters[i].Name);
        }
        else
        {
            _derivativeFormulas.AddRange(_differentiable.Select(_ => ""));
        }
    }

    /// <summary>The generated file of <paramref name="model"/>, with what emitting it found; never throws.</summary>
    public static GeneratedLoss Emit(LossModel model)
    {
        try
        {
            if (model.Shape == LossShape.Element)
            {
                var emitter = new LossEmitter(model);
                return new GeneratedLoss(model.HintName, model.MethodName, emitter.Write(), emitter._derivatives.FirstOrDefault()?.Is(0) == true, null);
            }

            return new GeneratedLoss(model.HintName, model.MethodName, RowLossEmitter.Emit(model), IsConstant(model), null);
        }
        catch (Exception exception)
        {
            return new GeneratedLoss(model.HintName, model.MethodName, null, false, exception.Message);
        }
    }

    /// <summary>Whether a row loss's gradient is 0 everywhere.</summary>
    private static bool IsConstant(LossModel model) =>
        model.Body is not null && RowDecomposition.Create(
            model.Body.Load(new ExprPool(model.ElementType == ElementType.Float)), model.Parameters.Count, 0, i => model.Parameters[i].Name, RowLossEmitter.IsRow(model)).GradientIsZero;

    private string DefaultReduction => _model.HasTarget ? "Mean" : "Sum";

    /// <summary><c>&lt;T&gt;</c> after the method's and the type's names when the loss is generic.</summary>
    private string TypeArguments => _element.IsGeneric ? $"<{_t}>" : "";

    /// <inheritdoc cref="TypeConstraintsOf"/>
    private string TypeConstraints => TypeConstraintsOf(_model, _element);

    /// <summary>
    /// The generated type's constraints: the method's, with <c>struct</c> so that a hyperparameter without a value
    /// can be <c>T? name = null</c> and the vector code can take T.
    /// </summary>
    internal static string TypeConstraintsOf(LossModel model, ElementSyntax element)
    {
        if (!element.IsGeneric)
        {
            return "";
        }

        var constraints = model.MethodConstraints!.Split(new[] { ", " }, StringSplitOptions.None).ToList();
        var primary = constraints.Contains("unmanaged") ? "unmanaged" : "struct";
        constraints.RemoveAll(c => c is "unmanaged" or "struct" or "notnull");
        return $" where {element.Name} : " + string.Join(", ", constraints.Prepend(primary));
    }

    private string Write() => WriteFile(_model, writer =>
    {
        WriteDefiningDeclaration(writer);
        if (_model.GeneratesType)
        {
            writer.Line();
            WriteType(writer);
        }
    });

    /// <summary>A generated file: the header, then <paramref name="body"/> in the loss's namespace and containing types.</summary>
    internal static string WriteFile(LossModel model, Action<IndentedWriter> body)
    {
        var writer = new IndentedWriter();
        writer.Line("// <auto-generated/>");
        writer.Line("#nullable enable");
        writer.Line();
        if (model.Namespace is not null)
        {
            writer.Line($"namespace {model.Namespace};");
            writer.Line();
        }

        // LossGen's types, the vector types and the inlining attribute by their short names (LossReader.ShortNames): the
        // imports stand inside the file-scoped namespace, so that a type of the same name elsewhere in the user's code (or a
        // global using) neither hides nor clashes with them.
        writer.Line("using global::LossGen;");
        writer.Line("using global::LossGen.Internal;");
        writer.Line("using global::System.Runtime.CompilerServices;");
        writer.Line("using global::System.Runtime.Intrinsics;");
        if (model.Namespace != "LossGen")
        {
            writer.Line("using Kernels = global::LossGen.Kernels;");
        }

        writer.Line();
        var scopes = new List<IDisposable>();
        foreach (var type in model.ContainingTypes)
        {
            scopes.Add(writer.Block($"partial {type.Keyword} {type.Name}"));
        }

        body(writer);
        for (var i = scopes.Count - 1; i >= 0; i--)
        {
            scopes[i].Dispose();
        }

        return writer.ToString();
    }

    private void WriteDefiningDeclaration(IndentedWriter writer)
    {
        // C# cannot write a default of a type parameter (CS1750); a generic loss's defaults live in its type's constructor.
        var parameters = string.Join(", ", _model.Parameters.Select(p => $"{_t} {p.Name}" + (p.Default is null || _element.IsGeneric ? "" : " = " + _element.Number(p.Default.Value))));
        var constraints = _element.IsGeneric ? $" where {_t} : {_model.MethodConstraints}" : "";
        writer.Line($"{_model.MethodModifiers} {_t} {_model.MethodName}{TypeArguments}({parameters}){constraints};");
    }

    private void WriteType(IndentedWriter writer)
    {
        var cref = $"{_model.MethodName}{(_element.IsGeneric ? "{" + _t + "}" : "")}({string.Join(", ", _model.Parameters.Select(_ => _t))})";
        writer.Line("/// <summary>");
        writer.Line($"/// The loss <see cref=\"{cref}\"/> and its derivative over batches, generated by LossGen.");
        writer.Line("/// </summary>");
        if (_element.IsGeneric)
        {
            writer.Line($"/// <typeparam name=\"{_t}\">The element type: <see cref=\"float\"/>, <see cref=\"double\"/> or another IEEE 754 type.</typeparam>");
        }

        var kernel = $"{_model.TypeName}{TypeArguments}.Kernel";
        var baseType = _extras.Count > 0 ? "KernelLoss" : _model.HasTarget ? "ElementLoss" : "PenaltyLoss";
        writer.Line($"[global::System.CodeDom.Compiler.GeneratedCode(\"LossGen\", \"{Version}\")]");
        using (writer.Block($"public sealed class {_model.TypeName}{TypeArguments} : {baseType}<{_t}, {kernel}>{TypeConstraints}"))
        {
            WriteFormulas(writer);
            var hyperparameters = string.Join(", ", KernelHyperparameters().Select(p => HyperparameterValue(p, _element)));
            var arguments = _extras.Count > 0 ? "" : _model.HasTarget ? ", Formula, DerivativeFormula, SecondDerivativeFormula, Labels" : "";
            WriteConstructor(writer, _model, _element, $"base(new Kernel({hyperparameters}){arguments})");
            if (_extras.Count > 0)
            {
                WriteForwarders(writer);
            }

            WriteKernel(writer);
        }
    }

    private void WriteFormulas(IndentedWriter writer)
    {
        writer.Line("/// <summary>The loss of one element, in readable math.</summary>");
        writer.Line($"public const string Formula = {Quote(_formula)};");
        writer.Line();
        writer.Line($"/// <summary>∂ℓ/∂{_differentiable[0].Name}, in readable math.</summary>");
        writer.Line($"public const string DerivativeFormula = {Quote(_derivativeFormulas.FirstOrDefault() ?? "")};");
        for (var i = 1; i < _differentiable.Count; i++)
        {
            writer.Line();
            writer.Line($"/// <summary>∂ℓ/∂{_differentiable[i].Name}, in readable math.</summary>");
            writer.Line($"public const string {_differentiable[i].PropertyName}DerivativeFormula = {Quote(_derivativeFormulas[i])};");
        }

        writer.Line();
        writer.Line($"/// <summary>∂²ℓ/∂{_differentiable[0].Name}², in readable math.</summary>");
        writer.Line($"public const string SecondDerivativeFormula = {Quote(_secondDerivativeFormula)};");
        if (_model.HasTarget)
        {
            writer.Line();
            writer.Line("/// <summary>The targets the loss expects, as its <c>[Loss]</c> declares them.</summary>");
            writer.Line($"public const {LabelsType} Labels = {LabelsValue};");
        }
    }

    /// <summary>The declared label kind as C#: its member, or a cast for a value outside the enum, as the user wrote it.</summary>
    private string LabelsValue => Enum.IsDefined(typeof(LabelKind), _model.Labels)
        ? $"{LabelsType}.{_model.Labels}"
        : $"({LabelsType}){(int)_model.Labels}";

    /// <summary>The constructor, which takes and checks the hyperparameters, and their properties.</summary>
    internal static void WriteConstructor(IndentedWriter writer, LossModel model, ElementSyntax element) => WriteConstructor(writer, model, element, null);

    /// <summary>
    /// The constructor, which takes and checks the hyperparameters, and their properties; <paramref name="baseCall"/>
    /// (<c>base(…)</c>) when the type has a base to construct.
    /// </summary>
    internal static void WriteConstructor(IndentedWriter writer, LossModel model, ElementSyntax element, string? baseCall)
    {
        var hyperparameters = model.Parameters.Where(p => p.Role == ParameterRole.Hyperparameter).ToList();
        var exceptions = hyperparameters.Where(p => p.Positive || p.Minimum is not null).ToList();
        var parameters = string.Join(", ", hyperparameters.Select(p => HyperparameterDeclaration(p, element)));
        writer.Line();
        writer.Line($"/// <summary>Creates the loss{(hyperparameters.Count > 0 ? " with its hyperparameters" : "")}.</summary>");
        foreach (var p in hyperparameters)
        {
            writer.Line($"/// <param name=\"{p.Name}\">{ConstraintText(p, element)}</param>");
        }

        if (exceptions.Count > 0)
        {
            writer.Line("/// <exception cref=\"global::System.ArgumentOutOfRangeException\">A hyperparameter is outside its allowed range.</exception>");
        }

        writer.Line($"public {model.TypeName}({parameters})");
        if (baseCall is not null)
        {
            writer.Line("    : " + baseCall);
        }

        using (writer.Block(""))
        {
            foreach (var p in hyperparameters)
            {
                writer.Line($"{p.PropertyName} = {HyperparameterValue(p, element)};");
            }

            foreach (var p in exceptions)
            {
                if (p.Positive)
                {
                    writer.Line($"{Guard}.Positive({p.PropertyName}, nameof({p.Name}));");
                }

                if (p.Minimum is { } minimum && p.Maximum is { } maximum)
                {
                    writer.Line($"{Guard}.InRange({p.PropertyName}, {element.Number(minimum)}, {element.Number(maximum)}, nameof({p.Name}));");
                }
            }
        }

        foreach (var p in hyperparameters)
        {
            writer.Line();
            writer.Line($"/// <summary>The hyperparameter <c>{p.Name}</c>.</summary>");
            writer.Line($"public {element.Name} {p.PropertyName} {{ get; }}");
        }
    }

    /// <summary>A hyperparameter's value in the constructor: its parameter, or for a generic loss with a default <c>delta ?? T.CreateChecked(1)</c>.</summary>
    private static string HyperparameterValue(LossParameter p, ElementSyntax element) =>
        p.Default is { } fallback && element.IsGeneric ? $"{p.Name} ?? {element.Number(fallback)}" : p.Name;

    /// <summary>
    /// A constructor parameter: <c>double delta = 1.0</c>, or for a generic loss <c>T? delta = null</c> with null
    /// meaning the default, since C# has no constant of a type parameter.
    /// </summary>
    private static string HyperparameterDeclaration(LossParameter p, ElementSyntax element) => p.Default switch
    {
        null => $"{element.Name} {p.Name}",
        _ when element.IsGeneric => $"{element.Name}? {p.Name} = null",
        { } value => $"{element.Name} {p.Name} = {element.Number(value)}",
    };

    /// <summary>
    /// The public methods of a loss with per-element inputs, whose shape no base type has: each puts its spans in their
    /// slots and calls the base's batch call, which checks them.
    /// </summary>
    private void WriteForwarders(IndentedWriter writer)
    {
        var inputs = string.Join(", ", _extras.Select(p => Quote(p.Name)));
        var gradients = string.Join(", ", GradientNames().Skip(1).Select(Quote));
        writer.Line();
        writer.Line($"private static readonly Kernels.BatchNames Names = new([{inputs}], [{gradients}]);");
        WriteScalarMethods(writer);
        foreach (var weighted in new[] { false, true })
        {
            WriteValues(writer, weighted);
            WriteBatch(writer, weighted, value: true, gradient: false);
            WriteBatch(writer, weighted, value: false, gradient: true);
            WriteBatch(writer, weighted, value: true, gradient: true);
            WriteGradientAndHessian(writer, weighted);
        }
    }

    private void WriteScalarMethods(IndentedWriter writer)
    {
        var parameters = string.Join(", ", _inputs.Select(p => $"{_t} {PublicName(p)}"));
        writer.Line();
        writer.Line("/// <summary>The loss of one element.</summary>");
        WriteInputDocs(writer, span: false);
        writer.Line("/// <returns>ℓ.</returns>");
        writer.Line($"public {_t} Value({parameters}) => ValueOf({ScalarElement()});");

        for (var i = 0; i < _differentiable.Count; i++)
        {
            var input = _differentiable[i];
            var name = i == 0 ? "Derivative" : input.PropertyName + "Derivative";
            writer.Line();
            writer.Line($"/// <summary>∂ℓ/∂{input.Name} of one element.</summary>");
            WriteInputDocs(writer, span: false);
            writer.Line($"/// <returns>The derivative with respect to {PublicName(input)}.</returns>");
            writer.Line($"public {_t} {name}({parameters}) => GradientOf({ScalarElement()}).{(i == 0 ? "Prediction" : "Input" + (i - 1))};");
        }

        writer.Line();
        writer.Line($"/// <summary>∂²ℓ/∂{_differentiable[0].Name}² of one element.</summary>");
        WriteInputDocs(writer, span: false);
        writer.Line("/// <returns>The second derivative with respect to the prediction.</returns>");
        writer.Line($"public {_t} SecondDerivative({parameters}) => SecondDerivativeOf({ScalarElement()});");
    }

    /// <summary>The scalar inputs as the kernel's <c>Element</c>.</summary>
    private string ScalarElement()
    {
        var fields = new List<string> { "Prediction = prediction" };
        if (_model.HasTarget)
        {
            fields.Add("Target = target");
        }

        fields.AddRange(_extras.Select((p, k) => $"Input{k} = {p.Name}"));
        return $"new {KernelElement(_t)} {{ {string.Join(", ", fields)} }}";
    }

    private void WriteValues(IndentedWriter writer, bool weighted)
    {
        writer.Line();
        writer.Line(weighted ? "/// <summary>Writes wᵢℓᵢ for every element.</summary>" : "/// <summary>Writes ℓᵢ for every element.</summary>");
        WriteInputDocs(writer, span: true, weighted);
        writer.Line("/// <param name=\"destination\">Receives one loss per element; may be the memory of an input.</param>");
        WriteArgumentExceptionDoc(writer);
        writer.Line($"public void Values({SpanInputs(weighted)}, {Span}<{_t}> destination) =>");
        writer.Line($"    RunValues({BatchSpans(weighted, new[] { "destination" })}, {Weighted(weighted)}, Names);");
    }

    private void WriteBatch(IndentedWriter writer, bool weighted, bool value, bool gradient)
    {
        var name = value && gradient ? "ValueAndGradient" : value ? "Value" : "Gradient";
        var outputs = gradient ? GradientNames().ToList() : new List<string>();
        var signature = SpanInputs(weighted) + string.Concat(outputs.Select(o => $", {Span}<{_t}> {o}")) + $", {Reduction} reduction = {Reduction}.{DefaultReduction}";
        writer.Line();
        writer.Line(name switch
        {
            "Value" => "/// <summary>The reduced loss of a batch.</summary>",
            "Gradient" => "/// <summary>Writes the gradient of the reduced loss with respect to each differentiated input.</summary>",
            _ => "/// <summary>The reduced loss and its gradient, in one pass.</summary>",
        });
        WriteInputDocs(writer, span: true, weighted);
        for (var i = 0; i < outputs.Count; i++)
        {
            writer.Line($"/// <param name=\"{outputs[i]}\">Receives ∂(reduced loss)/∂{PublicName(_differentiable[i])} per element; may be the memory of an input.</param>");
        }

        writer.Line($"/// <param name=\"reduction\">How the {(weighted ? "weighted " : "")}per-element losses are combined.</param>");
        if (value)
        {
            writer.Line("/// <returns>The reduced loss.</returns>");
        }

        WriteArgumentExceptionDoc(writer);
        writer.Line($"public {(value ? _t : "void")} {name}({signature}) =>");
        writer.Line(gradient
            ? $"    RunGradient({BatchSpans(weighted, outputs)}, {Weighted(weighted)}, value: {(value ? "true" : "false")}, reduction, Names);"
            : $"    RunValue({BatchSpans(weighted, outputs)}, {Weighted(weighted)}, reduction, Names);");
    }

    private void WriteGradientAndHessian(IndentedWriter writer, bool weighted)
    {
        writer.Line();
        writer.Line("/// <summary>");
        writer.Line("/// Writes the gradient of the reduced loss and the diagonal of its Hessian with respect to each prediction, in one");
        writer.Line("/// pass: element i's loss depends on prediction i alone, so the Hessian is diagonal.");
        writer.Line("/// </summary>");
        WriteInputDocs(writer, span: true, weighted);
        writer.Line("/// <param name=\"gradient\">Receives ∂(reduced loss)/∂prediction per element; may be the memory of an input.</param>");
        writer.Line("/// <param name=\"hessian\">Receives ∂²(reduced loss)/∂prediction² per element; may be the memory of an input, not of <paramref name=\"gradient\"/>.</param>");
        writer.Line($"/// <param name=\"reduction\">How the {(weighted ? "weighted " : "")}per-element losses are combined.</param>");
        WriteArgumentExceptionDoc(writer);
        writer.Line($"public void GradientAndHessian({SpanInputs(weighted)}, {Span}<{_t}> gradient, {Span}<{_t}> hessian, {Reduction} reduction = {Reduction}.{DefaultReduction}) =>");
        writer.Line($"    RunGradientAndHessian({BatchSpans(weighted, new[] { "gradient" }, hessian: "hessian")}, {Weighted(weighted)}, reduction, Names);");
    }

    private static string Weighted(bool weighted) => weighted ? "weighted: true" : "weighted: false";

    /// <summary>The batch's spans in their <c>BatchSpans</c> slots: prediction, target, weight, per-element inputs; outputs, the Hessian in slot 3.</summary>
    private string BatchSpans(bool weighted, IReadOnlyList<string> outputs, string? hessian = null)
    {
        var slots = new List<string> { "In0 = prediction" };
        if (_model.HasTarget)
        {
            slots.Add("In1 = target");
        }

        if (weighted)
        {
            slots.Add("In2 = weight");
        }

        slots.AddRange(_extras.Select((p, k) => $"In{3 + k} = {p.Name}"));
        slots.AddRange(outputs.Select((o, j) => $"Out{j} = {o}"));
        if (hessian is not null)
        {
            slots.Add($"Out3 = {hessian}");
        }

        return $"new(prediction.Length) {{ {string.Join(", ", slots)} }}";
    }

    private static string KernelElement(string value) => $"Kernels.Element<{value}>";

    /// <summary>
    /// The kernel: the loss's math for one element (with branches) and for one vector at each width (branches as
    /// selections, logistic functions sharing their exponentials), as value with gradient and gradient with second
    /// derivative, and for one element the value alone. A vector batch that needs only the value or only the gradient
    /// runs the fused kernel: inlined, the half it does not use is dead code the JIT drops.
    /// </summary>
    private void WriteKernel(IndentedWriter writer)
    {
        var hyperparameters = KernelHyperparameters();
        var names = new HashSet<string>(hyperparameters.Select(p => p.Name), StringComparer.Ordinal);
        if (_value is not null)
        {
            foreach (var node in FlatExpression.Reachable(new[] { _value, _secondDerivative! }.Concat(_derivatives)))
            {
                if (_value.Pool.NameOf(node) is { } local)
                {
                    names.Add(local);
                }
            }
        }

        // The methods' parameters, clear of the hyperparameters (the kernel's fields) and the user's locals.
        var input = Names.Unique("x", names);
        var gradient = Names.Unique("gradient", names);
        var second = Names.Unique("secondDerivative", names);
        writer.Line();
        writer.Line($"/// <summary>The math of <see cref=\"{_model.TypeName}{(_element.IsGeneric ? "{" + _t + "}" : "")}\"/>: one element, or one vector.</summary>");
        foreach (var p in hyperparameters)
        {
            writer.Line($"/// <param name=\"{p.Name}\">The hyperparameter <c>{p.Name}</c>.</param>");
        }

        var parameters = hyperparameters.Count == 0 ? "" : $"({string.Join(", ", hyperparameters.Select(p => $"{_t} {p.Name}"))})";
        using (writer.Block($"public readonly struct Kernel{parameters} : Kernels.IElementKernel<{_t}>"))
        {
            var first = true;
            void Separate()
            {
                if (!first)
                {
                    writer.Line();
                }

                first = false;
            }

            foreach (var (member, value, isDefault) in new[]
            {
                ("bool HasTarget", _model.HasTarget ? "true" : "false", _model.HasTarget),
                ("int Inputs", _extras.Count.ToString(CultureInfo.InvariantCulture), _extras.Count == 0),
                ("int Gradients", _differentiable.Count.ToString(CultureInfo.InvariantCulture), _differentiable.Count == 1),
            })
            {
                if (!isDefault)
                {
                    Separate();
                    writer.Line("/// <inheritdoc/>");
                    writer.Line($"public static {member} => {value};");
                }
            }

            var gradients = _derivatives.Prepend(_value!).ToList();
            var hessian = _value is null ? new List<Expr>() : new List<Expr> { _derivatives[0], _secondDerivative! };
            foreach (var width in ElementSyntax.Widths.Prepend(0))
            {
                var element = width == 0 ? _element : _element.Vector(width);
                string Variable(int i)
                {
                    var p = _model.Parameters[i];
                    return p.Role switch
                    {
                        ParameterRole.Prediction => input + ".Prediction",
                        ParameterRole.Target => input + ".Target",
                        ParameterRole.PerElement => input + ".Input" + _extras.IndexOf(p),
                        _ => element.IsVector ? $"{element.Statics}.Create({p.Name})" : p.Name,
                    };
                }

                var kernel = new KernelWriter(element, Variable, names, i => _model.Parameters[i].Role == ParameterRole.Hyperparameter ? _model.Parameters[i].Name : null);
                var v = element.Name;
                var x = $"in {KernelElement(v)} {input}";
                Separate();
                if (!element.IsVector)
                {
                    WriteMethod(writer, $"public {v} Value({x})", kernel, Shared(element, new List<Expr> { _value! }), r => new[] { $"return {r[0]};" });
                    writer.Line();
                }

                WriteMethod(writer, $"public {v} ValueAndGradient({x}, out Kernels.Gradient<{v}> {gradient})", kernel, Shared(element, gradients),
                    r => new[] { $"{gradient} = new({string.Join(", ", r.Skip(1))});", $"return {r[0]};" });
                writer.Line();
                WriteMethod(writer, $"public {v} GradientAndHessian({x}, out {v} {second})", kernel, Shared(element, hessian),
                    r => new[] { $"{second} = {r[1]};", $"return {r[0]};" });
            }
        }
    }

    /// <summary>The hyperparameters the kernel's math reads: its fields.</summary>
    private List<LossParameter> KernelHyperparameters()
    {
        if (_value is null)
        {
            return new List<LossParameter>();
        }

        var used = new HashSet<int>(FlatExpression.Reachable(new[] { _value, _secondDerivative! }.Concat(_derivatives))
            .Where(node => node.Op == Op.Variable).Select(node => node.Variable));
        return _model.Parameters.Where((p, i) => p.Role == ParameterRole.Hyperparameter && used.Contains(i)).ToList();
    }

    /// <summary>For vector code, the results with their logistic functions sharing exponentials (<see cref="LogisticSharing"/>).</summary>
    private IReadOnlyList<Expr> Shared(ElementSyntax element, IReadOnlyList<Expr> results) =>
        element.IsVector && _value is not null ? LogisticSharing.Apply(results.ToList()) : results;

    private void WriteMethod(IndentedWriter writer, string signature, KernelWriter kernel, IReadOnlyList<Expr> results, Func<IReadOnlyList<string>, IEnumerable<string>> finish)
    {
        writer.Line("/// <inheritdoc/>");
        writer.Line("[MethodImpl(MethodImplOptions.AggressiveInlining)]");
        writer.Line(signature);
        if (_value is null)
        {
            writer.Line($"    => throw new global::System.InvalidOperationException(\"The body of {_model.MethodName} has errors that LossGen reported.\");");
            return;
        }

        using (writer.Block(""))
        {
            kernel.Write(writer, results, finish);
        }
    }

    private IEnumerable<string> GradientNames() =>
        _differentiable.Select((p, i) => i == 0 ? "gradient" : p.Name + "Gradient");

    private IEnumerable<string> SpanInputNames(bool weighted)
    {
        yield return "prediction";
        if (_model.HasTarget)
        {
            yield return "target";
        }

        if (weighted)
        {
            yield return "weight";
        }

        foreach (var extra in _extras)
        {
            yield return extra.Name;
        }
    }

    private string SpanInputs(bool weighted) =>
        string.Join(", ", SpanInputNames(weighted).Select(n => $"{ReadOnlySpan}<{_t}> {n}"));

    private string PublicName(LossParameter p) => p.Role switch
    {
        ParameterRole.Prediction => "prediction",
        ParameterRole.Target => "target",
        _ => p.Name,
    };

    private void WriteInputDocs(IndentedWriter writer, bool span, bool weighted = false)
    {
        foreach (var name in span ? SpanInputNames(weighted) : _inputs.Select(PublicName))
        {
            var text = name switch
            {
                "prediction" => span ? "The predictions." : "The prediction.",
                "target" => span ? "The targets, one per prediction." : "The target.",
                "weight" => "The weights, one per prediction.",
                _ => span ? $"The per-element input <c>{name}</c>, one per prediction." : $"The per-element input <c>{name}</c>.",
            };
            writer.Line($"/// <param name=\"{name}\">{text}</param>");
        }
    }

    private static void WriteArgumentExceptionDoc(IndentedWriter writer) =>
        writer.Line("/// <exception cref=\"global::System.ArgumentException\">The spans differ in length, an output is too short, or an output partly overlaps an input.</exception>");

    private static string ConstraintText(LossParameter p, ElementSyntax element)
    {
        var text = $"The hyperparameter <c>{p.Name}</c>";
        if (p.Positive)
        {
            text += "; greater than 0";
        }

        if (p.Minimum is { } min && p.Maximum is { } max)
        {
            text += $"; in [{DocNumber(min, element)}, {DocNumber(max, element)}]";
        }

        return p.Default switch
        {
            null => text + ".",
            { } value when element.IsGeneric => text + $"; null means {DocNumber(value, element)}, the default.",
            { } value => text + $"; {DocNumber(value, element)} by default.",
        };
    }

    private static string DocNumber(double value, ElementSyntax element) =>
        double.IsPositiveInfinity(value) ? "∞" : double.IsNegativeInfinity(value) ? "-∞"
        : element.Type == ElementType.Float ? ((float)value).ToString("R", CultureInfo.InvariantCulture)
        : value.ToString("R", CultureInfo.InvariantCulture);

    internal static string Quote(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    internal static string Xml(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
