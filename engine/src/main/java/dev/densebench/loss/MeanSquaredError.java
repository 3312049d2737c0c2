package dev.densebench.loss;

import dev.densebench.kernel.Kernels;

/**
 * Mean squared error between the raw outputs and one-hot targets: L = ½ Σ_j (z_j − onehot(t)_j)²
 * per example, dL/dz = z − onehot(t). Prediction is the largest output.
 */
public final class MeanSquaredError implements Loss {
    @Override
    public String name() {
        return "mse";
    }

    @Override
    public int outputSize(int classes) {
        return classes;
    }

    @Override
    public double lossAndGradient(Kernels kernels, float[] outputs, int rows, int width, int[] labels, int labelOff,
                                  float[] dOutputs) {
        return kernels.squaredErrorOneHot(rows, width, outputs, labels, labelOff, 1f / rows, dOutputs);
    }

    @Override
    public int predict(float[] outputs, int row, int width) {
        return Loss.argmax(outputs, row, width);
    }
}
