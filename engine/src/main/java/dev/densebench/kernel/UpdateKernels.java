package dev.densebench.kernel;

/**
 * The element-wise parameter updates of the optimizers and regularizers, in place over the
 * index range [from, to) (so that workers can share one parameter). Conventions follow PyTorch's, so published learning rates carry over.
 * Two implementations: {@link ScalarUpdateKernels} (reference) and {@link VectorUpdateKernels}.
 */
public interface UpdateKernels {

    /** Plain SGD: w ← w − η·g. */
    void sgdStep(int from, int to, float[] w, float[] g, float lr);

    /**
     * The weight penalties, before an optimizer's own update: g ← g + λ₂·w (L2 on the loss),
     * then w ← shrink·w (decoupled weight decay, shrink = 1 − η·λ).
     */
    void weightPenalty(int from, int to, float[] w, float[] g, float l2, float shrink);

    /**
     * Heavy-ball momentum: v ← μ·v + g; w ← w − η·v. With {@code nesterov}, the look-ahead
     * form w ← w − η·(g + μ·v) (Sutskever et al. 2013, as in PyTorch).
     */
    void momentumStep(int from, int to, float[] w, float[] g, float[] v, float lr, float mu, boolean nesterov);

    /** RMSProp: s ← ρ·s + (1 − ρ)·g²; w ← w − η·g / (√s + ε). */
    void rmspropStep(int from, int to, float[] w, float[] g, float[] s, float lr, float rho, float eps);

    /**
     * Adam with bias correction: m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²;
     * w ← w − η·(m / c₁) / (√(v / c₂) + ε), where c₁ = 1 − β₁ᵗ and c₂ = 1 − β₂ᵗ.
     */
    void adamStep(int from, int to, float[] w, float[] g, float[] m, float[] v, float lr, float beta1, float beta2,
                  float eps, float correction1, float correction2);

    /** Adagrad: s ← s + g²; w ← w − η·g / (√s + ε). */
    void adagradStep(int from, int to, float[] w, float[] g, float[] s, float lr, float eps);

    /** out[i] = a[i] · b[i] (dropout masks, forward and backward). out may alias a or b. */
    void multiply(int n, float[] a, float[] b, float[] out);

    /**
     * Max-norm constraint on the columns of a rows × cols row-major matrix (column j holds the
     * incoming weights of unit j): where ‖w_·j‖₂ &gt; c, scale the column by c / ‖w_·j‖₂.
     * {@code scratch} holds at least cols floats.
     */
    void maxNormColumns(int rows, int cols, float[] w, float maxNorm, float[] scratch);
}
