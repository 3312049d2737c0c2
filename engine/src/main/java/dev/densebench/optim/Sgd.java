package dev.densebench.optim;

import dev.densebench.kernel.Kernels;
import dev.densebench.nn.Param;
import java.util.List;

/** Plain stochastic gradient descent: w ← w − η·g, one axpy kernel per parameter. */
public final class Sgd implements Optimizer {
    private final Kernels kernels;
    private final List<Param> params;
    private float lr;

    public Sgd(Kernels kernels, List<Param> params, float lr) {
        this.kernels = kernels;
        this.params = params;
        this.lr = lr;
    }

    @Override
    public String name() {
        return "sgd";
    }

    @Override
    public void step() {
        for (int i = 0, n = params.size(); i < n; i++) {
            Param p = params.get(i);
            kernels.axpy(p.size(), -lr, p.grad(), p.value());
        }
    }

    @Override
    public float learningRate() {
        return lr;
    }

    @Override
    public void setLearningRate(float lr) {
        this.lr = lr;
    }
}
