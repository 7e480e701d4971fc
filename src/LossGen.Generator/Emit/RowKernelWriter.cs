using System;
using System.Collections.Generic;
using System.Linq;
using LossGen.Generator.Model;
using LossGen.Generator.Symbolic;

namespace LossGen.Generator.Emit;

/// <summary>
/// Writes the body of one method of a row kernel from a <see cref="RowDecomposition"/>: the loss of a row, or the loss
/// with its gradient, each with or without class weights. The passes over the row are calls of the runtime's
/// <c>RowPass</c>, each with a small pass struct holding the per-element terms (<see cref="RowPassSet"/>); between them
/// the scalar stage computes the log-sum-exps, the loss and the adjoints. The gradient method writes
/// <c>scale</c> × ∂ℓ/∂x into <c>gradient</c>.
/// </summary>
internal sealed class RowKernelWriter
{
    private const string RowPass = "Kernels.RowPass";

    /// <summary>The most maxima and sums one pass struct computes: the fields of the runtime's <c>RowTerms</c>.</summary>
    private const int MaximaPerPass = 2;
    private const int SumsPerPass = 4;

    private static readonly string[] Ordinals = { "First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth" };

    private readonly ElementSyntax _element;
    private readonly RowDecomposition _decomposition;
    private readonly bool _gradient;
    private readonly bool _classWeighted;
    private readonly RowPassSet _passes;
    private readonly ExprPool _pool;
    private readonly List<LossParameter> _parameters;
    private readonly LossParameter _target;
    private readonly bool _classIndex;

    /// <summary>Names in the method's scope: its parameters, the user's locals, and every name given out below.</summary>
    private readonly HashSet<string> _taken = new(StringComparer.Ordinal);

    /// <summary>The scalar name of each variable that is not a row input's element.</summary>
    private readonly Dictionary<int, string> _scalars = new();

    /// <summary>The parameter of a pass method that holds a row input's element j, by the input's ordinal: the input's name.</summary>
    private readonly Dictionary<int, string> _elements = new();

    /// <summary>The name of the second row's parameter in a pass method that does not read it.</summary>
    private readonly string _unread;
    private readonly string _gradientName;
    private readonly string _scaleName;
    private int _nextVariable;

    /// <summary>
    /// Where the gradient pass reads a log-sum-exp's exponentials e^(xⱼ − max) back from the gradient's memory, stored
    /// there by that log-sum-exp's pass: the element and target-term gradients with e^(xⱼ − max − log Σ) written as
    /// e · (1/Σ), and the variable of e in the pass; null where each is computed again.
    /// </summary>
    private (Expr Gradient, Expr TargetTerm, int Exponential, Expr Inverse)? _cache;

    /// <summary>One accumulation of a pass: <c>Variable = Combine(Variable, Element)</c> over j.</summary>
    private sealed record Accumulator(Expr Variable, Op Combine, Expr Element);

    /// <summary>A method of a pass struct: its signature at a width, the expressions it computes, and its result made of their texts.</summary>
    private sealed record PassMethod(Func<ElementSyntax, string> Signature, IReadOnlyList<Expr> Elements, Func<IReadOnlyList<string>, string> Result);

    public RowKernelWriter(LossModel model, ElementSyntax element, RowDecomposition decomposition, bool classWeighted, bool gradient, RowPassSet passes)
    {
        _element = element;
        _decomposition = decomposition;
        _gradient = gradient;
        _classWeighted = classWeighted;
        _passes = passes;
        _pool = decomposition.Value.Pool;
        _parameters = model.Parameters.ToList();
        _target = _parameters[1];
        _classIndex = model.Shape == LossShape.ClassIndexRow;
        _nextVariable = decomposition.Names.Keys.DefaultIfEmpty(_parameters.Count).Max() + 1;
        foreach (var p in _parameters)
        {
            _taken.Add(p.Name);
        }

        (_gradientName, _scaleName) = OutputNames(model);
        _taken.Add(_gradientName);
        _taken.Add(_scaleName);
        foreach (var node in FlatExpression.Reachable(Expressions(decomposition)))
        {
            if (_pool.NameOf(node) is { } local)
            {
                _taken.Add(local);
            }
        }

        _unread = Names.Unique("_", new HashSet<string>(_taken, StringComparer.Ordinal));
        foreach (var pair in decomposition.Names)
        {
            _scalars[pair.Key] = Names.Unique(pair.Value, _taken);
        }

        for (var i = 0; i < _parameters.Count; i++)
        {
            if (_parameters[i].Role == ParameterRole.Hyperparameter)
            {
                _scalars[i] = _parameters[i].Name;
            }
            else if (_parameters[i].Role != ParameterRole.Target || !_classIndex)
            {
                _elements[i] = _parameters[i].Name;
            }
        }
    }

