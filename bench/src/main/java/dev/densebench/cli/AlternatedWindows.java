package dev.densebench.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Two configurations of one product timed in alternating windows inside one JVM. On a shared
 * machine the speed drifts by 10–50 % within seconds, so two configurations timed one after the
 * other disagree by more than the effect measured; alternating them every few hundred
 * milliseconds exposes both to the same drift, and the median of the per-round ratios is the
 * comparison. Which configuration goes first alternates from round to round.
 */
final class AlternatedWindows {
    private AlternatedWindows() {
    }

    /** Per measured round: GFLOP/s of the first configuration, of the second, and second / first. */
    record Rounds(double[] first, double[] second, double[] ratio) {
        double minRatio() {
            return Arrays.stream(ratio).min().orElseThrow();
        }

        double maxRatio() {
            return Arrays.stream(ratio).max().orElseThrow();
        }

        /** The ratio below which a quarter (q = 1) or three quarters (q = 3) of the rounds lie. */
        double quartileRatio(int q) {
            double[] s = ratio.clone();
            Arrays.sort(s);
            return s[Math.min(s.length - 1, q * s.length / 4)];
        }

        /** A table row: the shape, both medians in GFLOP/s, the median ratio and the middle half of the per-round ratios. */
        void printRow(PrintWriter out, String shape, int decimals) {
            String f = "%." + decimals + "f";
            out.printf(TABLE, shape, String.format("%.1f GFLOP/s", median(first)), String.format("%.1f GFLOP/s", median(second)),
                    String.format(f, median(ratio)), String.format(f + " – " + f, quartileRatio(1), quartileRatio(3)));
            out.flush();
        }

        Map<String, Object> toJson(String shape, String firstName, String secondName, String ratioName) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("shape", shape);
            row.put(firstName, median(first));
            row.put(secondName, median(second));
            row.put(ratioName + "Median", median(ratio));
            row.put(ratioName + "Min", minRatio());
            row.put(ratioName + "Max", maxRatio());
            row.put(ratioName + "PerRound", ratio);
            return row;
        }
    }

    private static final String TABLE = "%-18s  %16s  %16s  %10s  %17s%n";

    /** The header of {@link Rounds#printRow}'s table, naming the two configurations. */
    static void printHeader(PrintWriter out, String firstName, String secondName) {
        out.printf(TABLE, "shape", firstName, secondName, "ratio", "middle half");
    }

    /**
     * 2 warm-up rounds, then {@code rounds} measured ones of {@code windowMs} per configuration,
     * each window preceded by {@code settleMs} idle (0 for none): time for the other side's idle
     * worker threads to stop spinning, so that they do not share the cores with this window.
     */
    static Rounds measure(int rounds, int windowMs, int settleMs, double flops, Runnable first, Runnable second) {
        Rounds r = new Rounds(new double[rounds], new double[rounds], new double[rounds]);
        for (int i = -2; i < rounds; i++) {
            boolean inOrder = (i & 1) == 0;
            settle(settleMs);
            double x = medianGflops(flops, windowMs, inOrder ? first : second);
            settle(settleMs);
            double y = medianGflops(flops, windowMs, inOrder ? second : first);
            if (i >= 0) {
                r.first[i] = inOrder ? x : y;
                r.second[i] = inOrder ? y : x;
                r.ratio[i] = r.second[i] / r.first[i];
            }
        }
        return r;
    }

    private static void settle(int ms) {
        if (ms <= 0) return;
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted between windows", e);
        }
    }

    /** Runs the product for one window; GFLOP/s of the median call. */
    private static double medianGflops(double flops, int windowMs, Runnable product) {
        long end = System.nanoTime() + windowMs * 1_000_000L;
        double[] times = new double[64];
        int count = 0;
        do {
            long t0 = System.nanoTime();
            product.run();
            if (count == times.length) times = Arrays.copyOf(times, 2 * count);
            times[count++] = System.nanoTime() - t0;
        } while (System.nanoTime() < end);
        return flops / median(Arrays.copyOf(times, count));
    }

    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int h = s.length / 2;
        return s.length % 2 == 1 ? s[h] : (s[h - 1] + s[h]) / 2;
    }
}
