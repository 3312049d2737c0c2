package dev.densebench.kernel;

/** The reference optimizer updates: one plain loop per formula of {@link UpdateKernels}. */
public final class ScalarUpdateKernels implements UpdateKernels {

    @Override
    public void sgdStep(int from, int to, float[] w, float[] g, float lr) {
        for (int i = from; i < to; i++) {
            w[i] -= lr * g[i];
        }
    }

    @Override
    public void weightPenalty(int from, int to, float[] w, float[] g, float l2, float shrink) {
        for (int i = from; i < to; i++) {
            g[i] += l2 * w[i];
            w[i] *= shrink;
        }
    }

    @Override
    public void momentumStep(int from, int to, float[] w, float[] g, float[] v, float lr, float mu, boolean nesterov) {
        for (int i = from; i < to; i++) {
            v[i] = mu * v[i] + g[i];
            w[i] -= lr * (nesterov ? g[i] + mu * v[i] : v[i]);
        }
    }

    @Override
    public void rmspropStep(int from, int to, float[] w, float[] g, float[] s, float lr, float rho, float eps) {
        for (int i = from; i < to; i++) {
            s[i] = rho * s[i] + (1 - rho) * g[i] * g[i];
            w[i] -= lr * g[i] / ((float) Math.sqrt(s[i]) + eps);
        }
    }

    @Override
    public void adamStep(int from, int to, float[] w, float[] g, float[] m, float[] v, float lr, float beta1, float beta2,
                         float eps, float correction1, float correction2) {
        for (int i = from; i < to; i++) {
            m[i] = beta1 * m[i] + (1 - beta1) * g[i];
            v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
            float mHat = m[i] / correction1;
            float vHat = v[i] / correction2;
            w[i] -= lr * mHat / ((float) Math.sqrt(vHat) + eps);
        }
    }

    @Override
    public void adagradStep(int from, int to, float[] w, float[] g, float[] s, float lr, float eps) {
        for (int i = from; i < to; i++) {
            s[i] += g[i] * g[i];
            w[i] -= lr * g[i] / ((float) Math.sqrt(s[i]) + eps);
        }
    }

    @Override
    public void multiply(int n, float[] a, float[] b, float[] out) {
        for (int i = 0; i < n; i++) {
            out[i] = a[i] * b[i];
        }
    }

    @Override
    public void maxNormColumns(int rows, int cols, float[] w, float maxNorm, float[] scratch) {
        for (int j = 0; j < cols; j++) {
            float sq = 0f;
            for (int r = 0; r < rows; r++) {
                sq += w[r * cols + j] * w[r * cols + j];
            }
            float norm = (float) Math.sqrt(sq);
            scratch[j] = norm > maxNorm ? maxNorm / norm : 1f;
        }
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                w[r * cols + j] *= scratch[j];
            }
        }
    }
}
