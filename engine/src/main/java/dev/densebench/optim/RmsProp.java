package dev.densebench.optim;

import dev.densebench.kernel.Kernels;
import dev.densebench.nn.Param;
import java.util.List;

/** RMSProp (Hinton 2012): s ← ρs + (1−ρ)g², w ← w − η·g / (√s + ε). */
public final class RmsProp extends AbstractOptimizer {
    private final float rho;
    private final float eps;
    private final float[][] meanSquare;

    public RmsProp(Kernels kernels, List<Param> params, float lr, float rho, float eps, float l2, float weightDecay) {
        super(kernels, params, lr, l2, weightDecay);
        this.rho = rho;
        this.eps = eps;
        this.meanSquare = stateLike("meanSquare");
    }

    @Override
    public String name() {
        return "rmsprop";
    }

    @Override
    protected void update(int index, Param p, int from, int to) {
        updates.rmspropStep(from, to, p.value(), p.grad(), meanSquare[index], lr, rho, eps);
    }
}
