package dev.densebench.train;

import java.util.List;

/**
 * Counts of (true class, predicted class) over a dataset: {@code counts[t][p]}. Per class c:
 * precision = counts[c][c] / Σ_t counts[t][c], recall = counts[c][c] / Σ_p counts[c][p],
 * F1 = 2·P·R / (P + R); each is NaN when its denominator is 0 (no such predictions or examples).
 */
public record ConfusionMatrix(List<String> classes, long[][] counts) {

    public static ConfusionMatrix of(List<String> classes, int[] labels, int[] predicted, int rows) {
        long[][] c = new long[classes.size()][classes.size()];
        for (int i = 0; i < rows; i++) c[labels[i]][predicted[i]]++;
        return new ConfusionMatrix(classes, c);
    }

    public long total() {
        long n = 0;
        for (long[] row : counts) for (long v : row) n += v;
        return n;
    }

    public long correct() {
        long n = 0;
        for (int i = 0; i < counts.length; i++) n += counts[i][i];
        return n;
    }

    public double accuracy() {
        return (double) correct() / total();
    }

    public long support(int c) {
        long n = 0;
        for (long v : counts[c]) n += v;
        return n;
    }

    public double precision(int c) {
        long predicted = 0;
        for (long[] row : counts) predicted += row[c];
        return predicted == 0 ? Double.NaN : (double) counts[c][c] / predicted;
    }

    public double recall(int c) {
        long n = support(c);
        return n == 0 ? Double.NaN : (double) counts[c][c] / n;
    }

    public double f1(int c) {
        double p = precision(c);
        double r = recall(c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }
}
