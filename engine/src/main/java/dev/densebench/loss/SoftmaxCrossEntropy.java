package dev.densebench.loss;

/**
 * Softmax + cross-entropy, fused: for logits z and label t,
 * L = logsumexp(z) − z_t (computed as max + log Σ e^(z−max), finite for any logits) and
 * dL/dz = softmax(z) − onehot(t).
 */
public final class SoftmaxCrossEntropy implements Loss {
    @Override
    public String name() {
        return "softmax";
    }

    @Override
    public int outputSize(int classes) {
        return classes;
    }

    @Override
    public double lossAndGradient(float[] outputs, int rows, int width, int[] labels, int labelOff, float[] dOutputs) {
        return lossAndGradient(rows, width, outputs, labels, labelOff, 1f / rows, dOutputs);
    }

    /**
     * Rows of {@code cols} logits: dLogits[r, j] = scale · (softmax(z_r)_j − [j = label_r]); returns
     * Σ_r (logsumexp(z_r) − z_r[label_r]). Max-subtraction keeps ±1e4 logits finite. dLogits may
     * alias logits.
     */
    public static double lossAndGradient(int rows, int cols, float[] logits, int[] labels, int labelOff,
                                         float scale, float[] dLogits) {
        double loss = 0;
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                max = Math.max(max, logits[o + j]);
            }
            float sum = 0f;
            for (int j = 0; j < cols; j++) {
                sum += (float) Math.exp(logits[o + j] - max);
            }
            int label = labels[labelOff + r];
            // loss = logsumexp(z) − z_label = (max − z_label) + log Σ e^(z−max): no cancellation.
            loss += (max - logits[o + label]) + Math.log(sum);
            float inv = 1f / sum;
            for (int j = 0; j < cols; j++) {
                float p = (float) Math.exp(logits[o + j] - max) * inv;
                dLogits[o + j] = scale * (j == label ? p - 1f : p);
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
        int o = row * width;
        float max = outputs[o];
        for (int j = 1; j < width; j++) max = Math.max(max, outputs[o + j]);
        double sum = 0;
        for (int j = 0; j < width; j++) sum += Math.exp(outputs[o + j] - max);
        // e^(z−max) again rather than a buffer per row: no allocation per prediction.
        for (int j = 0; j < width; j++) probs[probsOff + j] = (float) (Math.exp(outputs[o + j] - max) / sum);
    }
}
