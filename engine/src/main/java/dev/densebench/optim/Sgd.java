package dev.densebench.optim;

import dev.densebench.kernel.Kernels;
import dev.densebench.nn.Param;
import java.util.List;

/** Plain stochastic gradient descent: w ← w − η·g, one update kernel per parameter. */
public final class Sgd extends AbstractOptimizer {

    public Sgd(Kernels kernels, List<Param> params, float lr, float l2, float weightDecay) {
        super(kernels, params, lr, l2, weightDecay);
    }

    @Override
    public String name() {
        return "sgd";
    }

    @Override
    protected void update(int index, Param p, int from, int to) {
        updates.sgdStep(from, to, p.value(), p.grad(), lr);
    }
}
