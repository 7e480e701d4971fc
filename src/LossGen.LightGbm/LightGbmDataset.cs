using System;

namespace LossGen.LightGbm;

/// <summary>
/// A LightGBM training or validation set built from a dense row-major feature matrix, with its labels (and optional
/// weights) kept on the managed side, where LossGen computes the derivatives.
/// </summary>
public sealed unsafe class LightGbmDataset : IDisposable
{
    private readonly float[] _labels;
    private readonly float[]? _weights;
    private nint _handle;

    private LightGbmDataset(nint handle, int rows, int columns, float[] labels, float[]? weights)
    {
        _handle = handle;
        Rows = rows;
        Columns = columns;
        _labels = labels;
        _weights = weights;
    }

    /// <summary>The number of rows (elements).</summary>
    public int Rows { get; }

    /// <summary>The number of features.</summary>
    public int Columns { get; }

    /// <summary>The labels, the losses' targets.</summary>
    public ReadOnlySpan<float> Labels => _labels;

    /// <summary>The sample weights; empty when the set has none.</summary>
    public ReadOnlySpan<float> Weights => _weights;

    internal nint Handle => _handle != 0 ? _handle : throw new ObjectDisposedException(nameof(LightGbmDataset));

    /// <summary>Builds a dataset from <paramref name="features"/>, <paramref name="rows"/> × <paramref name="columns"/> in row-major order.</summary>
    /// <param name="features">The features, row after row.</param>
    /// <param name="rows">The number of rows.</param>
    /// <param name="columns">The number of features per row.</param>
    /// <param name="labels">One label per row: the target the loss compares each prediction with.</param>
    /// <param name="weights">One weight per row, or empty for none: the loss's weighted overloads apply them.</param>
    /// <param name="reference">
    /// The training set, when this is a validation set: its bins are reused, as LightGBM requires for validation data.
    /// </param>
    /// <param name="parameters">LightGBM dataset parameters (e.g. <c>max_bin=63</c>), space separated; for a distributed run the same as the booster's.</param>
    /// <returns>The dataset; dispose it after the booster that uses it.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rows"/> or <paramref name="columns"/> is not positive.</exception>
    /// <exception cref="ArgumentException">A span's length does not match <paramref name="rows"/> and <paramref name="columns"/>.</exception>
    /// <exception cref="LightGbmException">LightGBM rejected the data or the parameters.</exception>
    public static LightGbmDataset FromRows(
        ReadOnlySpan<float> features, int rows, int columns, ReadOnlySpan<float> labels, ReadOnlySpan<float> weights = default,
        LightGbmDataset? reference = null, string parameters = "")
    {
        CheckMatrix(features, rows, columns);

        if (labels.Length != rows)
        {
            throw new ArgumentException($"{rows} rows need {rows} labels, not {labels.Length}.", nameof(labels));
        }

        if (!weights.IsEmpty && weights.Length != rows)
        {
            throw new ArgumentException($"{rows} rows need {rows} weights (or none), not {weights.Length}.", nameof(weights));
        }

        if (reference is not null && reference.Columns != columns)
        {
            throw new ArgumentException($"The reference set has {reference.Columns} columns, this one {columns}.", nameof(reference));
        }

        ArgumentNullException.ThrowIfNull(parameters);
        nint handle;
        fixed (float* data = features)
        {
            NativeMethods.Check(
                NativeMethods.LGBM_DatasetCreateFromMat(data, NativeMethods.Float32, rows, columns, 1, parameters, reference?.Handle ?? 0, out handle),
                nameof(NativeMethods.LGBM_DatasetCreateFromMat));
        }

        try
        {
            // With a LossGen loss LightGBM reads neither field (the loss weighs its own derivatives); its built-in
            // objectives, used for comparison, read both.
            fixed (float* label = labels)
            {
                NativeMethods.Check(NativeMethods.LGBM_DatasetSetField(handle, "label", label, rows, NativeMethods.Float32), nameof(NativeMethods.LGBM_DatasetSetField));
            }

            if (!weights.IsEmpty)
            {
                fixed (float* weight = weights)
                {
                    NativeMethods.Check(NativeMethods.LGBM_DatasetSetField(handle, "weight", weight, rows, NativeMethods.Float32), nameof(NativeMethods.LGBM_DatasetSetField));
                }
            }
        }
        catch
        {
            NativeMethods.LGBM_DatasetFree(handle);
            throw;
        }

        return new LightGbmDataset(handle, rows, columns, labels.ToArray(), weights.IsEmpty ? null : weights.ToArray());
    }

    /// <summary>Throws unless <paramref name="features"/> holds <paramref name="rows"/> × <paramref name="columns"/> values.</summary>
    internal static void CheckMatrix(ReadOnlySpan<float> features, int rows, int columns)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        if (features.Length != (long)rows * columns)
        {
            throw new ArgumentException($"{rows} rows × {columns} columns need {(long)rows * columns} features, not {features.Length}.", nameof(features));
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_handle != 0)
        {
            NativeMethods.LGBM_DatasetFree(_handle);
            _handle = 0;
        }
    }
}
