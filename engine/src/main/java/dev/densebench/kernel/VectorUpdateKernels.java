package dev.densebench.kernel;

import static dev.densebench.kernel.GemmTuning.LANES;
import static dev.densebench.kernel.GemmTuning.SPECIES;

import jdk.incubator.vector.FloatVector;

/**
 * The optimizer updates on the Vector API: the same formulas as {@link ScalarUpdateKernels},
 * LANES floats at a time, with a scalar loop for each tail that rounds exactly as a lane does
 * (same operation order, {@code Math.fma} where the lanes fuse), so that an element gets the same
 * bits whichever worker's vector body or tail it falls in. Each loop reads and writes
 * every array once, so these are memory-bound; the point is to use full-width loads.
 */
public final class VectorUpdateKernels implements UpdateKernels {

    @Override
    public void sgdStep(int from, int to, float[] w, float[] g, float lr) {
        int upper = from + SPECIES.loopBound(to - from);
        FloatVector step = FloatVector.broadcast(SPECIES, -lr);
        for (int i = from; i < upper; i += LANES) {
            FloatVector.fromArray(SPECIES, g, i).fma(step, FloatVector.fromArray(SPECIES, w, i)).intoArray(w, i);
        }
        for (int i = upper; i < to; i++) {
            w[i] = Math.fma(g[i], -lr, w[i]);
        }
    }

    @Override
    public void weightPenalty(int from, int to, float[] w, float[] g, float l2, float shrink) {
        int upper = from + SPECIES.loopBound(to - from);
        for (int i = from; i < upper; i += LANES) {
            FloatVector wv = FloatVector.fromArray(SPECIES, w, i);
            FloatVector.fromArray(SPECIES, g, i).add(wv.mul(l2)).intoArray(g, i);
            wv.mul(shrink).intoArray(w, i);
        }
        for (int i = upper; i < to; i++) {
            g[i] += l2 * w[i];
            w[i] *= shrink;
        }
    }

    @Override
    public void momentumStep(int from, int to, float[] w, float[] g, float[] v, float lr, float mu, boolean nesterov) {
        int upper = from + SPECIES.loopBound(to - from);
        for (int i = from; i < upper; i += LANES) {
            FloatVector gv = FloatVector.fromArray(SPECIES, g, i);
            FloatVector vv = FloatVector.fromArray(SPECIES, v, i).mul(mu).add(gv);
            vv.intoArray(v, i);
            FloatVector step = nesterov ? vv.mul(mu).add(gv) : vv;
            FloatVector.fromArray(SPECIES, w, i).sub(step.mul(lr)).intoArray(w, i);
        }
        tailRange(upper, to, w, g, v, lr, mu, nesterov);
    }

    private void tailRange(int from, int to, float[] w, float[] g, float[] v, float lr, float mu, boolean nesterov) {
        for (int i = from; i < to; i++) {
            v[i] = mu * v[i] + g[i];
            w[i] -= lr * (nesterov ? g[i] + mu * v[i] : v[i]);
        }
    }

    @Override
    public void rmspropStep(int from, int to, float[] w, float[] g, float[] s, float lr, float rho, float eps) {
        int upper = from + SPECIES.loopBound(to - from);
        float oneMinusRho = 1 - rho;
        for (int i = from; i < upper; i += LANES) {
            FloatVector gv = FloatVector.fromArray(SPECIES, g, i);
            FloatVector sv = FloatVector.fromArray(SPECIES, s, i).mul(rho).add(gv.mul(gv).mul(oneMinusRho));
            sv.intoArray(s, i);
            FloatVector.fromArray(SPECIES, w, i).sub(gv.mul(lr).div(sv.sqrt().add(eps))).intoArray(w, i);
        }
        for (int i = upper; i < to; i++) {
            s[i] = rho * s[i] + g[i] * g[i] * oneMinusRho;
            w[i] -= lr * g[i] / ((float) Math.sqrt(s[i]) + eps);
        }
    }

    @Override
    public void adamStep(int from, int to, float[] w, float[] g, float[] m, float[] v, float lr, float beta1, float beta2,
                         float eps, float correction1, float correction2) {
        int upper = from + SPECIES.loopBound(to - from);
        float b1c = 1 - beta1, b2c = 1 - beta2;
        float inv1 = 1f / correction1, inv2 = 1f / correction2;
        for (int i = from; i < upper; i += LANES) {
            FloatVector gv = FloatVector.fromArray(SPECIES, g, i);
            FloatVector mv = FloatVector.fromArray(SPECIES, m, i).mul(beta1).add(gv.mul(b1c));
            FloatVector vv = FloatVector.fromArray(SPECIES, v, i).mul(beta2).add(gv.mul(gv).mul(b2c));
            mv.intoArray(m, i);
            vv.intoArray(v, i);
            FloatVector denom = vv.mul(inv2).sqrt().add(eps);
            FloatVector.fromArray(SPECIES, w, i).sub(mv.mul(inv1).mul(lr).div(denom)).intoArray(w, i);
        }
        for (int i = upper; i < to; i++) {
            m[i] = beta1 * m[i] + b1c * g[i];
            v[i] = beta2 * v[i] + g[i] * g[i] * b2c;
            w[i] -= lr * (m[i] * inv1) / ((float) Math.sqrt(v[i] * inv2) + eps);
        }
    }

    @Override
    public void adagradStep(int from, int to, float[] w, float[] g, float[] s, float lr, float eps) {
        int upper = from + SPECIES.loopBound(to - from);
        for (int i = from; i < upper; i += LANES) {
            FloatVector gv = FloatVector.fromArray(SPECIES, g, i);
            FloatVector sv = FloatVector.fromArray(SPECIES, s, i).add(gv.mul(gv));
            sv.intoArray(s, i);
            FloatVector.fromArray(SPECIES, w, i).sub(gv.mul(lr).div(sv.sqrt().add(eps))).intoArray(w, i);
        }
        for (int i = upper; i < to; i++) {
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
