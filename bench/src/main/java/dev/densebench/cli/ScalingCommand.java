package dev.densebench.cli;

import dev.densebench.jmh.GemmProblem;
import dev.densebench.kernel.Kernels;
import dev.densebench.kernel.KernelsFactory;
import dev.densebench.runrecord.MachineInfo;
import dev.densebench.runrecord.RunRecordWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code densebench scaling}: the vector sgemm on 1 thread and on N threads, alternated in short
 * windows inside one JVM. On a shared machine the speed drifts by 10–20 % within
 * seconds, so two configurations timed one after the other (as two JMH runs are) disagree by
 * more than the effect measured; alternating them every few hundred milliseconds exposes both
 * to the same drift, and the median of the per-round ratios is the speed-up.
 */
@Command(name = "scaling", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 120,
        description = "Speed-up of the vector sgemm from 1 to N threads, both alternated in one JVM.")
public final class ScalingCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--shapes", split = ",", description = "products as [tn:|nt:]MxKxN (default: ${DEFAULT-VALUE})",
            defaultValue = "128x784x512,tn:784x128x512,nt:128x512x784,512x512x512,1024x1024x1024")
    List<String> shapes;

    @Option(names = "--threads", description = "the thread count compared with 1 (default: all cores)")
    Integer threads;

    @Option(names = "--rounds", defaultValue = "10", description = "measured rounds per shape, after 2 warm-up rounds (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--window-ms", defaultValue = "250", description = "time per configuration per round, ms (default: ${DEFAULT-VALUE})")
    int windowMs;

    @Option(names = "--out", description = "also write the results as JSON to this file")
    Path out;

    private static final String FORMAT = "%-18s  %14s  %14s  %9s  %17s%n";

    @Override
    public Integer call() throws Exception {
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (n < 2) throw new ParameterException(spec.commandLine(), "--threads must be at least 2 to compare with 1, got " + n);
        if (rounds < 1) throw new ParameterException(spec.commandLine(), "--rounds must be at least 1, got " + rounds);
        if (windowMs < 10) throw new ParameterException(spec.commandLine(), "--window-ms must be at least 10, got " + windowMs);
        List<GemmProblem> problems = new ArrayList<>();
        for (String s : shapes) {
            try {
                problems.add(GemmProblem.parse(s));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--shapes: " + e.getMessage());
            }
        }
        Kernels one = KernelsFactory.create("vector", 1, msg -> System.err.println("densebench: " + msg));
        Kernels many = KernelsFactory.create("vector", n, msg -> { });
        List<Map<String, Object>> rows = new ArrayList<>();
        PrintWriter console = spec.commandLine().getOut();
        try {
            console.printf("vector sgemm, 1 vs %d threads alternated every %d ms, %d rounds (+2 warm-up) per shape%n",
                    n, windowMs, rounds);
            console.printf(FORMAT, "shape", "1 thread", n + " threads", "speed-up", "range");
            for (GemmProblem p : problems) {
                Rounds r = measure(p, one, many);
                console.printf(FORMAT, p.shape, String.format("%.1f GFLOP/s", median(r.single)),
                        String.format("%.1f GFLOP/s", median(r.multi)), String.format("%.2f x", median(r.ratio)),
                        String.format("%.2f – %.2f x", r.minRatio(), r.maxRatio()));
                console.flush();
                rows.add(r.toJson(p.shape));
            }
            if (out != null) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("command", "densebench scaling " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
                doc.put("threads", n);
                doc.put("rounds", rounds);
                doc.put("windowMs", windowMs);
                doc.put("machine", MachineInfo.describe(many));
                doc.put("results", rows);
                RunRecordWriter.writeAtomically(out, doc);
                console.println("wrote " + out);
            }
        } finally {
            if (one instanceof AutoCloseable c) c.close();
            if (many instanceof AutoCloseable c) c.close();
        }
        return 0;
    }

    /** Per measured round: GFLOP/s on 1 thread, on N threads, and their ratio. */
    record Rounds(double[] single, double[] multi, double[] ratio) {
        double minRatio() {
            return Arrays.stream(ratio).min().orElseThrow();
        }

        double maxRatio() {
            return Arrays.stream(ratio).max().orElseThrow();
        }

        Map<String, Object> toJson(String shape) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("shape", shape);
            row.put("gflopsOneThread", median(single));
            row.put("gflopsThreads", median(multi));
            row.put("speedupMedian", median(ratio));
            row.put("speedupMin", minRatio());
            row.put("speedupMax", maxRatio());
            row.put("speedupPerRound", ratio);
            return row;
        }
    }

    /** 2 warm-up rounds, then the measured ones; which configuration goes first alternates. */
    private Rounds measure(GemmProblem p, Kernels one, Kernels many) {
        Rounds r = new Rounds(new double[rounds], new double[rounds], new double[rounds]);
        for (int i = -2; i < rounds; i++) {
            boolean oneFirst = (i & 1) == 0;
            double first = medianGflops(p, oneFirst ? one : many);
            double second = medianGflops(p, oneFirst ? many : one);
            if (i >= 0) {
                r.single[i] = oneFirst ? first : second;
                r.multi[i] = oneFirst ? second : first;
                r.ratio[i] = r.multi[i] / r.single[i];
            }
        }
        return r;
    }

    /** Runs the product for one window; GFLOP/s of the median call. */
    private double medianGflops(GemmProblem p, Kernels kernels) {
        long end = System.nanoTime() + windowMs * 1_000_000L;
        double[] times = new double[64];
        int count = 0;
        do {
            long t0 = System.nanoTime();
            p.run(kernels);
            if (count == times.length) times = Arrays.copyOf(times, 2 * count);
            times[count++] = System.nanoTime() - t0;
        } while (System.nanoTime() < end);
        return p.flops() / median(Arrays.copyOf(times, count));
    }

    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int h = s.length / 2;
        return s.length % 2 == 1 ? s[h] : (s[h - 1] + s[h]) / 2;
    }
}
