package dev.densebench.optim;

import dev.densebench.kernel.Kernels;
import dev.densebench.nn.Param;
import java.util.List;

/** Adagrad (Duchi et al. 2011): s ← s + g², w ← w − η·g / (√s + ε). */
public final class Adagrad extends AbstractOptimizer {
    private final float eps;
    private final float[][] sumSquares;

    public Adagrad(Kernels kernels, List<Param> params, float lr, float eps, float l2, float weightDecay) {
        super(kernels, params, lr, l2, weightDecay);
        this.eps = eps;
        this.sumSquares = stateLike("sumSquares");
    }

    @Override
    public String name() {
        return "adagrad";
    }

    @Override
    protected void update(int index, Param p, int from, int to) {
        updates.adagradStep(from, to, p.value(), p.grad(), sumSquares[index], lr, eps);
    }
}
