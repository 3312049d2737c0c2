package dev.densebench.train;

import dev.densebench.nn.Param;
import java.util.List;

/**
 * Early stopping on the validation split: keeps a copy of the weights from the epoch with the
 * best validation accuracy (ties: lower validation loss), and says stop once {@code patience}
 * epochs have passed without improvement. {@link #restoreBest()} puts the best weights back.
 * The snapshot buffers are allocated once.
 */
public final class EarlyStopping {
    private final int patience;
    private final List<Param> params;
    private final float[][] best;
    private int bestEpoch;
    private double bestAccuracy = Double.NEGATIVE_INFINITY;
    private double bestLoss = Double.POSITIVE_INFINITY;

    public EarlyStopping(int patience, List<Param> params) {
        if (patience < 1) throw new IllegalArgumentException("early-stopping patience must be >= 1 epoch, got " + patience);
        this.patience = patience;
        this.params = params;
        this.best = new float[params.size()][];
        for (int i = 0; i < best.length; i++) best[i] = new float[params.get(i).size()];
    }

    /** Records the epoch's validation result; returns true when training should stop. */
    public boolean update(int epoch, double valAccuracy, double valLoss) {
        if (valAccuracy > bestAccuracy || (valAccuracy == bestAccuracy && valLoss < bestLoss)) {
            bestAccuracy = valAccuracy;
            bestLoss = valLoss;
            bestEpoch = epoch;
            for (int i = 0; i < best.length; i++) {
                System.arraycopy(params.get(i).value(), 0, best[i], 0, best[i].length);
            }
        }
        return epoch - bestEpoch >= patience;
    }

    public void restoreBest() {
        if (bestEpoch == 0) return;
        for (int i = 0; i < best.length; i++) {
            System.arraycopy(best[i], 0, params.get(i).value(), 0, best[i].length);
        }
    }

    public int bestEpoch() {
        return bestEpoch;
    }

    /** The scalars of the state; the snapshot tensors are {@link #bestWeights()}. */
    public record Snapshot(int bestEpoch, double bestAccuracy, double bestLoss) {
    }

    public Snapshot snapshot() {
        return new Snapshot(bestEpoch, bestAccuracy, bestLoss);
    }

    /** The live snapshot buffers, one per parameter in the network's order. */
    public float[][] bestWeights() {
        return best;
    }

    /** Continues from a saved state (the buffers are restored through {@link #bestWeights()}). */
    public void restore(Snapshot s) {
        bestEpoch = s.bestEpoch();
        bestAccuracy = s.bestAccuracy();
        bestLoss = s.bestLoss();
    }
}
