package dev.densebench.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The fused losses against their definitions evaluated in double precision, on random batches. */
class LossReferenceTest {

    @Property(tries = 100)
    void softmaxCrossEntropyIsLogSumExpMinusTheLabelsLogit(@ForAll @IntRange(min = 1, max = 40) int rows,
                                                          @ForAll @IntRange(min = 2, max = 100) int cols, @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] z = random(rng, rows * cols, 20);
        int[] labels = labels(rng, rows + 3, cols);
        float[] grad = new float[z.length];
        double loss = SoftmaxCrossEntropy.lossAndGradient(rows, cols, z, labels, 3, 1f / rows, grad);
        double expected = 0;
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            for (int j = 0; j < cols; j++) sum += Math.exp(z[r * cols + j]);
            int t = labels[3 + r];
            expected += Math.log(sum) - z[r * cols + t];
            for (int j = 0; j < cols; j++) {
                double p = Math.exp(z[r * cols + j]) / sum;
                assertEquals((p - (j == t ? 1 : 0)) / rows, grad[r * cols + j], 1e-6);
            }
        }
        assertEquals(expected, loss, 1e-4 * Math.max(1, Math.abs(expected)));
    }

    @Property(tries = 50)
    void binaryCrossEntropyAndSquaredError(@ForAll @IntRange(min = 1, max = 100) int rows, @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] z = random(rng, rows * 3, 8);
        int[] binary = labels(rng, rows, 2), three = labels(rng, rows, 3);
        float[] grad = new float[z.length];
        double bce = SigmoidBinaryCrossEntropy.lossAndGradient(rows, z, binary, 0, 0.5f, grad);
        double expectedBce = 0;
        for (int r = 0; r < rows; r++) {
            double s = 1 / (1 + Math.exp(-z[r]));
            expectedBce -= binary[r] == 1 ? Math.log(s) : Math.log(1 - s);
            assertEquals(0.5 * (s - binary[r]), grad[r], 1e-6);
        }
        assertEquals(expectedBce, bce, 1e-5 * Math.max(1, expectedBce));
        double mse = MeanSquaredError.lossAndGradient(rows, 3, z, three, 0, 0.5f, grad);
        double expectedMse = 0;
        for (int i = 0; i < rows * 3; i++) {
            double d = z[i] - (i % 3 == three[i / 3] ? 1 : 0);
            expectedMse += 0.5 * d * d;
            assertEquals(0.5 * d, grad[i], 1e-6);
        }
        assertEquals(expectedMse, mse, 1e-5 * Math.max(1, expectedMse));
    }

    static float[] random(SplittableRandom rng, int n, double range) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) rng.nextDouble(-range, range);
        return x;
    }

    static int[] labels(SplittableRandom rng, int n, int classes) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) y[i] = rng.nextInt(classes);
        return y;
    }
}
