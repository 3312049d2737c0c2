package dev.densebench.optim;

import dev.densebench.kernel.Kernels;
import dev.densebench.nn.Param;
import java.util.List;

/**
 * Adam (Kingma &amp; Ba 2015) with bias correction: m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g²,
 * w ← w − η·(m/(1−β₁ᵗ)) / (√(v/(1−β₂ᵗ)) + ε). With decoupled weight decay (inherited from
 * {@link AbstractOptimizer}) it is AdamW (Loshchilov &amp; Hutter 2019); with {@code l2} it is
 * Adam on an L2-penalised loss, which is not the same thing.
 */
public final class Adam extends AbstractOptimizer {
    private final String name;
    private final float beta1;
    private final float beta2;
    private final float eps;
    private final float[][] m;
    private final float[][] v;
    private float correction1;
    private float correction2;

    public Adam(String name, Kernels kernels, List<Param> params, float lr, float beta1, float beta2, float eps,
                float l2, float weightDecay) {
        super(kernels, params, lr, l2, weightDecay);
        this.name = name;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.m = stateLike("m");
        this.v = stateLike("v");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    protected void beforeUpdates() {
        // In double: β₂ᵗ with β₂ = 0.999 stays accurate for millions of steps.
        correction1 = (float) (1 - Math.pow(beta1, step));
        correction2 = (float) (1 - Math.pow(beta2, step));
    }

    @Override
    protected void update(int index, Param p, int from, int to) {
        updates.adamStep(from, to, p.value(), p.grad(), m[index], v[index], lr, beta1, beta2, eps, correction1, correction2);
    }
}
