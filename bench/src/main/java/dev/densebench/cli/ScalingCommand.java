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
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code densebench scaling}: the vector sgemm on 1 thread and on N threads, alternated in short
 * windows inside one JVM ({@link AlternatedWindows}: the median of the per-round ratios is the
 * speed-up).
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

    @Mixin
    AlternationArgs alternation;

    private static final String FORMAT = "%-18s  %14s  %14s  %9s  %17s%n";

    @Override
    public Integer call() throws Exception {
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (n < 2) throw new ParameterException(spec.commandLine(), "--threads must be at least 2 to compare with 1, got " + n);
        List<GemmProblem> problems = alternation.problems(spec, shapes);
        int rounds = alternation.rounds, windowMs = alternation.windowMs;
        Kernels one = KernelsFactory.create("vector", 1, msg -> System.err.println("densebench: " + msg));
        Kernels many = KernelsFactory.create("vector", n, msg -> { });
        List<Map<String, Object>> rows = new ArrayList<>();
        PrintWriter console = spec.commandLine().getOut();
        try {
            console.printf("vector sgemm, 1 vs %d threads alternated every %d ms, %d rounds (+2 warm-up) per shape%n",
                    n, windowMs, rounds);
            console.printf(FORMAT, "shape", "1 thread", n + " threads", "speed-up", "range");
            for (GemmProblem p : problems) {
                AlternatedWindows.Rounds r = AlternatedWindows.measure(rounds, windowMs, 0, p.flops(), () -> p.run(one), () -> p.run(many));
                console.printf(FORMAT, p.shape, String.format("%.1f GFLOP/s", median(r.first())),
                        String.format("%.1f GFLOP/s", median(r.second())), String.format("%.2f x", median(r.ratio())),
                        String.format("%.2f – %.2f x", r.minRatio(), r.maxRatio()));
                console.flush();
                rows.add(r.toJson(p.shape, "gflopsOneThread", "gflopsThreads", "speedup"));
            }
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("threads", n);
            facts.put("machine", MachineInfo.describe(many));
            alternation.write(spec, facts, rows);
        } finally {
            if (one instanceof AutoCloseable c) c.close();
            if (many instanceof AutoCloseable c) c.close();
        }
        return 0;
    }
}
