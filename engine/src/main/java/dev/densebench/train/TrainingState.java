package dev.densebench.train;

import java.util.List;
import java.util.Map;

/**
 * Everything a run needs to continue after {@code epochsDone} epochs exactly as if it had never
 * stopped: the tensors (weights {@code param/NAME}, optimizer state {@code optim/NAME}, the
 * early-stopping snapshot {@code best/NAME}), the optimizer's step count, the history so far
 * and the bookkeeping of {@link Trainer#fit}. Random streams need no state: each epoch draws
 * from streams derived from the seed and the epoch number ({@link dev.densebench.random.Seeds}),
 * and the schedule is a function of the epoch. Tensors are copies, not the live arrays.
 *
 * @param finished true when early stopping had fired: a resume only restores the best weights
 */
public record TrainingState(int epochsDone, List<EpochStats> history, long optimizerSteps, int bestEpoch,
                            double bestValAccuracy, boolean finished, EarlyStopping.Snapshot earlyStopping,
                            Map<String, float[]> tensors) {
    public TrainingState {
        history = List.copyOf(history);
        if (epochsDone != history.size()) {
            throw new IllegalArgumentException("training state: " + epochsDone + " epochs done but " + history.size() + " in its history");
        }
    }

    /** Writes a checkpoint; called by {@link Trainer#fit} after every chosen epoch. */
    @FunctionalInterface
    public interface Sink {
        void save(TrainingState state) throws java.io.IOException;
    }
}
