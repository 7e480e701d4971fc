using System;
using System.Linq;
using System.Diagnostics;
using LossGen;

// A bag-of-words topic classifier trained with the generated softmax cross-entropy gradient: synthetic documents of
// 8 topics over a 2 000-word vocabulary, 15% of the training labels flipped at random, a linear softmax model trained
// by mini-batch SGD. It trains twice, without and with label smoothing, and reports held-out accuracy on clean labels
// and the mean confidence (the largest softmax probability), which label smoothing pulls down.
const int Topics = 8;
const int Vocabulary = 2_000;
const int WordsPerDocument = 12;
const int Epochs = 30;
const int BatchSize = 64;
const float LearningRate = 40f;

var random = new Random(42);
var (trainX, trainY) = Documents(6_000, random, labelNoise: 0.15);
var (testX, testY) = Documents(2_000, random, labelNoise: 0);
Console.WriteLine($"{trainY.Length} training documents (15% of labels flipped), {testY.Length} held out; {Topics} topics, {Vocabulary} words.");

foreach (var smoothing in new[] { 0f, 0.1f })
{
    var stopwatch = Stopwatch.StartNew();
    var loss = new Losses.SoftmaxCrossEntropyLoss<float>(labelSmoothing: smoothing);
    var (weights, lastLoss) = Train(loss, trainX, trainY, new Random(7));
    var (accuracy, confidence) = Evaluate(weights, testX, testY);
    Console.WriteLine($"label smoothing {smoothing:0.0}: final training loss {lastLoss:F4}, held-out accuracy {accuracy:P1}, mean confidence {confidence:P1} ({stopwatch.ElapsedMilliseconds} ms)");
}

// Documents as normalized word counts: each word from its topic's 60 favourite words with probability 0.6, else from
// the whole vocabulary. Topics share no favourite words.
static (float[][] Features, int[] Labels) Documents(int count, Random random, double labelNoise)
{
    var features = new float[count][];
    var labels = new int[count];
    for (var d = 0; d < count; d++)
    {
        var topic = random.Next(Topics);
        var x = new float[Vocabulary];
        for (var w = 0; w < WordsPerDocument; w++)
        {
            var word = random.NextDouble() < 0.3 ? topic * 40 + (int)(80 * Math.Pow(random.NextDouble(), 2)) : random.Next(Vocabulary);
            x[word] += 1f / WordsPerDocument;
        }

        features[d] = x;
        labels[d] = random.NextDouble() < labelNoise ? random.Next(Topics) : topic;
    }

    return (features, labels);
}

static (float[] Weights, float Loss) Train(Losses.SoftmaxCrossEntropyLoss<float> loss, float[][] x, int[] y, Random random)
{
    var weights = new float[Vocabulary * Topics];
    var logits = new float[BatchSize * Topics];
    var gradient = new float[BatchSize * Topics];
    var order = Enumerable.Range(0, y.Length).ToArray();
    var batchLabels = new int[BatchSize];
    var last = 0f;
    for (var epoch = 0; epoch < Epochs; epoch++)
    {
        random.Shuffle(order);
        var total = 0.0;
        for (var start = 0; start + BatchSize <= order.Length; start += BatchSize)
        {
            for (var b = 0; b < BatchSize; b++)
            {
                batchLabels[b] = y[order[start + b]];
                Logits(weights, x[order[start + b]], logits.AsSpan(b * Topics, Topics));
            }

            // The mean loss of the batch and ∂(mean)/∂logits, in one pass over each row.
            total += loss.ValueAndGradient(logits, batchLabels, Topics, gradient);

            // Back through the linear model: ∂/∂W[v, k] = Σ_b x_b[v] · gradient[b, k].
            for (var b = 0; b < BatchSize; b++)
            {
                var features = x[order[start + b]];
                for (var v = 0; v < Vocabulary; v++)
                {
                    if (features[v] == 0)
                    {
                        continue;
                    }

                    var row = weights.AsSpan(v * Topics, Topics);
                    for (var k = 0; k < Topics; k++)
                    {
                        row[k] -= LearningRate * features[v] * gradient[b * Topics + k];
                    }
                }
            }
        }

        last = (float)(total / (order.Length / BatchSize));
    }

    return (weights, last);
}

static void Logits(float[] weights, float[] features, Span<float> logits)
{
    logits.Clear();
    for (var v = 0; v < Vocabulary; v++)
    {
        if (features[v] == 0)
        {
            continue;
        }

        var row = weights.AsSpan(v * Topics, Topics);
        for (var k = 0; k < Topics; k++)
        {
            logits[k] += features[v] * row[k];
        }
    }
}

static (double Accuracy, double Confidence) Evaluate(float[] weights, float[][] x, int[] y)
{
    var logits = new float[Topics];
    var correct = 0;
    var confidence = 0.0;
    for (var d = 0; d < y.Length; d++)
    {
        Logits(weights, x[d], logits);
        var max = logits.Max();
        correct += Array.IndexOf(logits, max) == y[d] ? 1 : 0;
        confidence += Math.Exp(max - LossMath.LogSumExp<float>(logits));
    }

    return ((double)correct / y.Length, confidence / y.Length);
}