    private string T => _element.Name;

    /// <summary>The names of the gradient method's output and scale parameters, clear of the loss's parameters.</summary>
    public static (string Gradient, string Scale) OutputNames(LossModel model)
    {
        var taken = new HashSet<string>(model.Parameters.Select(p => p.Name), StringComparer.Ordinal);
        return (Names.Unique("gradient", taken), Names.Unique("scale", taken));
    }

    /// <summary>All the expressions a decomposition computes, for the names and the hyperparameters they use.</summary>
    public static IEnumerable<Expr> Expressions(RowDecomposition d)
    {
        yield return d.Value;
        yield return d.ElementGradient;
        yield return d.TargetTerm;
        yield return d.TargetAdjoint;
        foreach (var r in d.Reductions.Concat(d.GradientSums))
        {
            yield return r.Element;
            if (r.AdjointValue is not null)
            {
                yield return r.AdjointValue;
            }
        }
    }

    public void Write(IndentedWriter writer)
    {
        var d = _decomposition;
        if (FlatExpression.Reachable(Expressions(d)).Contains(d.Length))
        {
            writer.Line($"{T} {_scalars[d.Length.Variable]} = {FromInteger(_parameters[0].Name + ".Length")};");
        }

        foreach (var pair in d.RowAtTarget)
        {
            writer.Line($"var {_scalars[pair.Value.Variable]} = {_parameters[pair.Key].Name}[{_target.Name}];");
        }

        // The passes, each after the scalars its reductions use: the loss's sums and maxima, the maxima the log-sum-exps
        // subtract and, one pass later, their Σ e^(g - max); the gradient's sums where the gradient is computed.
        var gradientSums = _gradient ? d.GradientSums : Array.Empty<RowReduction>();
        var passes = d.Reductions.Select(r => r.LogSum is null ? r.Pass : r.Pass + 1).Concat(gradientSums.Select(s => s.Pass)).DefaultIfEmpty(0).Max();
        for (var pass = 1; pass <= passes; pass++)
        {
            var reduced = d.Reductions.Where(r => r.Pass == pass).Select(r => r.Op switch
            {
                Op.RowLogSumExp => new Accumulator(r.Max!, Op.Max, r.Element),
                Op.RowMax => new Accumulator(r.Result, Op.Max, r.Element),
                _ => new Accumulator(r.Result, Op.Add, r.Element),
            }).ToList();
            var logSumExps = d.Reductions.Where(r => r.LogSum is not null && r.Pass + 1 == pass).ToList();
            var sums = logSumExps.ToDictionary(r => r, r => NewVariable(_scalars[r.Result.Variable] + "Sum"));
            reduced.AddRange(logSumExps.Select(r => new Accumulator(sums[r], Op.Add, _pool.Apply(Op.Exp, r.Element - r.Max!))));
            reduced.AddRange(gradientSums.Where(s => s.Pass == pass).Select(s => new Accumulator(s.Result, Op.Add, s.Element)));
            var cache = _gradient && _cache is null && reduced.Count == 1 && logSumExps.Count == 1 ? CacheOf(logSumExps[0], sums[logSumExps[0]]) : null;
            if (WriteReductions(writer, PassName(pass), reduced, storeExponentials: cache is not null) && cache is { } c)
            {
                _cache = c;
                writer.Line($"var {_scalars[c.Inverse.Variable]} = {Print(_pool.One / sums[logSumExps[0]])};");
            }

            foreach (var r in logSumExps)
            {
                writer.Line($"var {_scalars[r.LogSum!.Variable]} = {Print(_pool.Apply(Op.Log, sums[r]))};");
            }
        }

        var scalar = new KernelWriter(_element, Scalar, _taken);
        if (!_gradient)
        {
            scalar.Write(writer, new[] { ("return", d.Value) });
            return;
        }

        // The scalar stage: the loss, and the adjoints the gradient pass multiplies by, each after the adjoints of the
        // reductions that use its reduction (computed in later passes); a constant adjoint is written where it is used.
        var loss = Names.Unique("loss", _taken);
        var stage = new List<(string, Expr)> { ($"{T} {loss}", d.Value) };
        foreach (var r in d.Reductions.Where(r => !r.Adjoint!.IsConstant).OrderByDescending(r => r.Pass))
        {
            stage.Add(($"{T} {_scalars[r.Adjoint!.Variable]}", r.AdjointValue!));
        }

        var targetAdjoint = d.TargetAdjoint.Is(0) || d.TargetAdjoint.IsConstant ? d.TargetAdjoint : NewVariable("targetAdjoint");
        if (!targetAdjoint.IsConstant)
        {
            stage.Add(($"{T} {_scalars[targetAdjoint.Variable]}", d.TargetAdjoint));
        }

        var targetTerm = d.TargetTerm.Is(0) ? null : NewVariable("targetTerm");
        scalar.Write(writer, stage);
        WriteGradientPass(writer, _cache?.Gradient ?? d.ElementGradient, targetTerm is null ? null : (targetTerm, _cache?.TargetTerm ?? d.TargetTerm));
        if (_classIndex && (!targetAdjoint.Is(0) || targetTerm is not null))
        {
            var correction = targetAdjoint + (targetTerm ?? _pool.Zero);
            writer.Line($"{_gradientName}[{_target.Name}] += {Print(NewVariable(_scaleName, unique: false) * correction)};");
        }

        writer.Line($"return {loss};");
    }

