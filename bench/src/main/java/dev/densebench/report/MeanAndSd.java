package dev.densebench.report;

/** Mean and sample standard deviation (n − 1; 0 for a single value). */
public record MeanAndSd(double mean, double std, int n) {
    public static MeanAndSd of(double[] values) {
        int n = values.length;
        if (n == 0) return new MeanAndSd(Double.NaN, Double.NaN, 0);
        double sum = 0;
        for (double v : values) sum += v;
        double mean = sum / n;
        double sq = 0;
        for (double v : values) sq += (v - mean) * (v - mean);
        return new MeanAndSd(mean, n > 1 ? Math.sqrt(sq / (n - 1)) : 0, n);
    }

    /** e.g. {@code 97.83 ± 0.12 %} for accuracies given as fractions. */
    public String percent() {
        return String.format("%.2f ± %.2f %%", 100 * mean, 100 * std);
    }

    /** Seconds, or milliseconds when {@code millis}: a table picks one unit per column ({@link #millisFor}). */
    public String seconds(boolean millis) {
        return millis ? String.format("%.1f ± %.1f ms", 1e3 * mean, 1e3 * std) : String.format("%.2f ± %.2f s", mean, std);
    }

    /** Milliseconds for a column whose largest mean is under one second, else seconds. */
    public static boolean millisFor(java.util.Collection<MeanAndSd> column) {
        return column.stream().mapToDouble(MeanAndSd::mean).filter(Double::isFinite).max().orElse(0) < 1;
    }
}
