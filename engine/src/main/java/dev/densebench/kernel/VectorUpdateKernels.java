package dev.densebench.kernel;

import static dev.densebench.kernel.GemmTuning.LANES;
import static dev.densebench.kernel.GemmTuning.SPECIES;

import jdk.incubator.vector.FloatVector;

/**
 * The optimizer updates on the Vector API: the same formulas as {@link ScalarUpdateKernels},
 * LANES floats at a time, with the scalar twin finishing each tail. Each loop reads and writes
 * every array once, so these are memory-bound; the point is to use full-width loads.
 */
public final class VectorUpdateKernels implements UpdateKernels {
    private final ScalarUpdateKernels tail = new ScalarUpdateKernels();

    @Override
    public void momentumStep(int n, float[] w, float[] g, float[] v, float lr, float mu, boolean nesterov) {
        int upper = SPECIES.loopBound(n);
        for (int i = 0; i < upper; i += LANES) {
            FloatVector gv = FloatVector.fromArray(SPECIES, g, i);
            FloatVector vv = FloatVector.fromArray(SPECIES, v, i).mul(mu).add(gv);
            vv.intoArray(v, i);
            FloatVector step = nesterov ? vv.mul(mu).add(gv) : vv;
            FloatVector.fromArray(SPECIES, w, i).sub(step.mul(lr)).intoArray(w, i);
        }
        tailRange(upper, n, w, g, v, lr, mu, nesterov);
    }

    private void tailRange(int from, int n, float[] w, float[] g, float[] v, float lr, float mu, boolean nesterov) {
        for (int i = from; i < n; i++) {
            v[i] = mu * v[i] + g[i];
            w[i] -= lr * (nesterov ? g[i] + mu * v[i] : v[i]);
        }
    }

    @Override
    public void rmspropStep(int n, float[] w, float[] g, float[] s, float lr, float rho, float eps) {
        int upper = SPECIES.loopBound(n);
        float oneMinusRho = 1 - rho;
        for (int i = 0; i < upper; i += LANES) {
            FloatVector gv = FloatVector.fromArray(SPECIES, g, i);
            FloatVector sv = FloatVector.fromArray(SPECIES, s, i).mul(rho).add(gv.mul(gv).mul(oneMinusRho));
            sv.intoArray(s, i);
            FloatVector.fromArray(SPECIES, w, i).sub(gv.mul(lr).div(sv.sqrt().add(eps))).intoArray(w, i);
        }
        for (int i = upper; i < n; i++) {
            s[i] = rho * s[i] + oneMinusRho * g[i] * g[i];
            w[i] -= lr * g[i] / ((float) Math.sqrt(s[i]) + eps);
        }
    }

    @Override
    public void adamStep(int n, float[] w, float[] g, float[] m, float[] v, float lr, float beta1, float beta2,
                         float eps, float correction1, float correction2) {
        int upper = SPECIES.loopBound(n);
        float b1c = 1 - beta1, b2c = 1 - beta2;
        float inv1 = 1f / correction1, inv2 = 1f / correction2;
        for (int i = 0; i < upper; i += LANES) {
            FloatVector gv = FloatVector.fromArray(SPECIES, g, i);
            FloatVector mv = FloatVector.fromArray(SPECIES, m, i).mul(beta1).add(gv.mul(b1c));
            FloatVector vv = FloatVector.fromArray(SPECIES, v, i).mul(beta2).add(gv.mul(gv).mul(b2c));
            mv.intoArray(m, i);
            vv.intoArray(v, i);
            FloatVector denom = vv.mul(inv2).sqrt().add(eps);
            FloatVector.fromArray(SPECIES, w, i).sub(mv.mul(inv1).mul(lr).div(denom)).intoArray(w, i);
        }
        for (int i = upper; i < n; i++) {
            m[i] = beta1 * m[i] + b1c * g[i];
            v[i] = beta2 * v[i] + b2c * g[i] * g[i];
            w[i] -= lr * (m[i] * inv1) / ((float) Math.sqrt(v[i] * inv2) + eps);
        }
    }

    @Override
    public void adagradStep(int n, float[] w, float[] g, float[] s, float lr, float eps) {
        int upper = SPECIES.loopBound(n);
        for (int i = 0; i < upper; i += LANES) {
            FloatVector gv = FloatVector.fromArray(SPECIES, g, i);
            FloatVector sv = FloatVector.fromArray(SPECIES, s, i).add(gv.mul(gv));
            sv.intoArray(s, i);
            FloatVector.fromArray(SPECIES, w, i).sub(gv.mul(lr).div(sv.sqrt().add(eps))).intoArray(w, i);
        }
        for (int i = upper; i < n; i++) {
            s[i] += g[i] * g[i];
            w[i] -= lr * g[i] / ((float) Math.sqrt(s[i]) + eps);
        }
    }

    @Override
    public void multiply(int n, float[] a, float[] b, float[] out) {
        int upper = SPECIES.loopBound(n);
        for (int i = 0; i < upper; i += LANES) {
            FloatVector.fromArray(SPECIES, a, i).mul(FloatVector.fromArray(SPECIES, b, i)).intoArray(out, i);
        }
        for (int i = upper; i < n; i++) {
            out[i] = a[i] * b[i];
        }
    }

    @Override
    public void maxNormColumns(int rows, int cols, float[] w, float maxNorm, float[] scratch) {
        // Pass 1: column sums of squares, row by row so that every load is contiguous.
        java.util.Arrays.fill(scratch, 0, cols, 0f);
        int upper = SPECIES.loopBound(cols);
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            int j = 0;
            for (; j < upper; j += LANES) {
                FloatVector x = FloatVector.fromArray(SPECIES, w, o + j);
                FloatVector.fromArray(SPECIES, scratch, j).add(x.mul(x)).intoArray(scratch, j);
            }
            for (; j < cols; j++) {
                scratch[j] += w[o + j] * w[o + j];
            }
        }
        boolean any = false;
        for (int j = 0; j < cols; j++) {
            float norm = (float) Math.sqrt(scratch[j]);
            scratch[j] = norm > maxNorm ? maxNorm / norm : 1f;
            any |= norm > maxNorm;
        }
        if (!any) {
            return;
        }
        // Pass 2: scale the columns that were too long.
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            int j = 0;
            for (; j < upper; j += LANES) {
                FloatVector.fromArray(SPECIES, w, o + j).mul(FloatVector.fromArray(SPECIES, scratch, j)).intoArray(w, o + j);
            }
            for (; j < cols; j++) {
                w[o + j] *= scratch[j];
            }
        }
    }
}