    /// <summary>
    /// The gradient pass's reading back of the exponentials of <paramref name="logSumExp"/> (a log-sum-exp of the
    /// prediction row itself, whose pass <paramref name="sum"/> is alone in): the element and target-term gradients with
    /// each e^(xⱼ − max − log Σ) written e · (1/Σ), where that leaves no other read of the prediction; else null.
    /// </summary>
    private (Expr Gradient, Expr TargetTerm, int Exponential, Expr Inverse)? CacheOf(RowReduction logSumExp, Expr sum)
    {
        var prediction = _pool.Variable(0);
        var d = _decomposition;
        if (logSumExp.Element != prediction)
        {
            return null;
        }

        var softmax = _pool.Apply(Op.Exp, prediction - logSumExp.Max! - logSumExp.LogSum!);
        var exponential = _pool.Variable(_nextVariable++);
        var inverse = _pool.Variable(_nextVariable++);
        Expr Read(Expr e) => Substitution.Apply(e, node => node == softmax ? exponential * inverse : null);
        var gradient = Read(d.ElementGradient);
        var targetTerm = Read(d.TargetTerm);
        if (gradient == d.ElementGradient || FlatExpression.Reachable(new[] { gradient, targetTerm }).Contains(prediction))
        {
            return null;
        }

        _elements[exponential.Variable] = Names.Unique("exponential", _taken);
        _scalars[inverse.Variable] = Names.Unique(Scalar(sum.Variable) + "Inverse", _taken);
        return (gradient, targetTerm, exponential.Variable, inverse);
    }

