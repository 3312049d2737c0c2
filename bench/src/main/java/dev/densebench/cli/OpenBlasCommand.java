package dev.densebench.cli;

import dev.densebench.jmh.GemmProblem;
import dev.densebench.kernel.Kernels;
import dev.densebench.kernel.KernelsFactory;
import dev.densebench.peer.OpenBlas;
import dev.densebench.runrecord.MachineInfo;
import java.io.PrintWriter;
import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code densebench openblas}: densebench's vector sgemm against OpenBLAS's {@code cblas_sgemm}
 * (loaded through the foreign-function API), both on the same threads, alternated in short
 * windows inside one JVM ({@link AlternatedWindows}), so that the ratio is measured under the
 * same machine load; the median of the per-round ratios is the figure. Each shape is checked
 * first: both must compute the same C.
 */
@Command(name = "openblas", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 120,
        description = {"densebench's vector sgemm against OpenBLAS's, alternated in one JVM (the ratio is densebench / OpenBLAS).",
                "OpenBLAS's kernel comes from OPENBLAS_CORETYPE (e.g. Haswell), else from the CPU."})
public final class OpenBlasCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--shapes", split = ",", description = "products as [tn:|nt:]MxKxN (default: ${DEFAULT-VALUE})",
            defaultValue = "128x784x512,128x512x512,128x512x10,512x512x512,1024x1024x1024")
    List<String> shapes;

    @Option(names = "--threads", defaultValue = "1", description = "threads of both libraries (default: ${DEFAULT-VALUE})")
    int threads;

    @Mixin
    AlternationArgs alternation;

    @Option(names = "--library", description = "the OpenBLAS shared library (default: the first found of the usual places)")
    Path library;

    /**
     * Idle time before each window when more than one thread runs. OpenBLAS's idle workers spin
     * for 2^28 TSC cycles (its THREAD_TIMEOUT; 0.13 s at 2.1 GHz) after each call before they
     * sleep, so without a pause they would share the cores with densebench's next window (seen:
     * 2-thread ratios 0.54–0.60 before the pause). densebench's own workers spin for well under a
     * millisecond, then park.
     */
    static final int SETTLE_MS = 300;

    @Override
    public Integer call() throws Exception {
        if (threads < 1) throw new ParameterException(spec.commandLine(), "--threads must be at least 1, got " + threads);
        List<GemmProblem> problems = alternation.problems(spec, shapes);
        int rounds = alternation.rounds, windowMs = alternation.windowMs;
        OpenBlas blas;
        try {
            blas = OpenBlas.load(library);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), (library != null ? "--library: " : "") + e.getMessage());
        }
        blas.threads(threads);
        int settleMs = threads > 1 ? SETTLE_MS : 0;
        String[] vectorLine = new String[1];
        Kernels kernels = KernelsFactory.create("vector", threads, msg -> vectorLine[0] = msg);
        PrintWriter console = spec.commandLine().getOut();
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Arena arena = Arena.ofConfined()) {
            console.printf("densebench: %s; OpenBLAS: %s kernel (%s); %d thread(s); alternated every %d ms%s, %d rounds (+2 warm-up)%n",
                    vectorLine[0], blas.coreName(), blas.library(), threads, windowMs,
                    settleMs > 0 ? ", " + settleMs + " ms idle before each (OpenBLAS's workers stop spinning)" : "", rounds);
            AlternatedWindows.printHeader(console, "OpenBLAS", "densebench");
            for (GemmProblem p : problems) {
                OpenBlas.Product peer = p.onOpenBlas(blas, arena);
                peer.run(); // both must compute the same C
                p.checkSame(p.run(kernels), peer.result(), "densebench and OpenBLAS");
                AlternatedWindows.Rounds r = AlternatedWindows.measure(rounds, windowMs, settleMs, p.flops(), peer, () -> p.run(kernels));
                r.printRow(console, p.shape, 2);
                rows.add(r.toJson(p.shape, "gflopsOpenBlas", "gflopsDensebench", "ratio"));
            }
        } finally {
            if (kernels instanceof AutoCloseable c) c.close();
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("openblasCore", blas.coreName());
        facts.put("openblasLibrary", blas.library().toString());
        facts.put("threads", threads);
        facts.put("machine", MachineInfo.describe(kernels));
        alternation.write(spec, facts, rows);
        return 0;
    }
}
