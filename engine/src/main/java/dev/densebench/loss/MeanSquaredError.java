package dev.densebench.loss;

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
    public double lossAndGradient(float[] outputs, int rows, int width, int[] labels, int labelOff, float[] dOutputs) {
        return lossAndGradient(rows, width, outputs, labels, labelOff, 1f / rows, dOutputs);
    }

    /** dz = scale · (z − onehot(t)); returns Σ ½ (z − onehot(t))². */
    public static double lossAndGradient(int rows, int cols, float[] outputs, int[] labels, int labelOff,
                                         float scale, float[] dOutputs) {
        double loss = 0;
        for (int r = 0; r < rows; r++) {
            int label = labels[labelOff + r];
            for (int j = 0; j < cols; j++) {
                int i = r * cols + j;
                float diff = outputs[i] - (j == label ? 1f : 0f);
                loss += 0.5 * diff * diff;
                dOutputs[i] = scale * diff;
            }
        }
        return loss;
    }

    @Override
    public int predict(float[] outputs, int row, int width) {
        return Loss.argmax(outputs, row, width);
    }

    @Override
    public void probabilities(float[] outputs, int row, int width, float[] probs, int probsOff) {
        System.arraycopy(outputs, row * width, probs, probsOff, width);
    }
}
