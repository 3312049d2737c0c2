package dev.densebench.random;

import java.util.SplittableRandom;

/**
 * One seed drives everything, with a separate stream per purpose, so that (for example)
 * switching dropout on does not change the initial weights or the shuffling order. In a package
 * of its own because the data split and the network both draw from it.
 */
public enum Seeds {
    INIT, SHUFFLE, SPLIT, DROPOUT, AUGMENT;

    /** The stream for this purpose: SplittableRandom over a SplitMix64-style mix of seed and purpose. */
    public SplittableRandom stream(long seed) {
        long z = seed * 0x9E3779B97F4A7C15L + (ordinal() + 1) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return new SplittableRandom(z ^ (z >>> 31));
    }

    /**
     * The stream for this purpose in one epoch (1-based). Training draws its shuffling, dropout
     * masks and augmentation from per-epoch streams, so a run resumed at an epoch boundary needs
     * only the epoch number to draw exactly what the uninterrupted run drew.
     */
    public SplittableRandom stream(long seed, int epoch) {
        long z = stream(seed).nextLong() + epoch * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return new SplittableRandom(z ^ (z >>> 31));
    }

    /**
     * Fisher–Yates, in place: for i from n−1 down to 1, swap p[i] with p[j], j uniform in [0, i].
     * The one shuffle of the project (the validation split and every epoch's order), so both
     * draw the same sequence from their streams.
     */
    public static void shuffleInPlace(int[] p, SplittableRandom rng) {
        for (int i = p.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
    }
}
