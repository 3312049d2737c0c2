package dev.densebench.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.densebench.kernel.VectorKernels;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Inverted dropout: kept fraction, preserved expectation, identity at evaluation, seeded masks. */
class DropoutTest {
    static final int SIZE = 1000;
    static final int BATCH = 100;

    @Test
    void keptFractionAndExpectation() {
        try (VectorKernels k = new VectorKernels(1)) {
            for (float p : new float[] {0.1f, 0.5f, 0.8f}) {
                Dropout d = new Dropout(k, SIZE, p, BATCH, new SplittableRandom(3));
                float[] x = new float[SIZE * BATCH];
                Arrays.fill(x, 2f);
                float[] y = d.forward(x, BATCH, true);
                int n = SIZE * BATCH, kept = 0;
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    if (y[i] != 0f) {
                        kept++;
                        assertEquals(2f / (1f - p), y[i], 1e-6, "kept values are scaled by 1/(1-p)");
                    }
                    sum += y[i];
                }
                // Binomial(n, 1-p): 5 standard deviations.
                double q = 1 - p, sd = Math.sqrt(n * q * (1 - q));
                assertTrue(Math.abs(kept - n * q) < 5 * sd, "kept " + kept + " of " + n + " at p=" + p);
                // E[y] = x: the mean stays 2 within 5 standard errors (each y is 2/q w.p. q).
                double se = 2 / q * sd / n;
                assertEquals(2.0, sum / n, 5 * se, "expectation preserved at p=" + p);
            }
        }
    }

    @Test
    void backwardUsesTheSameMask() {
        try (VectorKernels k = new VectorKernels(1)) {
            Dropout d = new Dropout(k, 50, 0.5f, 4, new SplittableRandom(8));
            float[] x = new float[200];
            Arrays.fill(x, 1f);
            float[] y = d.forward(x, 4, true).clone();
            float[] dx = d.backward(x, 4);
            assertArrayEquals(y, Arrays.copyOf(dx, 200), "dx = dy ⊙ mask, and here dy = x");
        }
    }

    @Test
    void identityAtEvaluation() {
        try (VectorKernels k = new VectorKernels(1)) {
            Dropout d = new Dropout(k, SIZE, 0.5f, BATCH, new SplittableRandom(3));
            float[] x = new float[SIZE * BATCH];
            assertSame(x, d.forward(x, BATCH, false));
        }
    }

    @Test
    void sameSeedSameMasks() {
        try (VectorKernels k = new VectorKernels(1)) {
            float[] x = new float[SIZE];
            Arrays.fill(x, 1f);
            Dropout a = new Dropout(k, SIZE, 0.3f, 1, new SplittableRandom(11));
            Dropout b = new Dropout(k, SIZE, 0.3f, 1, new SplittableRandom(11));
            Dropout c = new Dropout(k, SIZE, 0.3f, 1, new SplittableRandom(12));
            float[] ya = a.forward(x, 1, true).clone();
            assertArrayEquals(ya, b.forward(x, 1, true));
            assertTrue(!Arrays.equals(ya, c.forward(x, 1, true)));
        }
    }
}
