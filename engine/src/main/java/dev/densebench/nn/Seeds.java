package dev.densebench.nn;

import java.util.SplittableRandom;

/**
 * One seed drives everything, with a separate stream per purpose, so that (for example)
 * switching dropout on does not change the initial weights or the shuffling order.
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
}
