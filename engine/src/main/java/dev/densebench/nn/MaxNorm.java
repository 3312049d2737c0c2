package dev.densebench.nn;

import dev.densebench.kernel.Kernels;
import java.util.ArrayList;
import java.util.List;

/**
 * Max-norm constraint (Srebro &amp; Shraibman 2005; used with dropout by Srivastava et al. 2014):
 * after each update, every unit's incoming weight vector — a column of a Dense layer's
 * W[I×O] — is projected back onto the ball ‖w‖₂ ≤ c.
 */
public final class MaxNorm {
    private final Kernels kernels;
    private final float maxNorm;
    private final List<Dense> layers = new ArrayList<>();
    private final float[] scratch;

    public MaxNorm(Kernels kernels, Network network, float maxNorm) {
        if (!(maxNorm > 0f)) throw new IllegalArgumentException("max-norm must be positive, got " + maxNorm);
        this.kernels = kernels;
        this.maxNorm = maxNorm;
        int widest = 1;
        for (Layer l : network.layers()) {
            if (l instanceof Dense d) {
                layers.add(d);
                widest = Math.max(widest, d.outputSize());
            }
        }
        this.scratch = new float[widest];
    }

    /** Projects every Dense layer's columns; allocates nothing. */
    public void apply() {
        for (int i = 0, n = layers.size(); i < n; i++) {
            Dense d = layers.get(i);
            kernels.updates().maxNormColumns(d.inputSize(), d.outputSize(), d.weight(), maxNorm, scratch);
        }
    }
}
