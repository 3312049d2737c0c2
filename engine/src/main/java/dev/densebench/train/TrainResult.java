package dev.densebench.train;

import dev.densebench.nn.Network;
import java.util.List;

/**
 * The outcome of {@link Trainer#fit}: every epoch's statistics, the epoch with the best
 * validation accuracy, and the validation and test figures of the weights training ended
 * with (the best epoch's when early stopping restored them).
 */
public record TrainResult(List<EpochStats> epochs, int bestEpoch, boolean stoppedEarly,
                          Network.Evaluation finalValidation, Network.Evaluation finalTest) {
}
