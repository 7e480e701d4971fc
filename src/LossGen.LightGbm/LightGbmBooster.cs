using System;
using System.Numerics;
using System.Text;

namespace LossGen.LightGbm;

/// <summary>
/// A LightGBM model boosted with the gradients and Hessians of a LossGen loss: every round reads LightGBM's current raw
/// scores, calls the loss's <see cref="ITwiceDifferentiableLoss{T}.GradientAndHessian(ReadOnlySpan{T}, ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, Span{T}, Reduction)"/>
/// (per element: <see cref="Reduction.Sum"/>) and hands the result to <c>LGBM_BoosterUpdateOneIterCustom</c> in
/// LightGBM's float32 buffers.
/// </summary>
public sealed unsafe class LightGbmBooster : IDisposable
{
    private const int MaxBracketSteps = 64;
    private const int BisectionSteps = 100;

    private nint _handle;

    private LightGbmBooster(nint handle, int columns, double initialScore)
    {
        _handle = handle;
        Columns = columns;
        InitialScore = initialScore;
    }

    /// <summary>The raw score every prediction starts from (see <see cref="LightGbmOptions.InitialScore"/>); <see cref="PredictRaw"/> adds it.</summary>
    public double InitialScore { get; }

    /// <summary>The number of features the model reads.</summary>
    public int Columns { get; }

    /// <summary>The number of trees boosted.</summary>
    public int Iterations
    {
        get
        {
            NativeMethods.Check(NativeMethods.LGBM_BoosterGetCurrentIteration(Handle, out var iterations), nameof(NativeMethods.LGBM_BoosterGetCurrentIteration));
            return iterations;
        }
    }

    private nint Handle => _handle != 0 ? _handle : throw new ObjectDisposedException(nameof(LightGbmBooster));

    /// <summary>
    /// Boosts <see cref="LightGbmOptions.Rounds"/> trees on <paramref name="training"/> with <paramref name="loss"/>: the
    /// prediction of the loss is LightGBM's raw score, its target the dataset's label, and the dataset's weights go
    /// through the loss's weighted overloads.
    /// </summary>
    /// <typeparam name="T">The loss's element type; LightGBM's buffers are float32 whatever it is.</typeparam>
    /// <param name="loss">The loss, e.g. <c>new Losses.FocalLoss&lt;double&gt;()</c> or a generated one.</param>
    /// <param name="training">The training set (this machine's shard in a distributed run).</param>
    /// <param name="options">How to boost; <see cref="LightGbmOptions"/>' defaults when null.</param>
    /// <param name="validation">A validation set built with <paramref name="training"/> as its reference, reported each round; optional.</param>
    /// <param name="progress">Called after each round with the training and validation losses; optional.</param>
    /// <returns>The model; dispose it to free LightGBM's memory.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="loss"/> or <paramref name="training"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="validation"/> has other columns than <paramref name="training"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="InvalidOperationException">The loss gave a NaN or infinite gradient: its element and round are named.</exception>
    /// <exception cref="LightGbmException">LightGBM failed; the message is LightGBM's.</exception>
    public static LightGbmBooster Train<T>(
        ITwiceDifferentiableLoss<T> loss, LightGbmDataset training, LightGbmOptions? options = null, LightGbmDataset? validation = null,
        Action<BoostingRound>? progress = null)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(training);
        options ??= new LightGbmOptions();
        if (validation is not null && validation.Columns != training.Columns)
        {
            throw new ArgumentException($"The validation set has {validation.Columns} columns, the training set {training.Columns}.", nameof(validation));
        }

