using System;
using System.Globalization;
using System.Text;

namespace LossGen.LightGbm;

/// <summary>How <see cref="LightGbmBooster.Train"/> boosts: LightGBM's main tree parameters, the curvature policy, and a distributed network.</summary>
public sealed record LightGbmOptions
{
    /// <summary>The number of boosting rounds (trees); 100 by default.</summary>
    public int Rounds { get; init; } = 100;

    /// <summary>The shrinkage of each tree (<c>learning_rate</c>); 0.1 by default.</summary>
    public double LearningRate { get; init; } = 0.1;

    /// <summary>The maximum number of leaves per tree (<c>num_leaves</c>); 31 by default.</summary>
    public int Leaves { get; init; } = 31;

    /// <summary>The minimum number of elements in a leaf (<c>min_data_in_leaf</c>); 20 by default.</summary>
    public int MinDataInLeaf { get; init; } = 20;

    /// <summary>The minimum sum of Hessians in a leaf (<c>min_sum_hessian_in_leaf</c>); 1e-3 by default.</summary>
    public double MinHessianInLeaf { get; init; } = 1e-3;

    /// <summary>L2 regularization of the leaf values (<c>lambda_l2</c>); 0 by default.</summary>
    public double L2 { get; init; }

    /// <summary>LightGBM's threads (<c>num_threads</c>); 1 by default, so that runs are reproducible on any machine.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>LightGBM's random seed (<c>seed</c>); results are deterministic for a given seed and thread count.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>What LightGBM gets as the Hessian; the loss's own second derivative floored at 1e-6 by default.</summary>
    public Curvature Curvature { get; init; } = Curvature.Exact();

    /// <summary>
    /// The raw score every element starts from. Null (the default) on one machine: the constant prediction that
    /// minimizes the (weighted) loss on the training set, as LightGBM's own objectives boost from the average. A
    /// distributed run starts from 0 unless this is set, since each machine sees only its shard.
    /// </summary>
    public double? InitialScore { get; init; }

    /// <summary>Further LightGBM parameters, <c>key=value</c> separated by spaces (e.g. <c>max_bin=63 feature_fraction=0.8</c>).</summary>
    public string ExtraParameters { get; init; } = "";

    /// <summary>The network of a data-parallel run across machines (<see cref="LightGbmNetwork.Join"/>); null for one machine.</summary>
    public LightGbmNetwork? Network { get; init; }

    /// <summary>The booster's parameter string.</summary>
    internal string ToParameters()
    {
        if (Rounds <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Rounds), Rounds, "At least one boosting round is needed.");
        }

        if (!(LearningRate > 0) || !double.IsFinite(LearningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "The learning rate must be a positive finite number.");
        }

        if (Leaves < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(Leaves), Leaves, "A tree needs at least 2 leaves.");
        }

        var text = new StringBuilder();
        void Add(string key, object value) => text.Append(key).Append('=').Append(Convert.ToString(value, CultureInfo.InvariantCulture)).Append(' ');
        // objective=none: the gradients and Hessians come from LossGen, LightGBM computes no objective of its own.
        Add("objective", "none");
        Add("learning_rate", LearningRate);
        Add("num_leaves", Leaves);
        Add("min_data_in_leaf", MinDataInLeaf);
        Add("min_sum_hessian_in_leaf", MinHessianInLeaf);
        Add("lambda_l2", L2);
        Add("num_threads", Threads);
        Add("seed", Seed);
        Add("deterministic", "true");
        Add("force_row_wise", "true");
        Add("verbosity", -1);
        Add("metric", "none");
        if (Network is not null)
        {
            Add("tree_learner", "data");
            Add("num_machines", Network.Machines);
            Add("pre_partition", "true");
        }

        return (text + ExtraParameters).Trim();
    }
}
