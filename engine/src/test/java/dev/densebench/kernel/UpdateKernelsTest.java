package dev.densebench.kernel;

import static dev.densebench.kernel.ElementwiseKernelsTest.assertClose;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Every vectorized optimizer/regularizer update against its scalar twin, on lengths with tails. */
class UpdateKernelsTest {
    static final UpdateKernels S = new ScalarUpdateKernels();
    static final UpdateKernels V = new VectorUpdateKernels();

    record State(float[] w, float[] g, float[] a, float[] b) {
        static State random(int n, long seed) {
            SplittableRandom rng = new SplittableRandom(seed);
            float[] w = SgemmPropertyTest.random(rng, n), g = SgemmPropertyTest.random(rng, n);
            float[] a = SgemmPropertyTest.random(rng, n), b = new float[n];
            for (int i = 0; i < n; i++) b[i] = (float) rng.nextDouble(0, 1); // second moments are ≥ 0
            return new State(w, g, a, b);
        }

        State copy() {
            return new State(w.clone(), g.clone(), a.clone(), b.clone());
        }

        void assertMatches(State other) {
            assertClose(w, other.w, 2e-6f);
            assertClose(a, other.a, 2e-6f);
            assertClose(b, other.b, 2e-6f);
        }
    }

    @Property(tries = 60)
    void momentumAndNesterov(@ForAll @IntRange(min = 1, max = 700) int n, @ForAll boolean nesterov, @ForAll long seed) {
        State s = State.random(n, seed), v = s.copy();
        S.momentumStep(0, n, s.w, s.g, s.a, 0.05f, 0.9f, nesterov);
        V.momentumStep(0, n, v.w, v.g, v.a, 0.05f, 0.9f, nesterov);
        s.assertMatches(v);
    }

    @Property(tries = 60)
    void rmsprop(@ForAll @IntRange(min = 1, max = 700) int n, @ForAll long seed) {
        State s = State.random(n, seed), v = s.copy();
        S.rmspropStep(0, n, s.w, s.g, s.b, 1e-3f, 0.9f, 1e-8f);
        V.rmspropStep(0, n, v.w, v.g, v.b, 1e-3f, 0.9f, 1e-8f);
        s.assertMatches(v);
    }

    @Property(tries = 60)
    void adam(@ForAll @IntRange(min = 1, max = 700) int n, @ForAll @IntRange(min = 1, max = 50) int t, @ForAll long seed) {
        State s = State.random(n, seed), v = s.copy();
        float c1 = (float) (1 - Math.pow(0.9, t)), c2 = (float) (1 - Math.pow(0.999, t));
        S.adamStep(0, n, s.w, s.g, s.a, s.b, 1e-3f, 0.9f, 0.999f, 1e-8f, c1, c2);
        V.adamStep(0, n, v.w, v.g, v.a, v.b, 1e-3f, 0.9f, 0.999f, 1e-8f, c1, c2);
        s.assertMatches(v);
    }

    @Property(tries = 60)
    void adagrad(@ForAll @IntRange(min = 1, max = 700) int n, @ForAll long seed) {
        State s = State.random(n, seed), v = s.copy();
        S.adagradStep(0, n, s.w, s.g, s.b, 0.01f, 1e-10f);
        V.adagradStep(0, n, v.w, v.g, v.b, 0.01f, 1e-10f);
        s.assertMatches(v);
    }

    @Property(tries = 60)
    void sgdAndWeightPenaltyOnSubranges(@ForAll @IntRange(min = 1, max = 700) int n, @ForAll long seed) {
        State s = State.random(n, seed), v = s.copy();
        int from = (int) Math.floorMod(seed, (long) n), to = n;
        S.weightPenalty(from, to, s.w, s.g, 0.01f, 0.999f);
        V.weightPenalty(from, to, v.w, v.g, 0.01f, 0.999f);
        S.sgdStep(from, to, s.w, s.g, 0.1f);
        V.sgdStep(from, to, v.w, v.g, 0.1f);
        s.assertMatches(v);
        assertClose(s.g, v.g, 2e-6f);
    }

    @Property(tries = 60)
    void multiply(@ForAll @IntRange(min = 1, max = 700) int n, @ForAll long seed) {
        State s = State.random(n, seed);
        float[] os = new float[n], ov = new float[n];
        S.multiply(n, s.w, s.g, os);
        V.multiply(n, s.w, s.g, ov);
        assertClose(os, ov, 0f);
    }

    @Property(tries = 60)
    void maxNormColumns(@ForAll @IntRange(min = 1, max = 60) int rows, @ForAll @IntRange(min = 1, max = 100) int cols,
                        @ForAll @IntRange(min = 1, max = 40) int tenthsOfMax, @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] w = SgemmPropertyTest.random(rng, rows * cols);
        float[] ws = w.clone(), wv = w.clone();
        float c = tenthsOfMax / 10f;
        S.maxNormColumns(rows, cols, ws, c, new float[cols]);
        V.maxNormColumns(rows, cols, wv, c, new float[cols]);
        assertClose(ws, wv, 2e-6f);
        // And the projection does what it says: no column longer than c (up to rounding).
        for (int j = 0; j < cols; j++) {
            double sq = 0;
            for (int r = 0; r < rows; r++) sq += ws[r * cols + j] * ws[r * cols + j];
            if (Math.sqrt(sq) > c * (1 + 1e-5)) throw new AssertionError("column " + j + " has norm " + Math.sqrt(sq) + " > " + c);
        }
    }
}
