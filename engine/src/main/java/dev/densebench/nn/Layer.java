package dev.densebench.nn;

import java.util.List;

/**
 * A layer of a feed-forward network on row-major batches: input {@code batch × inputSize()},
 * output {@code batch × outputSize()}. Buffers are owned by the layer, sized once for the
 * largest batch; forward returns the layer's own output buffer and backward its own input
 * gradient buffer, so a training step allocates nothing.
 */
public interface Layer {
    int inputSize();

    int outputSize();

    /** Computes the output for the first {@code batch} rows of {@code input}; keeps what backward needs. */
    float[] forward(float[] input, int batch, boolean training);

    /**
     * Given dL/dOutput for the batch of the last forward call, writes the parameter gradients
     * and returns dL/dInput (or null when the layer was built without an input gradient).
     */
    float[] backward(float[] dOutput, int batch);

    /** Trainable parameters (empty for parameter-free layers). */
    default List<Param> params() {
        return List.of();
    }
}