    /// <summary>
    /// The reducing passes of one stage: its maxima and sums, as many pass structs as <c>RowTerms</c> has room for, each
    /// result in a local named as the decomposition names it; the runtime's own passes where the stage is the maximum of
    /// the prediction or the Σ exp(x − max) of its log-sum-exp, which stores the exponentials in the gradient where
    /// <paramref name="storeExponentials"/> (the return says whether it did). Nothing is written for a stage without
    /// accumulations.
    /// </summary>
    private bool WriteReductions(IndentedWriter writer, string role, List<Accumulator> accumulators, bool storeExponentials = false)
    {
        var prediction = _pool.Variable(0);
        if (accumulators.Count == 1 && accumulators[0] is { Combine: Op.Max } max && max.Element == prediction)
        {
            writer.Line($"{T} {Scalar(max.Variable.Variable)} = {RowPass}.Max({_parameters[0].Name});");
            return false;
        }

        if (accumulators.Count == 1 && accumulators[0] is { Combine: Op.Add, Element: { Op: Op.Exp } exp } sum
            && exp[0].Op == Op.Subtract && exp[0][0] == prediction && exp[0][1].Op == Op.Variable && !_elements.ContainsKey(exp[0][1].Variable))
        {
            var store = storeExponentials ? ", " + _gradientName : "";
            writer.Line($"{T} {Scalar(sum.Variable.Variable)} = {RowPass}.SumOfExponentials({_parameters[0].Name}, {Scalar(exp[0][1].Variable)}{store});");
            return storeExponentials;
        }

        var maxima = new Queue<Accumulator>(accumulators.Where(a => a.Combine == Op.Max));
        var sums = new Queue<Accumulator>(accumulators.Where(a => a.Combine == Op.Add));
        while (maxima.Count > 0 || sums.Count > 0)
        {
            var pass = new List<(Accumulator Accumulator, string Field)>();
            for (var i = 0; i < MaximaPerPass && maxima.Count > 0; i++)
            {
                pass.Add((maxima.Dequeue(), "Max" + i));
            }

            for (var i = 0; i < SumsPerPass && sums.Count > 0; i++)
            {
                pass.Add((sums.Dequeue(), "Sum" + i));
            }

            var elements = pass.Select(p => p.Accumulator.Element).ToList();
            var statics = new[]
            {
                $"public static int Maxima => {pass.Count(p => p.Field.StartsWith("Max", StringComparison.Ordinal))};",
                $"public static int Sums => {pass.Count(p => p.Field.StartsWith("Sum", StringComparison.Ordinal))};",
            }.Where(line => !line.EndsWith("=> 0;", StringComparison.Ordinal));
            var terms = new PassMethod(
                element => $"Kernels.RowTerms<{element.Name}> Terms({Inputs(element, elements)})",
                elements,
                texts => $"new() {{ {string.Join(", ", pass.Select((p, i) => $"{p.Field} = {texts[i]}"))} }}");
            var name = _passes.Add(Role(role), PassStruct(elements, "IRowPass", statics, terms));
            var call = $"{RowPass}.Reduce({Construction(name, elements)}, {RowArguments(elements)})";
            if (pass.Count == 1)
            {
                writer.Line($"{T} {Scalar(pass[0].Accumulator.Variable.Variable)} = {call}.{pass[0].Field};");
                continue;
            }

            var result = Names.Unique(char.ToLowerInvariant(name[0]) + name.Substring(1), _taken);
            writer.Line($"var {result} = {call};");
            foreach (var (accumulator, field) in pass)
            {
                writer.Line($"{T} {Scalar(accumulator.Variable.Variable)} = {result}.{field};");
            }
        }

        return false;
    }

