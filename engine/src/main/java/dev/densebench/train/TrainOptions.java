package dev.densebench.train;

import dev.densebench.augment.AugmentSpec;

/**
 * How to train, beyond the network and the optimizer: batch size, seed, learning-rate
 * schedule, early-stopping patience (0: off), max-norm bound (0: off), image augmentation.
 */
public record TrainOptions(int batchSize, long seed, Schedule schedule, int earlyStopPatience, float maxNorm,
                           AugmentSpec augment) {
    public TrainOptions {
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        if (earlyStopPatience < 0) throw new IllegalArgumentException("early-stop patience must be >= 0, got " + earlyStopPatience);
        if (!(maxNorm >= 0f)) throw new IllegalArgumentException("max-norm must be >= 0, got " + maxNorm);
    }

    /** Plain training: constant rate, no early stopping, no max-norm, no augmentation. */
    public static TrainOptions basic(int batchSize, long seed) {
        return new TrainOptions(batchSize, seed, Schedule.constant(), 0, 0f, AugmentSpec.none());
    }
}
