package dev.densebench.kernel;

/**
 * Every numeric inner loop of densebench, behind one interface with two implementations:
 * {@link ScalarKernels} (the reference: plain loops, obviously right) and {@link VectorKernels}
 * (the Vector API fast path). Tests hold the two together on random shapes. The threads they
 * use are a {@link WorkerPool} of their own ({@link #pool()}), not part of this interface's math.
 *
 * <p>All matrices are row-major {@code float[]} with an offset and a leading dimension (the
 * distance between the starts of two consecutive rows), as in CBLAS with {@code CblasRowMajor}.
 */
public interface Kernels {

    /** A short name for logs and run records: {@code scalar} or {@code vector}. */
    String name();

    /**
     * C = alpha · op(A) · op(B) + beta · C, where op(A) is m×k, op(B) is k×n and C is m×n.
     * op(X) = Xᵀ when the flag is set; then X is stored k×m (or n×k) with its own leading
     * dimension. When beta is 0, C is only written, never read (NaN in C does not leak).
     */
    void sgemm(boolean transA, boolean transB, int m, int n, int k,
               float alpha, float[] a, int aOff, int lda,
               float[] b, int bOff, int ldb,
               float beta, float[] c, int cOff, int ldc);

    /**
     * A dense layer's forward product: Y[rows×out] = X[rows×in] · W[in×out] + bias, all
     * contiguous. The same bits as {@link #sgemm} followed by {@link #addBias}; the vector
     * kernels add the bias in the GEMM's write-back instead of in a second pass over Y.
     */
    default void linear(int rows, int in, int out, float[] x, float[] w, float[] bias, float[] y) {
        sgemm(false, false, rows, out, in, 1f, x, 0, in, w, 0, out, 0f, y, 0, out);
        addBias(rows, out, y, bias);
    }

    /** x[r·cols + j] += bias[j] for r in [0, rows): the bias of a dense layer, broadcast over rows. */
    void addBias(int rows, int cols, float[] x, float[] bias);

    /** out[j] = Σ_r x[r·cols + j]: the bias gradient of a dense layer (column sums of dY). */
    void columnSums(int rows, int cols, float[] x, float[] out);

    /** y[i] = f(x[i]) for i in [0, n). x and y may be the same array. */
    void activationForward(Activation f, int n, float[] x, float[] y);

    /**
     * dx[i] = dy[i] · f'(x[i]), with f' computed from the pre-activation x or the output y
     * (y = f(x), already computed by the forward pass). dx may alias dy.
     */
    void activationBackward(Activation f, int n, float[] x, float[] y, float[] dy, float[] dx);

    /**
     * The threads these kernels run on, for other element-wise work that splits the same way
     * (optimizer updates, augmentation): {@link WorkerPool#run} runs a task on every worker.
     * The scalar reference has one worker, the caller.
     */
    default WorkerPool pool() {
        return WorkerPool.CALLER_ONLY;
    }

    /** The optimizer and regularizer updates of the same flavour (scalar or vector). */
    UpdateKernels updates();
}