    /// <summary>The gradient pass: stores scale · <paramref name="gradient"/> at each j, and sums the target term when there is one.</summary>
    private void WriteGradientPass(IndentedWriter writer, Expr gradient, (Expr Variable, Expr Element)? targetTerm)
    {
        // Both methods take the same inputs: the second row where either reads it.
        var elements = new List<Expr> { gradient };
        var methods = new List<PassMethod>
        {
            new(element => $"{element.Name} Gradient({Inputs(element, elements)})", new[] { gradient }, texts => texts[0]),
        };
        if (targetTerm is { } term)
        {
            elements.Add(term.Element);
            methods.Add(new(element => $"{element.Name} TargetTerm({Inputs(element, elements)})", new[] { term.Element }, texts => texts[0]));
        }

        var statics = targetTerm is null ? Array.Empty<string>() : new[] { "public static bool SumsTargetTerm => true;" };
        var name = _passes.Add(Role("GradientPass"), PassStruct(elements, "IRowGradientPass", statics, methods.ToArray()));
        var call = $"{RowPass}.Gradient({Construction(name, elements)}, {_gradientName}, {_scaleName}, {RowArguments(elements)});";
        writer.Line(targetTerm is { } t ? $"var {Scalar(t.Variable.Variable)} = {call}" : call);
    }

    /// <summary>The role of pass <paramref name="pass"/> (from 1): <c>FirstPass</c>, <c>SecondPass</c>, … </summary>
    private static string PassName(int pass) =>
        pass <= Ordinals.Length ? Ordinals[pass - 1] + "Pass" : "Pass" + pass.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The pass's name for its role in this method: the class-weighted method's passes are its own.</summary>
    private string Role(string role) => _classWeighted ? "Weighted" + role : role;

    /// <summary>
    /// The lines of one pass struct named <c>{0}</c>: its scalars as primary-constructor parameters, which rows it reads,
    /// <paramref name="statics"/>, and each of <paramref name="methods"/> for one element and for one vector at each width.
    /// </summary>
    private List<string> PassStruct(IReadOnlyList<Expr> elements, string contract, IEnumerable<string> statics, params PassMethod[] methods)
    {
        var scalars = Broadcasts(elements);
        var parameters = scalars.Count == 0 ? "" : $"({string.Join(", ", scalars.Select(v => $"{T} {Scalar(v)}"))})";
        var writer = new IndentedWriter();
        using (writer.Block($"private readonly struct {{0}}{parameters} : Kernels.{contract}<{T}>"))
        {
            var lines = (SecondRow(elements) is null ? Array.Empty<string>() : new[] { "public static bool ReadsSecondRow => true;" }).Concat(statics).ToList();
            foreach (var line in lines)
            {
                writer.Line(line);
            }

            var first = lines.Count == 0;
            foreach (var method in methods)
            {
                foreach (var element in new[] { _element }.Concat(ElementSyntax.Widths.Select(_element.Vector)))
                {
                    if (!first)
                    {
                        writer.Line();
                    }

                    first = false;
                    WritePassMethod(writer, element, method);
                }
            }
        }

        return writer.ToString().TrimEnd('\n').Split('\n').ToList();
    }

    /// <summary>One method of a pass at one width: an expression body, or a block where the expressions share locals.</summary>
    private void WritePassMethod(IndentedWriter writer, ElementSyntax element, PassMethod method)
    {
        var body = new IndentedWriter();
        var names = new HashSet<string>(_taken, StringComparer.Ordinal);
        new KernelWriter(element, v => element.IsVector && !_elements.ContainsKey(v) ? $"{element.Statics}.Create({Scalar(v)})" : Scalar(v), names, v => _elements.ContainsKey(v) ? null : Scalar(v))
            .Write(body, method.Elements, texts => new[] { $"return {method.Result(texts)};" });
        var lines = body.ToString().TrimEnd('\n').Split('\n');
        writer.Line("[MethodImpl(MethodImplOptions.AggressiveInlining)]");
        var signature = "public " + method.Signature(element);
        if (lines.Length == 1)
        {
            writer.Line($"{signature} => {lines[0].Substring("return ".Length)}");
            return;
        }

        using (writer.Block(signature))
        {
            foreach (var line in lines)
            {
                writer.Line(line);
            }
        }
    }

    /// <summary>The construction of pass <paramref name="name"/> with the scalars it reads.</summary>
    private string Construction(string name, IReadOnlyList<Expr> elements) =>
        $"new {name}({string.Join(", ", Broadcasts(elements).Select(Scalar))})";

