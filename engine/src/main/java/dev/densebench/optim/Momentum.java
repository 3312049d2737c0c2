package dev.densebench.optim;

import dev.densebench.kernel.Kernels;
import dev.densebench.nn.Param;
import java.util.List;

/**
 * SGD with momentum. Heavy ball (Polyak): v ← μv + g, w ← w − ηv. Nesterov's look-ahead
 * (Sutskever et al. 2013, PyTorch's form): v ← μv + g, w ← w − η(g + μv) — the gradient is
 * applied as if taken after the momentum step.
 */
public final class Momentum extends AbstractOptimizer {
    private final float mu;
    private final boolean nesterov;
    private final float[][] velocity;

    public Momentum(Kernels kernels, List<Param> params, float lr, float mu, boolean nesterov, float l2, float weightDecay) {
        super(kernels, params, lr, l2, weightDecay);
        this.mu = mu;
        this.nesterov = nesterov;
        this.velocity = stateLike("velocity");
    }

    @Override
    public String name() {
        return nesterov ? "nesterov" : "momentum";
    }

    @Override
    protected void update(int index, Param p, int from, int to) {
        updates.momentumStep(from, to, p.value(), p.grad(), velocity[index], lr, mu, nesterov);
    }
}
