package dev.densebench.loss;

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
    public double lossAndGradient(float[] outputs, int rows, int width, int[] labels, int labelOff, float[] dOutputs) {
        return lossAndGradient(rows, outputs, labels, labelOff, 1f / rows, dOutputs);
    }

    /** One logit per row: dz = scale · (σ(z) − t); returns the summed loss. dLogits may alias logits. */
    public static double lossAndGradient(int rows, float[] logits, int[] labels, int labelOff, float scale, float[] dLogits) {
        double loss = 0;
        for (int r = 0; r < rows; r++) {
            float z = logits[r];
            float t = labels[labelOff + r];
            loss += Math.max(z, 0f) - z * t + Math.log1p(Math.exp(-Math.abs(z)));
            float sigma = (float) (1.0 / (1.0 + Math.exp(-z)));
            dLogits[r] = scale * (sigma - t);
        }
        return loss;
    }

    /** σ(z) > ½ exactly when z > 0. */
    @Override
    public int predict(float[] outputs, int row, int width) {
        return outputs[row] > 0f ? 1 : 0;
    }

    @Override
    public void probabilities(float[] outputs, int row, int width, float[] probs, int probsOff) {
        double p = 1 / (1 + Math.exp(-outputs[row * width]));
        probs[probsOff] = (float) (1 - p);
        probs[probsOff + 1] = (float) p;
    }
}
