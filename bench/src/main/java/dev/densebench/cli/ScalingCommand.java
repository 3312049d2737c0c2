package dev.densebench.cli;

import static dev.densebench.cli.AlternatedWindows.median;

import dev.densebench.jmh.GemmProblem;
import dev.densebench.kernel.Kernels;
import dev.densebench.kernel.KernelsFactory;
import dev.densebench.runrecord.MachineInfo;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code densebench scaling}: the vector sgemm on 1 thread and on N threads, or (with
 * {@code --baseline scalar}) the scalar kernels against the vector ones, alternated in short
 * windows inside one JVM ({@link AlternatedWindows}: the median of the per-round ratios is the
 * speed-up).
 */
@Command(name = "scaling", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 120,
        description = {"Speed-up of the vector sgemm from 1 to N threads, both alternated in one JVM.",
                "With --baseline scalar: the vector sgemm on N threads (default 1) against the scalar kernels on 1."})
public final class ScalingCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--shapes", split = ",", description = "products as [tn:|nt:]MxKxN (default: ${DEFAULT-VALUE})",
            defaultValue = "128x784x512,tn:784x128x512,nt:128x512x784,512x512x512,1024x1024x1024")
    List<String> shapes;

    @Option(names = "--threads", description = "the thread count compared with 1 (default: all cores; 1 with --baseline scalar)")
    Integer threads;

    @Option(names = "--baseline", description = "what the vector sgemm is compared with: vector (itself on 1 thread) or scalar "
            + "(the scalar kernels on 1 thread; slow: give --window-ms 1000 for large shapes) (default: ${DEFAULT-VALUE})",
            defaultValue = "vector")
    String baseline;

    @Mixin
    AlternationArgs alternation;

    private static final String FORMAT = "%-18s  %16s  %16s  %9s  %17s%n";

    @Override
    public Integer call() throws Exception {
        boolean scalar = switch (baseline) {
            case "vector" -> false;
            case "scalar" -> true;
            default -> throw new ParameterException(spec.commandLine(), "--baseline must be vector or scalar, got '" + baseline + "'");
        };
        int n = threads != null ? threads : scalar ? 1 : Runtime.getRuntime().availableProcessors();
        if (n < (scalar ? 1 : 2)) {
            throw new ParameterException(spec.commandLine(), "--threads must be at least " + (scalar ? 1 : 2)
                    + (scalar ? "" : " to compare with 1") + ", got " + n);
        }
        List<GemmProblem> problems = alternation.problems(spec, shapes);
        int rounds = alternation.rounds, windowMs = alternation.windowMs;
        // The vector kernels' start-up line (width and tile) is printed once.
        Consumer<String> show = msg -> System.err.println("densebench: " + msg), quiet = msg -> { };
        Kernels one = KernelsFactory.create(scalar ? "scalar" : "vector", 1, scalar ? quiet : show);
        Kernels many = KernelsFactory.create("vector", n, scalar ? show : quiet);
        String oneName = scalar ? "scalar, 1 thread" : "1 thread";
        String manyName = scalar ? "vector, " + n + (n == 1 ? " thread" : " threads") : n + " threads";
        List<Map<String, Object>> rows = new ArrayList<>();
        PrintWriter console = spec.commandLine().getOut();
        try {
            console.printf("%s alternated every %d ms, %d rounds (+2 warm-up) per shape%n",
                    scalar ? "scalar sgemm (1 thread) vs vector (" + n + ")" : "vector sgemm, 1 vs " + n + " threads", windowMs, rounds);
            console.printf(FORMAT, "shape", oneName, manyName, "speed-up", "range");
            for (GemmProblem p : problems) {
                AlternatedWindows.Rounds r = AlternatedWindows.measure(rounds, windowMs, 0, p.flops(), () -> p.run(one), () -> p.run(many));
                console.printf(FORMAT, p.shape, String.format("%.1f GFLOP/s", median(r.first())),
                        String.format("%.1f GFLOP/s", median(r.second())), String.format("%.2f x", median(r.ratio())),
                        String.format("%.2f – %.2f x", r.minRatio(), r.maxRatio()));
                console.flush();
                rows.add(scalar ? r.toJson(p.shape, "gflopsScalar", "gflopsVector", "speedup")
                        : r.toJson(p.shape, "gflopsOneThread", "gflopsThreads", "speedup"));
            }
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("threads", n);
            facts.put("baseline", baseline);
            facts.put("machine", MachineInfo.describe(many));
            alternation.write(spec, facts, rows);
        } finally {
            if (one instanceof AutoCloseable c) c.close();
            if (many instanceof AutoCloseable c) c.close();
        }
        return 0;
    }
}
