package dev.densebench.train;

/**
 * What one epoch measured. Train loss/accuracy are averaged over the epoch's batches as they
 * were trained (the usual running figure); validation and test are full passes afterwards.
 * {@code seconds} is the wall time of the training batches alone; {@code evalSeconds} that of
 * the two evaluation passes.
 */
public record EpochStats(int epoch, double trainLoss, double trainAccuracy,
                         double valLoss, double valAccuracy, double testLoss, double testAccuracy,
                         double seconds, double samplesPerSecond, double evalSeconds, float learningRate) {
}
