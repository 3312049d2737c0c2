package dev.densebench.dataset;

import java.util.Arrays;

/**
 * How raw input values become network inputs, saved with a model so that {@code predict} sees
 * what training saw. {@code pixels}: x / 255 (as x · (1/255), the loaders' exact float
 * operation); {@code standardize}: (x − mean_j) / sd_j with the training split's statistics;
 * {@code none}: unchanged.
 */
public record InputScaling(String kind, float[] mean, float[] sd) {
    public static final InputScaling NONE = new InputScaling("none", null, null);
    public static final InputScaling PIXELS = new InputScaling("pixels", null, null);

    public InputScaling {
        switch (kind) {
            case "none", "pixels" -> {
                if (mean != null || sd != null) throw new IllegalArgumentException(kind + " scaling takes no statistics");
            }
            case "standardize" -> {
                if (mean == null || sd == null || mean.length != sd.length) {
                    throw new IllegalArgumentException("standardize needs a mean and a standard deviation per feature");
                }
                mean = mean.clone();
                sd = sd.clone();
            }
            default -> throw new IllegalArgumentException("unknown input scaling '" + kind + "' (expected none, pixels or standardize)");
        }
    }

    public static InputScaling standardize(float[] mean, float[] sd) {
        return new InputScaling("standardize", mean, sd);
    }

    @Override
    public float[] mean() {
        return mean == null ? null : mean.clone();
    }

    @Override
    public float[] sd() {
        return sd == null ? null : sd.clone();
    }

    /** Scales {@code rows} rows of {@code features} raw values in place. */
    public void apply(float[] x, int rows, int features) {
        if (kind.equals("standardize") && mean.length != features) {
            throw new IllegalArgumentException("the scaling has statistics for " + mean.length + " features, the data has " + features);
        }
        // The kind is chosen once, outside the loop: MNIST's training set is 47 million values.
        switch (kind) {
            case "pixels" -> {
                for (int i = 0, n = rows * features; i < n; i++) x[i] = x[i] * (1f / 255f);
            }
            case "standardize" -> {
                for (int r = 0; r < rows; r++) {
                    for (int j = 0; j < features; j++) {
                        int i = r * features + j;
                        x[i] = (x[i] - mean[j]) / sd[j];
                    }
                }
            }
            default -> { }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InputScaling s && s.kind.equals(kind) && Arrays.equals(s.mean, mean) && Arrays.equals(s.sd, sd);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + Arrays.hashCode(mean);
    }
}
