package dev.densebench.dataset;

import java.util.List;

/**
 * Examples as one row-major {@code float[]} (rows × features) and integer labels in
 * [0, classes). Immutable by convention: loaders build new arrays, nobody writes these.
 */
public record Dataset(String name, float[] x, int[] y, int rows, int features, List<String> classNames) {
    public Dataset {
        if (x.length != (long) rows * features) {
            throw new IllegalArgumentException(name + ": " + x.length + " values for " + rows + " rows of " + features);
        }
        if (y.length != rows) {
            throw new IllegalArgumentException(name + ": " + y.length + " labels for " + rows + " rows");
        }
        classNames = List.copyOf(classNames);
    }

    public int classes() {
        return classNames.size();
    }

    /** A new dataset holding the given rows, in that order. */
    public Dataset select(String newName, int[] rowIndices) {
        float[] nx = new float[rowIndices.length * features];
        int[] ny = new int[rowIndices.length];
        for (int i = 0; i < rowIndices.length; i++) {
            System.arraycopy(x, rowIndices[i] * features, nx, i * features, features);
            ny[i] = y[rowIndices[i]];
        }
        return new Dataset(newName, nx, ny, rowIndices.length, features, classNames);
    }
}