    /// <summary>The rows a pass hands to the runtime: the prediction, and the second row where the pass reads it.</summary>
    private string RowArguments(IReadOnlyList<Expr> elements) =>
        SecondRow(elements) is { } second ? $"{FirstRow(elements).Span}, {_elements[second]}" : FirstRow(elements).Span;

    /// <summary>The first row a pass reads: the prediction, or the exponentials stored in the gradient (its element's name, and the span).</summary>
    private (string Element, string Span) FirstRow(IReadOnlyList<Expr> elements) =>
        _cache is { Exponential: var e } && Used(elements).Contains(e) ? (_elements[e], _gradientName) : (_parameters[0].Name, _parameters[0].Name);

    /// <summary>A pass method's parameters at a width: the prediction's element, and the second row's (<c>_</c> where unread).</summary>
    private string Inputs(ElementSyntax element, IReadOnlyList<Expr> elements) =>
        $"{element.Name} {FirstRow(elements).Element}, {element.Name} {(SecondRow(elements) is { } second ? _elements[second] : _unread)}";

    /// <summary>The second row <paramref name="elements"/> read, the target row or the class weights, by its ordinal; null for none.</summary>
    private int? SecondRow(IReadOnlyList<Expr> elements) =>
        Used(elements).Where(v => _elements.ContainsKey(v) && v != 0 && v != _cache?.Exponential).Select(v => (int?)v).FirstOrDefault();

    /// <summary>The scalars <paramref name="elements"/> read: the pass's fields, in the order of their variables.</summary>
    private List<int> Broadcasts(IReadOnlyList<Expr> elements) => Used(elements).Where(v => !_elements.ContainsKey(v)).ToList();

    private static List<int> Used(IReadOnlyList<Expr> elements) =>
        FlatExpression.Reachable(elements).Where(n => n.Op == Op.Variable).Select(n => n.Variable).Distinct().OrderBy(v => v).ToList();

    private Expr NewVariable(string name, bool unique = true)
    {
        var variable = _pool.Variable(_nextVariable++);
        _scalars[variable.Variable] = unique ? Names.Unique(name, _taken) : name;
        return variable;
    }

    /// <summary>The name of a variable: a row input's element in a pass, or a scalar.</summary>
    private string Scalar(int variable) => _elements.TryGetValue(variable, out var element) ? element : _scalars[variable];

    /// <summary>An integer expression in the element type: implicitly for an int in float or double, else T's conversion.</summary>
    private string FromInteger(string expression) => _element.IsGeneric ? $"{T}.CreateTruncating({expression})" : expression;

    private string Print(Expr expression) =>
        new InfixPrinter(n => n.Op == Op.Variable ? Scalar(n.Variable) : null, _element.Number, _element.Function, null).Print(expression);
}

/// <summary>
/// The pass structs of one row kernel, written once each: a pass the loss and the gradient methods share (the first pass,
/// usually the second) is one struct.
/// </summary>
internal sealed class RowPassSet
{
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);
    private readonly HashSet<string> _taken;
    private readonly List<(string Name, List<string> Lines)> _passes = new();

    /// <param name="taken">Names the structs must not take: the kernel's members and hyperparameters.</param>
    public RowPassSet(IEnumerable<string> taken)
    {
        _taken = new HashSet<string>(taken, StringComparer.Ordinal);
    }

    /// <summary>The name of the pass struct whose lines (with <c>{0}</c> for its name) are <paramref name="lines"/>, added under <paramref name="role"/> if new.</summary>
    public string Add(string role, List<string> lines)
    {
        var key = string.Join("\n", lines);
        if (!_names.TryGetValue(key, out var name))
        {
            name = Names.Unique(role, _taken);
            _names.Add(key, name);
            _passes.Add((name, lines));
        }

        return name;
    }

    public void Write(IndentedWriter writer)
    {
        foreach (var (name, lines) in _passes)
        {
            writer.Line();
            writer.Line(lines[0].Replace("{0}", name));
            foreach (var line in lines.Skip(1))
            {
                writer.Line(line);
            }
        }
    }
}
