namespace LossGen.LightGbm;

/// <summary>Progress after one boosting round: the loss (mean, weighted where the set has weights) on the training and validation sets.</summary>
/// <param name="Round">The round just done, from 1.</param>
/// <param name="TrainingLoss">The loss on the training set (this machine's shard in a distributed run).</param>
/// <param name="ValidationLoss">The loss on the validation set; null without one.</param>
public readonly record struct BoostingRound(int Round, double TrainingLoss, double? ValidationLoss);
