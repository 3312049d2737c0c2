package dev.densebench.kernel;

/**
 * The reference implementation: plain loops that follow the definitions. Never tuned, so that
 * the fast path always has something obviously right to be compared against.
 */
public final class ScalarKernels implements Kernels {
    private final UpdateKernels updates = new ScalarUpdateKernels();

    @Override
    public UpdateKernels updates() {
        return updates;
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k,
                      float alpha, float[] a, int aOff, int lda,
                      float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float sum = 0f;
                for (int p = 0; p < k; p++) {
                    float aip = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    float bpj = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    sum += aip * bpj;
                }
                int ci = cOff + i * ldc + j;
                c[ci] = beta == 0f ? alpha * sum : alpha * sum + beta * c[ci];
            }
        }
    }

    @Override
    public void addBias(int rows, int cols, float[] x, float[] bias) {
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                x[r * cols + j] += bias[j];
            }
        }
    }

    @Override
    public void columnSums(int rows, int cols, float[] x, float[] out) {
        for (int j = 0; j < cols; j++) {
            out[j] = 0f;
        }
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                out[j] += x[r * cols + j];
            }
        }
    }

    @Override
    public void activationForward(Activation f, int n, float[] x, float[] y) {
        activationForwardRange(f, 0, n, x, y);
    }

    /** The forward activation on [from, to): also the tail of the vector kernel. */
    void activationForwardRange(Activation f, int from, int to, float[] x, float[] y) {
        for (int i = from; i < to; i++) {
            float v = x[i];
            y[i] = switch (f) {
                case IDENTITY -> v;
                case RELU -> v > 0f ? v : 0f;
                case LEAKY_RELU -> v > 0f ? v : Activation.LEAKY_SLOPE * v;
                case SIGMOID -> (float) (1.0 / (1.0 + Math.exp(-v)));
                case TANH -> (float) Math.tanh(v);
            };
        }
    }

    @Override
    public void activationBackward(Activation f, int n, float[] x, float[] y, float[] dy, float[] dx) {
        activationBackwardRange(f, 0, n, x, y, dy, dx);
    }

    /** The activation derivative on [from, to): also the tail of the vector kernel. */
    void activationBackwardRange(Activation f, int from, int to, float[] x, float[] y, float[] dy, float[] dx) {
        for (int i = from; i < to; i++) {
            float g = dy[i];
            dx[i] = switch (f) {
                case IDENTITY -> g;
                case RELU -> x[i] > 0f ? g : 0f;
                case LEAKY_RELU -> x[i] > 0f ? g : Activation.LEAKY_SLOPE * g;
                case SIGMOID -> g * y[i] * (1f - y[i]);
                case TANH -> g * (1f - y[i] * y[i]);
            };
        }
    }
}
