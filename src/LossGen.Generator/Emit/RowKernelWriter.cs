using System;
using System.Collections.Generic;
using System.Linq;
using LossGen.Generator.Model;
using LossGen.Generator.Symbolic;

namespace LossGen.Generator.Emit;

/// <summary>
/// Writes the body of one row kernel from a <see cref="RowDecomposition"/>: the passes over the row, each a SIMD loop over
/// the widest accelerated vector that fits the row (its last vector overlapping the one before, masked out of sums) or a
/// scalar loop for short rows, with the scalar stage between them. The loss is returned; the gradient kernel writes
/// <c>scale</c> × ∂ℓ/∂x into <c>gradient</c>.
/// </summary>
internal sealed class RowKernelWriter
{
    private const string GetReference = "global::System.Runtime.InteropServices.MemoryMarshal.GetReference";

    private readonly ElementSyntax _element;
    private readonly RowDecomposition _decomposition;
    private readonly bool _gradient;
    private readonly ExprPool _pool;
    private readonly List<LossParameter> _parameters;
    private readonly LossParameter _target;
    private readonly bool _classIndex;

    /// <summary>Names in the kernel's scope: its parameters, the user's locals, and every name given out below.</summary>
    private readonly HashSet<string> _taken = new(StringComparer.Ordinal);

    /// <summary>The scalar name of each variable that is not a row input's element.</summary>
    private readonly Dictionary<int, string> _scalars = new();

    /// <summary>The local holding a row input's element j, by the input's ordinal.</summary>
    private readonly Dictionary<int, string> _elements = new();

    /// <summary>The vector (broadcast or accumulator) of a scalar name.</summary>
    private readonly Dictionary<string, string> _vectors = new(StringComparer.Ordinal);

    private readonly Dictionary<int, string> _references = new();
    private readonly Expr _mask;
    private readonly Expr _scale;
    /// <summary>The number of classes as an int, for the loops.</summary>
    private readonly string _classes;
    private readonly string _j;
    private readonly string _count;
    private readonly string _last;
    private readonly string _gradientJ;
    private readonly string _gradientReference;
    private readonly string _gradientName;
    private int _nextVariable;

    /// <summary>One accumulation of a pass: <c>Variable = Combine(Variable, Element)</c> for each j, from <c>Initial</c>.</summary>
    private sealed record Accumulator(Expr Variable, Op Combine, Expr Element);

    public RowKernelWriter(LossModel model, ElementSyntax element, RowDecomposition decomposition, bool classWeighted, bool gradient)
    {
        _element = element;
        _decomposition = decomposition;
        _gradient = gradient;
        _pool = decomposition.Value.Pool;
        _parameters = model.Parameters.ToList();
        _target = _parameters[1];
        _classIndex = model.Shape == LossShape.ClassIndexRow;
        _nextVariable = decomposition.Names.Keys.DefaultIfEmpty(_parameters.Count).Max() + 1;
        foreach (var p in _parameters.Where(p => p.Role != ParameterRole.ClassWeights || classWeighted))
        {
            _taken.Add(p.Name);
        }

        (_gradientName, var scaleName) = OutputNames(model);
        _taken.Add(_gradientName);
        _taken.Add(scaleName);
        foreach (var node in FlatExpression.Reachable(Expressions()))
        {
            if (_pool.NameOf(node) is { } local)
            {
                _taken.Add(local);
            }
        }

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
            else
            {
                _elements[i] = Names.Unique(_parameters[i].Name + "J", _taken);
                _references[i] = Names.Unique(_parameters[i].Name + "Reference", _taken);
            }
        }

