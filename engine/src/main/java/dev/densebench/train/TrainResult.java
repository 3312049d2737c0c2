package dev.densebench.train;

import dev.densebench.nn.Network;
import java.util.List;

/**
 * The outcome of {@link Trainer#fit}: every completed epoch's statistics, the epoch with the
 * best validation accuracy, the validation and test figures of the weights training ended with
 * (the best epoch's when early stopping restored them), and how it ended: {@code completed},
 * {@code stopped-early}, or {@code diverged} at {@code divergedEpoch}, {@code divergedBatch}
 * (1-based; 0 otherwise), when a batch's loss was not finite.
 */
public record TrainResult(List<EpochStats> epochs, int bestEpoch, boolean stoppedEarly,
                          Network.Evaluation finalValidation, Network.Evaluation finalTest,
                          String status, int divergedEpoch, int divergedBatch) {

    public static final String COMPLETED = "completed";
    public static final String STOPPED_EARLY = "stopped-early";
    public static final String DIVERGED = "diverged";

    public boolean diverged() {
        return DIVERGED.equals(status);
    }
}
