using System;
using System.Collections.Generic;
using System.Linq;
using LossGen.LightGbm.Worker;
using Xunit;

namespace LossGen.LightGbm.Tests;

/// <summary>Training LightGBM with LossGen losses on one machine: it learns, it agrees with LightGBM's own objective where they coincide, and failures are clear.</summary>
public class BoosterTests
{
    private static readonly SyntheticData Data = SyntheticData.Create();

    private static readonly int[] AllRows = Enumerable.Range(0, Data.TrainingRows).ToArray();

    [Fact]
    public void A_few_rounds_lower_the_training_and_validation_loss()
    {
        using var training = Training();
        using var validation = LightGbmDataset.FromRows(Data.TestFeatures, Data.TestRows, SyntheticData.Columns, Data.TestLabels, reference: training);
        var rounds = new List<BoostingRound>();
        using var booster = LightGbmBooster.Train(new Losses.MeanSquaredErrorLoss<double>(), training, SyntheticData.Options with { Rounds = 10 }, validation, rounds.Add);

        Assert.Equal(10, rounds.Count);
        Assert.Equal(Enumerable.Range(1, 10), rounds.Select(r => r.Round));
        Assert.All(rounds.Zip(rounds.Skip(1)), pair => Assert.True(pair.Second.TrainingLoss < pair.First.TrainingLoss, $"round {pair.Second.Round} did not lower the loss"));
        Assert.True(rounds[^1].ValidationLoss < 0.5 * rounds[0].ValidationLoss, $"validation {rounds[0].ValidationLoss} → {rounds[^1].ValidationLoss}");
        Assert.Equal(10, booster.Iterations);
    }

    [Fact]
    public void A_loss_whose_Hessian_vanishes_needs_the_floor_it_is_given()
    {
        // log cosh'' = 1 − tanh² r is ~1e-17 at an outlier's residual of 20: with the default floor a leaf of outliers
        // takes a Newton step of thousands; a floor of 0.1 bounds it.
        using var training = Training();
        double Final(Curvature curvature)
        {
            var rounds = new List<BoostingRound>();
            using var booster = LightGbmBooster.Train(new Losses.LogCoshLoss<double>(), training, SyntheticData.Options with { Rounds = 10, Curvature = curvature }, progress: rounds.Add);
            return rounds[^1].TrainingLoss;
        }

        var initial = new Losses.LogCoshLoss<double>().Value(
            Data.TrainingLabels(AllRows).Select(_ => Data.TrainingLabels(AllRows).Average(l => (double)l)).ToArray(),
            Data.TrainingLabels(AllRows).Select(l => (double)l).ToArray());
        Assert.True(Final(Curvature.Exact(0.1)) < 0.7 * initial, $"floored at 0.1: {Final(Curvature.Exact(0.1))} from {initial}");
        Assert.True(Final(Curvature.Exact()) > initial, "the default floor was expected to overshoot here; if it no longer does, this test's premise is gone");
    }

    [Fact]
    public void Mean_squared_error_from_LossGen_grows_the_trees_of_LightGBMs_own_l2_objective_with_weights_too()
    {
        // 2(p − y) and 2 against LightGBM's (p − y) and 1: every leaf value −Σg/Σh is the same, and both start from the
        // (weighted) mean label.
        var weights = AllRows.Select(i => (float)(0.5 + i % 3)).ToArray();
        foreach (var w in new[] { Array.Empty<float>(), weights })
        {
            using var training = Training(w);
            var options = SyntheticData.Options with { Rounds = 15, Curvature = Curvature.Exact() };
            using var lossGen = LightGbmBooster.Train(new Losses.MeanSquaredErrorLoss<double>(), training, options);
            using var builtIn = LightGbmBooster.TrainBuiltIn("regression", training, options);
            var ours = lossGen.PredictRaw(Data.TestFeatures, Data.TestRows);
            var theirs = builtIn.PredictRaw(Data.TestFeatures, Data.TestRows);
            for (var i = 0; i < ours.Length; i++)
            {
                Assert.True(Math.Abs(ours[i] - theirs[i]) <= 1e-5 * Math.Max(1, Math.Abs(theirs[i])), $"weights: {w.Length > 0}, row {i}: LossGen {ours[i]:R}, LightGBM {theirs[i]:R}");
            }
        }
    }

    [Fact]
    public void The_initial_score_is_the_constant_minimizing_the_loss()
    {
        using var training = Training();
        using var mse = LightGbmBooster.Train(new Losses.MeanSquaredErrorLoss<double>(), training, SyntheticData.Options with { Rounds = 1 });
        Assert.Equal(Data.TrainingLabels(AllRows).Average(l => (double)l), mse.InitialScore, 9);

        var labels = Data.TrainingLabels(AllRows).Order().ToArray();
        using var median = LightGbmBooster.Train(new Losses.QuantileLoss<double>(tau: 0.5), training, SyntheticData.Options with { Rounds = 1 });
        Assert.InRange(median.InitialScore, labels[labels.Length / 2 - 1] - 1e-9, labels[labels.Length / 2] + 1e-9);
    }