        _scale = NewVariable(scaleName, unique: false);
        _mask = NewVariable("mask");
        _classes = _parameters[0].Name + ".Length";
        _j = Names.Unique("j", _taken);
        _count = Names.Unique("count", _taken);
        _last = Names.Unique("last", _taken);
        _gradientJ = Names.Unique("gradientJ", _taken);
        _gradientReference = Names.Unique("gradientReference", _taken);
    }

    private string T => _element.Name;

    /// <summary>The names of the gradient kernel's output and scale parameters, clear of the loss's parameters.</summary>
    public static (string Gradient, string Scale) OutputNames(LossModel model)
    {
        var taken = new HashSet<string>(model.Parameters.Select(p => p.Name), StringComparer.Ordinal);
        return (Names.Unique("gradient", taken), Names.Unique("scale", taken));
    }

    public void Write(IndentedWriter writer)
    {
        var d = _decomposition;
        if (FlatExpression.Reachable(Expressions()).Contains(d.Length))
        {
            writer.Line($"{T} {_scalars[d.Length.Variable]} = {FromInteger(_classes)};");
        }

        foreach (var pair in d.RowAtTarget)
        {
            writer.Line($"var {_scalars[pair.Value.Variable]} = {_parameters[pair.Key].Name}[{_target.Name}];");
        }

        // The first pass: sums, maxima, and the maxima that the log-sum-exps subtract.
        var first = d.Reductions.Select(r => r.Op switch
        {
            Op.RowLogSumExp => new Accumulator(r.Max!, Op.Max, r.Element),
            Op.RowMax => new Accumulator(r.Result, Op.Max, r.Element),
            _ => new Accumulator(r.Result, Op.Add, r.Element),
        }).ToList();
        WritePass(writer, first, null);

        // The second: the log-sum-exps' Σ e^(g - max), and the sums of the derivative rules that need the first's results.
        var logSumExps = d.Reductions.Where(r => r.Op == Op.RowLogSumExp).ToList();
        var sums = logSumExps.ToDictionary(r => r, r => NewVariable(_scalars[r.Result.Variable] + "Sum"));
        var second = logSumExps.Select(r => new Accumulator(sums[r], Op.Add, _pool.Apply(Op.Exp, r.Element - r.Max!))).ToList();
        if (_gradient)
        {
            second.AddRange(d.SecondPassSums.Select(s => new Accumulator(s.Result, Op.Add, s.Element)));
        }

        WritePass(writer, second, null);
        var scalar = new KernelWriter(_element, Scalar, _taken);
        foreach (var r in logSumExps)
        {
            writer.Line($"var {_scalars[r.LogSum!.Variable]} = {Print(_pool.Apply(Op.Log, sums[r]))};");
        }

        if (!_gradient)
        {
            scalar.Write(writer, new[] { ("return", d.Value) });
            return;
        }

        // The scalar stage: the loss, and the adjoints the gradient pass multiplies by.
        var loss = Names.Unique("loss", _taken);
        var stage = new List<(string, Expr)> { (loss, d.Value) };
        stage.AddRange(d.Reductions.Where(r => !r.Adjoint!.Is(0)).Select(r => (_scalars[r.Adjoint!.Variable], r.AdjointValue!)));
        var targetAdjoint = d.TargetAdjoint.Is(0) ? null : NewVariable("targetAdjoint");
        if (targetAdjoint is not null)
        {
            stage.Add((_scalars[targetAdjoint.Variable], d.TargetAdjoint));
        }

        foreach (var (name, _) in stage)
        {
            writer.Line($"{T} {name};");
        }

        using (writer.Block(""))
        {
            scalar.Write(writer, stage);
        }

        writer.Line();
        var targetTerm = d.TargetTerm.Is(0) ? null : NewVariable("targetTerm");
        var third = targetTerm is null ? new List<Accumulator>() : new List<Accumulator> { new(targetTerm, Op.Add, d.TargetTerm) };
        WritePass(writer, third, _scale * d.ElementGradient);
        if (_classIndex && (targetAdjoint is not null || targetTerm is not null))
        {
            var correction = (targetAdjoint ?? _pool.Zero) + (targetTerm ?? _pool.Zero);
            writer.Line($"{_gradientName}[{_target.Name}] += {Print(_scale * correction)};");
        }

        writer.Line($"return {loss};");
    }

    /// <summary>
    /// One pass over the row: the accumulations, and the gradient stored at each j when <paramref name="store"/> is given.
    /// Nothing is written for a pass with neither.
    /// </summary>
    private void WritePass(IndentedWriter writer, IReadOnlyList<Accumulator> accumulators, Expr? store)
    {
        if (accumulators.Count == 0 && store is null)
        {
            return;
        }

        foreach (var a in accumulators)
        {
            writer.Line($"{T} {Scalar(a.Variable.Variable)};");
        }

        var results = accumulators.Select(a => Combined(a, masked: false)).ToList();
        var maskedResults = accumulators.Select(a => Combined(a, masked: true)).ToList();
        var all = results.Concat(maskedResults).Concat(store is null ? Array.Empty<Expr>() : new[] { store }).ToList();
        var used = FlatExpression.Reachable(all).Where(n => n.Op == Op.Variable).Select(n => n.Variable).Distinct().OrderBy(v => v).ToList();
        var rows = used.Where(_elements.ContainsKey).ToList();
        var broadcasts = used.Where(v => !_elements.ContainsKey(v) && v != _mask.Variable && accumulators.All(a => a.Variable.Variable != v)).ToList();

        var keyword = "if";
        foreach (var width in ElementSyntax.Widths)
        {
            var vector = _element.Vector(width);
            using (writer.Block($"{keyword} ({vector.Operations}.IsSupported && {_classes} >= {vector.Name}.Count)"))
            {
                foreach (var row in rows)
                {
                    writer.Line($"ref readonly var {_references[row]} = ref {GetReference}({_parameters[row].Name});");
                }

                if (store is not null)
                {
                    writer.Line($"ref var {_gradientReference} = ref {GetReference}({_gradientName});");
                }

                foreach (var v in broadcasts)
                {
                    writer.Line($"var {VectorOf(Scalar(v))} = {vector.Statics}.Create({Scalar(v)});");
                }

                foreach (var a in accumulators)
                {
                    writer.Line($"var {VectorOf(Scalar(a.Variable.Variable))} = {vector.Number(Initial(a))};");
                }

                writer.Line($"var {_count} = (nuint){vector.Name}.Count;");
                writer.Line($"var {_last} = (nuint){_classes} - {_count};");
                writer.Line($"nuint {_j} = 0;");
                var kernel = new KernelWriter(vector, VectorName, _taken);
                using (writer.Block($"for (; {_j} < {_last}; {_j} += {_count})"))
                {
                    WriteVectorStep(writer, vector, kernel, rows, accumulators, results, store, _j, masked: false);
                }

                writer.Line();
                writer.Line($"// The last vector overlaps the one before it: its lanes below {_j} - {_last} were taken already.");
                using (writer.Block(""))
                {
                    WriteVectorStep(writer, vector, kernel, rows, accumulators, maskedResults, store, _last, masked: true);
                }

                if (accumulators.Count > 0)
                {
                    writer.Line();
                }

                foreach (var a in accumulators)
                {
                    var across = a.Combine == Op.Max ? $"{vector.Operations}.MaxAcross" : $"{vector.Statics}.Sum";
                    writer.Line($"{Scalar(a.Variable.Variable)} = {across}({VectorOf(Scalar(a.Variable.Variable))});");
                }
            }

            keyword = "else if";
        }

        using (writer.Block("else"))
        {
            foreach (var a in accumulators)
            {
                writer.Line($"{Scalar(a.Variable.Variable)} = {_element.Number(Initial(a))};");
            }

            using (writer.Block($"for (var {_j} = 0; {_j} < {_classes}; {_j}++)"))
            {
                foreach (var row in rows)
                {
                    writer.Line($"var {_elements[row]} = {_parameters[row].Name}[{_j}];");
                }

                var steps = accumulators.Select((a, i) => (Scalar(a.Variable.Variable), results[i])).ToList();
                if (store is not null)
                {
                    steps.Add(($"{_gradientName}[{_j}]", store));
                }

                new KernelWriter(_element, Scalar, _taken).Write(writer, steps);
            }
        }

        writer.Line();
    }

    private void WriteVectorStep(
        IndentedWriter writer, ElementSyntax vector, KernelWriter kernel, List<int> rows, IReadOnlyList<Accumulator> accumulators,
        List<Expr> results, Expr? store, string index, bool masked)
    {
        foreach (var row in rows)
        {
            writer.Line($"var {_elements[row]} = {vector.Statics}.LoadUnsafe(in {_references[row]}, {index});");
        }

        if (masked && accumulators.Any(a => a.Combine == Op.Add))
        {
            writer.Line($"var {Scalar(_mask.Variable)} = {vector.Statics}.GreaterThanOrEqual({vector.Name}.Indices, {vector.Statics}.Create({FromInteger($"({_j} - {_last})", explicitly: true)}));");
        }

        var steps = accumulators.Select((a, i) => (VectorOf(Scalar(a.Variable.Variable)), results[i])).ToList();
        if (store is not null)
        {
            steps.Add(("var " + _gradientJ, store));
        }

        kernel.Write(writer, steps);
        if (store is not null)
        {
            writer.Line($"{vector.Statics}.StoreUnsafe({_gradientJ}, ref {_gradientReference}, {index});");
        }
    }

    /// <summary>The accumulation of one element: max with it, or add it (where <paramref name="masked"/>, only in the lanes not yet taken).</summary>
    private Expr Combined(Accumulator a, bool masked) => a.Combine == Op.Max
        ? _pool.Apply(Op.Max, a.Variable, a.Element)
        : a.Variable + (masked ? _pool.Conditional(_mask, a.Element, _pool.Zero) : a.Element);

    private static double Initial(Accumulator a) => a.Combine == Op.Max ? double.NegativeInfinity : 0;

    /// <summary>All the expressions the kernel computes, for the names they use.</summary>
    private IEnumerable<Expr> Expressions()
    {
        var d = _decomposition;
        yield return d.Value;
        yield return d.ElementGradient;
        yield return d.TargetTerm;
        yield return d.TargetAdjoint;
        foreach (var r in d.Reductions.Concat(d.SecondPassSums))
        {
            yield return r.Element;
        }
    }

    private Expr NewVariable(string name, bool unique = true)
    {
        var variable = _pool.Variable(_nextVariable++);
        _scalars[variable.Variable] = unique ? Names.Unique(name, _taken) : name;
        return variable;
    }

    /// <summary>The name of a variable in scalar code: a row input's element, or a scalar.</summary>
    private string Scalar(int variable) => _elements.TryGetValue(variable, out var element) ? element : _scalars[variable];

    /// <summary>The name of a variable in vector code: a row input's element vector, or a scalar's broadcast (the mask is a mask).</summary>
    private string VectorName(int variable) =>
        _elements.TryGetValue(variable, out var element) ? element : variable == _mask.Variable ? _scalars[variable] : VectorOf(_scalars[variable]);

    private string VectorOf(string scalar)
    {
        if (!_vectors.TryGetValue(scalar, out var vector))
        {
            vector = Names.Unique(scalar + "Vector", _taken);
            _vectors.Add(scalar, vector);
        }

        return vector;
    }

    /// <summary>An integer expression in the element type: implicitly for an int in float or double, else a cast or T's conversion.</summary>
    private string FromInteger(string expression, bool explicitly = false) =>
        _element.IsGeneric ? $"{T}.CreateTruncating({expression})" : explicitly ? $"({T}){expression}" : expression;

    private string Print(Expr expression) =>
        new InfixPrinter(n => n.Op == Op.Variable ? Scalar(n.Variable) : null, _element.Number, _element.Function, null).Print(expression);
}