        var parameters = options.ToParameters();
        var trainingShard = new Shard<T>(training);
        var initialScore = options.InitialScore ?? (options.Network is null ? OptimalConstant(loss, trainingShard) : 0);
        NativeMethods.Check(NativeMethods.LGBM_BoosterCreate(training.Handle, parameters, out var handle), nameof(NativeMethods.LGBM_BoosterCreate));
        var booster = new LightGbmBooster(handle, training.Columns, initialScore);
        try
        {
            Shard<T>? validationShard = null;
            if (validation is not null)
            {
                NativeMethods.Check(NativeMethods.LGBM_BoosterAddValidData(handle, validation.Handle), nameof(NativeMethods.LGBM_BoosterAddValidData));
                validationShard = new Shard<T>(validation);
            }

            var gradient = new float[training.Rows];
            var hessian = new float[training.Rows];
            for (var round = 1; round <= options.Rounds; round++)
            {
                booster.ReadScores(0, trainingShard);
                trainingShard.Derivatives(loss, options.Curvature, gradient, hessian, round);
                int finished;
                fixed (float* g = gradient, h = hessian)
                {
                    NativeMethods.Check(NativeMethods.LGBM_BoosterUpdateOneIterCustom(handle, g, h, out finished), nameof(NativeMethods.LGBM_BoosterUpdateOneIterCustom));
                }

                if (progress is not null)
                {
                    booster.ReadScores(0, trainingShard);
                    double? validationLoss = null;
                    if (validationShard is not null)
                    {
                        booster.ReadScores(1, validationShard);
                        validationLoss = validationShard.MeanLoss(loss);
                    }

                    progress(new BoostingRound(round, trainingShard.MeanLoss(loss), validationLoss));
                }

                // LightGBM finishes early when no split improves any more.
                if (finished != 0)
                {
                    break;
                }
            }

            return booster;
        }
        catch
        {
            booster.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Boosts with one of LightGBM's own objectives instead of a LossGen loss (e.g. <c>binary</c>, <c>huber alpha=1</c>,
    /// <c>quantile alpha=0.9</c>), for comparison: the same options, datasets and weights.
    /// </summary>
    /// <param name="objective">LightGBM's objective name, optionally followed by its parameters.</param>
    /// <param name="training">The training set.</param>
    /// <param name="options">How to boost; <see cref="LightGbmOptions.Curvature"/> and <see cref="LightGbmOptions.InitialScore"/> do not apply.</param>
    /// <returns>The model.</returns>
    /// <exception cref="LightGbmException">LightGBM failed, e.g. on an unknown objective.</exception>
    public static LightGbmBooster TrainBuiltIn(string objective, LightGbmDataset training, LightGbmOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(objective);
        ArgumentNullException.ThrowIfNull(training);
        options ??= new LightGbmOptions();
        var parameters = options.ToParameters().Replace("objective=none", "objective=" + objective, StringComparison.Ordinal);
        NativeMethods.Check(NativeMethods.LGBM_BoosterCreate(training.Handle, parameters, out var handle), nameof(NativeMethods.LGBM_BoosterCreate));
        var booster = new LightGbmBooster(handle, training.Columns, 0);
        try
        {
            for (var round = 1; round <= options.Rounds; round++)
            {
                NativeMethods.Check(NativeMethods.LGBM_BoosterUpdateOneIter(handle, out var finished), nameof(NativeMethods.LGBM_BoosterUpdateOneIter));
                if (finished != 0)
                {
                    break;
                }
            }

            return booster;
        }
        catch
        {
            booster.Dispose();
            throw;
        }
    }

    /// <summary>The raw scores (the loss's predictions) of <paramref name="rows"/> rows of features, row-major, <see cref="InitialScore"/> included.</summary>
    /// <param name="features">The features, row after row, <see cref="Columns"/> per row.</param>
    /// <param name="rows">The number of rows.</param>
    /// <returns>One raw score per row.</returns>
    /// <exception cref="ArgumentException"><paramref name="features"/> does not hold <paramref name="rows"/> × <see cref="Columns"/> values.</exception>
    public double[] PredictRaw(ReadOnlySpan<float> features, int rows)
    {
        LightGbmDataset.CheckMatrix(features, rows, Columns);

        var result = new double[rows];
        fixed (float* data = features)
        fixed (double* output = result)
        {
            NativeMethods.Check(
                NativeMethods.LGBM_BoosterPredictForMat(Handle, data, NativeMethods.Float32, rows, Columns, 1, NativeMethods.PredictRawScore, 0, -1, "", out _, output),
                nameof(NativeMethods.LGBM_BoosterPredictForMat));
        }

        for (var i = 0; i < rows; i++)
        {
            result[i] += InitialScore;
        }

        return result;
    }

    /// <summary>The model in LightGBM's text format. Its raw scores do not include <see cref="InitialScore"/>, which LightGBM's format has no place for.</summary>
    /// <returns>The model text.</returns>
    public string SaveModelToString()
    {
        NativeMethods.Check(NativeMethods.LGBM_BoosterSaveModelToString(Handle, 0, -1, 0, 0, out var length, null), nameof(NativeMethods.LGBM_BoosterSaveModelToString));
        var buffer = new byte[length];
        fixed (byte* text = buffer)
        {
            NativeMethods.Check(NativeMethods.LGBM_BoosterSaveModelToString(Handle, 0, -1, 0, length, out _, text), nameof(NativeMethods.LGBM_BoosterSaveModelToString));
        }

        return Encoding.UTF8.GetString(buffer, 0, (int)Math.Max(0, length - 1));
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_handle != 0)
        {
            NativeMethods.LGBM_BoosterFree(_handle);
            _handle = 0;
        }
    }

    /// <summary>Reads LightGBM's current raw scores of data set <paramref name="dataIndex"/> (0 training, 1 validation) into the shard's predictions.</summary>
    private void ReadScores<T>(int dataIndex, Shard<T> shard)
        where T : IFloatingPointIeee754<T>
    {
        fixed (double* scores = shard.Scores)
        {
            NativeMethods.Check(NativeMethods.LGBM_BoosterGetPredict(Handle, dataIndex, out _, scores), nameof(NativeMethods.LGBM_BoosterGetPredict));
        }

        for (var i = 0; i < shard.Scores.Length; i++)
        {
            shard.Prediction[i] = T.CreateTruncating(shard.Scores[i] + InitialScore);
        }
    }