    [Fact]
    public void Training_is_deterministic()
    {
        double[] Run()
        {
            using var training = Training();
            using var booster = LightGbmBooster.Train(new Losses.HuberLoss<float>(delta: 1f), training, SyntheticData.Options);
            return booster.PredictRaw(Data.TestFeatures, Data.TestRows);
        }

        Assert.Equal(Run(), Run());
    }

    [Fact]
    public void Hinge_trains_with_a_Hessian_floor_or_a_constant_curvature()
    {
        var labels = Data.TrainingLabels(AllRows).Select(l => l > 1 ? 1f : -1f).ToArray();
        var testLabels = Data.TestLabels.Select(l => l > 1 ? 1f : -1f).ToArray();
        using var training = LightGbmDataset.FromRows(Data.TrainingFeatures(AllRows), Data.TrainingRows, SyntheticData.Columns, labels);
        foreach (var curvature in new[] { Curvature.Exact(1e-3), Curvature.Constant(1) })
        {
            using var booster = LightGbmBooster.Train(new Losses.HingeLoss<double>(), training, SyntheticData.Options with { Curvature = curvature });
            var scores = booster.PredictRaw(Data.TestFeatures, Data.TestRows);
            var accuracy = scores.Zip(testLabels, (s, y) => Math.Sign(s) == Math.Sign(y) ? 1.0 : 0.0).Average();
            var majority = Math.Max(testLabels.Count(y => y > 0), testLabels.Count(y => y < 0)) / (double)testLabels.Length;
            Assert.True(accuracy > majority + 0.1, $"{curvature}: accuracy {accuracy:F3}, majority class {majority:F3}");
        }
    }

    [Fact]
    public void A_failed_native_call_throws_with_LightGBMs_message()
    {
        using var training = Training();
        var error = Assert.Throws<LightGbmException>(() => LightGbmBooster.Train(
            new Losses.MeanSquaredErrorLoss<double>(), training, SyntheticData.Options with { ExtraParameters = "boosting=no_such_boosting" }));
        Assert.Equal("LGBM_BoosterCreate", error.Call);
        Assert.Contains("no_such_boosting", error.NativeMessage, StringComparison.Ordinal);

        var unknown = Assert.Throws<LightGbmException>(() => LightGbmBooster.TrainBuiltIn("no_such_objective", training));
        Assert.Contains("no_such_objective", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_non_finite_gradient_is_reported_with_its_element_and_round()
    {
        var labels = Data.TrainingLabels(AllRows);
        labels[7] = float.NaN;
        using var training = LightGbmDataset.FromRows(Data.TrainingFeatures(AllRows), Data.TrainingRows, SyntheticData.Columns, labels);
        var error = Assert.Throws<InvalidOperationException>(() =>
            LightGbmBooster.Train(new Losses.MeanSquaredErrorLoss<double>(), training, SyntheticData.Options with { InitialScore = 0 }));
        Assert.Contains("element 7", error.Message, StringComparison.Ordinal);
        Assert.Contains("round 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_arguments_are_named()
    {
        var features = new float[8];
        Assert.Equal("features", Assert.Throws<ArgumentException>(() => LightGbmDataset.FromRows(features, 3, 2, new float[3])).ParamName);
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => LightGbmDataset.FromRows(features, 4, 2, new float[3])).ParamName);
        Assert.Equal("weights", Assert.Throws<ArgumentException>(() => LightGbmDataset.FromRows(features, 4, 2, new float[4], new float[2])).ParamName);
        Assert.Equal("rows", Assert.Throws<ArgumentOutOfRangeException>(() => LightGbmDataset.FromRows(features, 0, 2, new float[0])).ParamName);
        Assert.Equal("floor", Assert.Throws<ArgumentOutOfRangeException>(() => Curvature.Exact(0)).ParamName);
        Assert.Equal("value", Assert.Throws<ArgumentOutOfRangeException>(() => Curvature.Constant(double.NaN)).ParamName);
        using var training = Training();
        Assert.Equal("loss", Assert.Throws<ArgumentNullException>(() => LightGbmBooster.Train<double>(null!, training)).ParamName);
        Assert.Equal("Rounds", Assert.Throws<ArgumentOutOfRangeException>(() =>
            LightGbmBooster.Train(new Losses.MeanSquaredErrorLoss<double>(), training, new LightGbmOptions { Rounds = 0 })).ParamName);
    }

    private static LightGbmDataset Training(float[]? weights = null) =>
        LightGbmDataset.FromRows(Data.TrainingFeatures(AllRows), Data.TrainingRows, SyntheticData.Columns, Data.TrainingLabels(AllRows), weights ?? Array.Empty<float>(), parameters: SyntheticData.DatasetParameters);
}
