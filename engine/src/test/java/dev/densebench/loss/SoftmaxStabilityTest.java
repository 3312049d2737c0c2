package dev.densebench.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Softmax cross-entropy at logits of ±1e4: finite loss and the right gradient. */
class SoftmaxStabilityTest {

    @ParameterizedTest
    @ValueSource(ints = {3, 10, 37})
    void extremeLogits(int cols) {
        float[] z = new float[cols];
        for (int j = 0; j < cols; j++) z[j] = (j % 3 == 0) ? 1e4f : (j % 3 == 1 ? -1e4f : 0f);
        for (int label = 0; label < Math.min(cols, 3); label++) {
            float[] grad = new float[cols];
            double loss = SoftmaxCrossEntropy.lossAndGradient(1, cols, z.clone(), new int[] {label}, 0, 1f, grad);
            // Reference in double: logsumexp with the max subtracted, then softmax − onehot.
            double max = Double.NEGATIVE_INFINITY;
            for (float v : z) max = Math.max(max, v);
            double sum = 0;
            for (float v : z) sum += Math.exp(v - max);
            double lse = max + Math.log(sum);
            assertTrue(Double.isFinite(loss), "loss must be finite");
            assertEquals(lse - z[label], loss, 1e-3 * Math.max(1, Math.abs(lse - z[label])));
            for (int j = 0; j < cols; j++) {
                assertTrue(Float.isFinite(grad[j]));
                double expected = Math.exp(z[j] - lse) - (j == label ? 1 : 0);
                assertEquals(expected, grad[j], 1e-6, "gradient entry " + j);
            }
        }
    }
}