    /// <summary>
    /// The constant c minimizing Σ wᵢ ℓ(c, yᵢ): the root of the (weighted) mean gradient, bracketed by doubling steps from
    /// the labels' range and bisected. 0 when no sign change is found (a loss without a minimum).
    /// </summary>
    private static double OptimalConstant<T>(ITwiceDifferentiableLoss<T> loss, Shard<T> shard)
        where T : IFloatingPointIeee754<T>
    {
        double low = double.PositiveInfinity, high = double.NegativeInfinity;
        foreach (var label in shard.Target)
        {
            low = Math.Min(low, double.CreateTruncating(label));
            high = Math.Max(high, double.CreateTruncating(label));
        }

        low -= 1;
        high += 1;
        var atLow = shard.GradientSumAt(loss, low);
        for (var step = 0; step < MaxBracketSteps && atLow > 0; step++)
        {
            low -= 2 * (high - low);
            atLow = shard.GradientSumAt(loss, low);
        }

        var atHigh = shard.GradientSumAt(loss, high);
        for (var step = 0; step < MaxBracketSteps && atHigh < 0; step++)
        {
            high += 2 * (high - low);
            atHigh = shard.GradientSumAt(loss, high);
        }

        if (!(atLow <= 0 && atHigh >= 0))
        {
            return 0;
        }

        for (var step = 0; step < BisectionSteps && high - low > 1e-12 * Math.Max(1, Math.Abs(low)); step++)
        {
            var middle = 0.5 * (low + high);
            if (shard.GradientSumAt(loss, middle) > 0)
            {
                high = middle;
            }
            else
            {
                low = middle;
            }
        }

        return 0.5 * (low + high);
    }

    /// <summary>A data set's labels, weights and current predictions in the loss's element type.</summary>
    private sealed class Shard<T>
        where T : IFloatingPointIeee754<T>
    {
        public Shard(LightGbmDataset data)
        {
            Target = ToElements(data.Labels);
            Weight = data.Weights.IsEmpty ? null : ToElements(data.Weights);
            Scores = new double[data.Rows];
            Prediction = new T[data.Rows];
            Gradient = new T[data.Rows];
            Hessian = new T[data.Rows];
        }

        public T[] Target { get; }

        public T[]? Weight { get; }

        public double[] Scores { get; }

        public T[] Prediction { get; }

        private T[] Gradient { get; }

        private T[] Hessian { get; }

        /// <summary>Per-element (Sum) gradients and Hessians at the current predictions, as LightGBM's float32 buffers.</summary>
        public void Derivatives(ITwiceDifferentiableLoss<T> loss, Curvature curvature, float[] gradient, float[] hessian, int round)
        {
            if (Weight is null)
            {
                loss.GradientAndHessian(Prediction, Target, Gradient, Hessian, Reduction.Sum);
            }
            else
            {
                loss.GradientAndHessian(Prediction, Target, Weight, Gradient, Hessian, Reduction.Sum);
            }

            for (var i = 0; i < Gradient.Length; i++)
            {
                var g = double.CreateTruncating(Gradient[i]);
                if (!double.IsFinite(g))
                {
                    throw new InvalidOperationException(
                        $"The loss's gradient is {g} at element {i} (prediction {Prediction[i]}, target {Target[i]}) in round {round}.");
                }

                gradient[i] = (float)g;
                hessian[i] = curvature.Apply(double.CreateTruncating(Hessian[i]), Weight is null ? 1 : double.CreateTruncating(Weight[i]));
            }
        }

        public double MeanLoss(ITwiceDifferentiableLoss<T> loss) => double.CreateTruncating(Weight is null
            ? loss.Value(Prediction, Target, Reduction.Mean)
            : loss.Value(Prediction, Target, Weight, Reduction.WeightedMean));

        public double GradientSumAt(ITwiceDifferentiableLoss<T> loss, double constant)
        {
            Array.Fill(Prediction, T.CreateTruncating(constant));
            if (Weight is null)
            {
                loss.Gradient(Prediction, Target, Gradient, Reduction.Sum);
            }
            else
            {
                loss.Gradient(Prediction, Target, Weight, Gradient, Reduction.Sum);
            }

            var sum = 0.0;
            foreach (var g in Gradient)
            {
                sum += double.CreateTruncating(g);
            }

            return sum;
        }

        private static T[] ToElements(ReadOnlySpan<float> values)
        {
            var result = new T[values.Length];
            for (var i = 0; i < values.Length; i++)
            {
                result[i] = T.CreateTruncating(values[i]);
            }

            return result;
        }
    }
}
