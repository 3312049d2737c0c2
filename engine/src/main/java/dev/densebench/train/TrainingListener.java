package dev.densebench.train;

/** Progress callbacks of a {@link Trainer}; the command line draws its progress bar from them. */
public interface TrainingListener {
    default void onStart(int epochs, int batchesPerEpoch) {
    }

    /** After each training batch (1-based {@code batch} within the epoch). */
    default void onBatch(int epoch, int batch, double meanLossSoFar) {
    }

    default void onEpoch(EpochStats stats) {
    }

    TrainingListener NONE = new TrainingListener() {
    };
}
