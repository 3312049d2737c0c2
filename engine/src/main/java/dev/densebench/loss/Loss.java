package dev.densebench.loss;

/**
 * A loss over a batch of network outputs and integer labels. Implementations are fused with
 * their output non-linearity (softmax, sigmoid), so the network's last layer emits raw logits.
 */
public interface Loss {
    /** Name used on the command line and in run records. */
    String name();

    /** Number of network outputs for a problem with {@code classes} classes. */
    int outputSize(int classes);

    /**
     * Computes the summed loss over {@code rows} rows of {@code width} outputs and writes dL/dOutputs for the mean loss
     * (each row's gradient scaled by 1/rows) into {@code dOutputs}. Scalar code on purpose: a vector
     * form needs lanewise EXP (whose compiled and interpreted forms round differently) or an ADD
     * reduction (in an unspecified order), either of which would make a run's bits depend on JIT
     * timing; with 10 classes it is a few microseconds per batch.
     */
    double lossAndGradient(float[] outputs, int rows, int width, int[] labels, int labelOff, float[] dOutputs);

    /** The predicted class of row {@code row}, from the raw outputs. */
    int predict(float[] outputs, int row, int width);

    /**
     * The class probabilities of row {@code row} into {@code probs[probsOff …]} (one per class):
     * softmax of the logits, [1 − σ(z), σ(z)] for a sigmoid output; for mse the raw outputs
     * (scores, not probabilities).
     */
    void probabilities(float[] outputs, int row, int width, float[] probs, int probsOff);

    /** Parses {@code softmax}, {@code sigmoid} or {@code mse}. */
    static Loss parse(String name) {
        return switch (name) {
            case "softmax" -> new SoftmaxCrossEntropy();
            case "sigmoid" -> new SigmoidBinaryCrossEntropy();
            case "mse" -> new MeanSquaredError();
            default -> throw new IllegalArgumentException(
                    "unknown output '" + name + "' (expected softmax, sigmoid or mse)");
        };
    }

    /** Index of the largest of {@code width} values starting at row·width. */
    static int argmax(float[] outputs, int row, int width) {
        int o = row * width;
        int best = 0;
        for (int j = 1; j < width; j++) {
            if (outputs[o + j] > outputs[o + best]) {
                best = j;
            }
        }
        return best;
    }
}
