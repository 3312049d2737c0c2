package dev.densebench.optim;

import dev.densebench.kernel.Kernels;
import dev.densebench.kernel.UpdateKernels;
import dev.densebench.kernel.WorkerPool;
import dev.densebench.nn.Param;
import java.util.List;

/**
 * What every optimizer shares: the parameter list, the step counter, the learning rate, and
 * the two weight penalties, which are different things (Loshchilov &amp; Hutter 2019):
 * <ul>
 *   <li>L2 ({@code l2} = λ) is added to the gradient before the update: g ← g + λ·w. With an
 *       adaptive optimizer the penalty is rescaled per coordinate like any gradient.</li>
 *   <li>Decoupled weight decay ({@code weightDecay} = λ) shrinks the weights directly, scaled
 *       by the learning rate: w ← w·(1 − η·λ), then the optimizer's own update. Adam with it is
 *       AdamW.</li>
 * </ul>
 * Both apply only to parameters marked {@link Param#decay()} (weights, not biases).
 */
public abstract class AbstractOptimizer implements Optimizer {
    protected final Kernels kernels;
    protected final UpdateKernels updates;
    protected final List<Param> params;
    private final float l2;
    private final float weightDecay;
    protected float lr;
    /** Steps taken so far, including the one in progress (1-based inside {@link #update}). */
    protected long step;
    private final WorkerPool.Task updateTask = this::updateShare;
    private final java.util.Map<String, float[]> state = new java.util.LinkedHashMap<>();

    protected AbstractOptimizer(Kernels kernels, List<Param> params, float lr, float l2, float weightDecay) {
        this.kernels = kernels;
        this.updates = kernels.updates();
        this.params = params;
        this.lr = lr;
        this.l2 = l2;
        this.weightDecay = weightDecay;
    }

    @Override
    public final void step() {
        step++;
        beforeUpdates();
        kernels.pool().run(updateTask);
    }

    /**
     * Worker {@code worker} of {@code workers} updates its contiguous slice of every parameter:
     * the updates are element-wise, so the split changes no result.
     */
    private void updateShare(int worker, int workers) {
        for (int i = 0, n = params.size(); i < n; i++) {
            Param p = params.get(i);
            int from = (int) ((long) p.size() * worker / workers);
            int to = (int) ((long) p.size() * (worker + 1) / workers);
            if (from == to) continue;
            if (p.decay() && (l2 != 0f || weightDecay != 0f)) {
                updates.weightPenalty(from, to, p.value(), p.grad(), l2, 1f - lr * weightDecay);
            }
            update(i, p, from, to);
        }
    }


    /** Per-step work shared by all parameters (Adam's bias corrections). */
    protected void beforeUpdates() {
    }

    /** Applies this optimizer's rule to elements [from, to) of parameter {@code index}, whose gradient is final. */
    protected abstract void update(int index, Param p, int from, int to);

    /** One zeroed state buffer per parameter, allocated once, named {@code name.i} in {@link #state()}. */
    protected final float[][] stateLike(String name) {
        float[][] s = new float[params.size()][];
        for (int i = 0; i < s.length; i++) {
            s[i] = new float[params.get(i).size()];
            state.put(name + "." + i, s[i]);
        }
        return s;
    }

    @Override
    public final long steps() {
        return step;
    }

    @Override
    public final java.util.Map<String, float[]> state() {
        return java.util.Collections.unmodifiableMap(state);
    }

    @Override
    public final void resumeAt(long steps) {
        if (steps < 0) throw new IllegalArgumentException("step count must be >= 0, got " + steps);
        this.step = steps;
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
