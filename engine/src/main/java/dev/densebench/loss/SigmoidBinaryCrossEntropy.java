package dev.densebench.loss;

import dev.densebench.kernel.Kernels;

/**
 * Sigmoid + binary cross-entropy, fused, for one logit z per example and t ∈ {0, 1}:
 * L = −t log σ(z) − (1−t) log(1−σ(z)) = max(z, 0) − z t + log(1 + e^−|z|), dL/dz = σ(z) − t.
 */
public final class SigmoidBinaryCrossEntropy implements Loss {
    @Override
    public String name() {
        return "sigmoid";
    }

    @Override
    public int outputSize(int classes) {
        if (classes != 2) {
            throw new IllegalArgumentException("a sigmoid output needs exactly 2 classes, the dataset has " + classes);
        }
        return 1;
    }

    @Override
    public double lossAndGradient(Kernels kernels, float[] outputs, int rows, int width, int[] labels, int labelOff,
                                  float[] dOutputs) {
        return kernels.sigmoidBinaryCrossEntropy(rows, outputs, labels, labelOff, 1f / rows, dOutputs);
    }

    /** σ(z) > ½ exactly when z > 0. */
    @Override
    public int predict(float[] outputs, int row, int width) {
        return outputs[row] > 0f ? 1 : 0;
    }
}
