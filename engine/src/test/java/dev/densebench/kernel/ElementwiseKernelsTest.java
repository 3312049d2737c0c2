package dev.densebench.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Every element-wise vector kernel against its scalar twin, on lengths with and without tails. */
class ElementwiseKernelsTest {
    static final ScalarKernels S = new ScalarKernels();
    static final VectorKernels V = new VectorKernels(1);

    @Property(tries = 100)
    void addBias(@ForAll @IntRange(min = 1, max = 70) int rows, @ForAll @IntRange(min = 1, max = 300) int cols, @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = SgemmPropertyTest.random(rng, rows * cols), bias = SgemmPropertyTest.random(rng, cols);
        float[] xs = x.clone(), xv = x.clone();
        S.addBias(rows, cols, xs, bias);
        V.addBias(rows, cols, xv, bias);
        assertClose(xs, xv, 0f);
    }

    @Property(tries = 100)
    void columnSums(@ForAll @IntRange(min = 1, max = 200) int rows, @ForAll @IntRange(min = 1, max = 300) int cols, @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = SgemmPropertyTest.random(rng, rows * cols);
        float[] os = SgemmPropertyTest.random(rng, cols), ov = SgemmPropertyTest.random(rng, cols);
        S.columnSums(rows, cols, x, os);
        V.columnSums(rows, cols, x, ov);
        assertClose(os, ov, 0f);
    }

    @Property(tries = 200)
    void activations(@ForAll Activation f, @ForAll @IntRange(min = 1, max = 600) int n, @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) rng.nextDouble(-8, 8);
        float[] dy = SgemmPropertyTest.random(rng, n);
        float[] ys = new float[n], yv = new float[n], dxs = new float[n], dxv = new float[n];
        S.activationForward(f, n, x, ys);
        V.activationForward(f, n, x, yv);
        assertClose(ys, yv, 2e-6f);
        S.activationBackward(f, n, x, ys, dy, dxs);
        V.activationBackward(f, n, x, ys, dy, dxv);
        assertClose(dxs, dxv, 1e-6f);
    }

    /** |a − b| ≤ tol · max(1, |a|) element by element. */
    static void assertClose(float[] expected, float[] actual, float tol) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            float bound = tol * Math.max(1f, Math.abs(expected[i]));
            if (!(Math.abs(expected[i] - actual[i]) <= bound)) {
                throw new AssertionError("index " + i + ": expected " + expected[i] + " but was " + actual[i] + " (tolerance " + bound + ")");
            }
        }
    }
}
