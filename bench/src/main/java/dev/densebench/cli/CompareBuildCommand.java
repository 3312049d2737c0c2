package dev.densebench.cli;

import dev.densebench.jmh.GemmProblem;
import dev.densebench.kernel.Kernels;
import dev.densebench.kernel.KernelsFactory;
import dev.densebench.kernel.VectorKernels;
import dev.densebench.runrecord.MachineInfo;
import java.io.PrintWriter;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code densebench compare-build}: this build's vector sgemm against another build's engine (a
 * jar, e.g. of an older commit: {@code run-bench.sh} builds one from a git revision), alternated
 * in one JVM ({@link AlternatedWindows}), the ratio being this build / the other. A kernel change
 * is judged this way: two builds timed one after the other on a shared machine differ by more
 * than most changes do. The other build runs in a class loader of its own, with its own
 * {@code GemmTuning}; {@code --baseline-set} gives it tuning properties, so this build's jar
 * against itself compares two tunings.
 */
@Command(name = "compare-build", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 120,
        description = {"This build's vector sgemm against another build's, alternated in one JVM (the ratio is this build / the other).",
                "run-bench.sh compare-build --baseline REV builds the engine of git revision REV first."})
public final class CompareBuildCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--baseline", required = true, description = "the other build: its engine jar (densebench-engine-*.jar) or classes folder")
    Path baseline;

    @Option(names = "--baseline-set", description = "a system property for the other build only, NAME=VALUE "
            + "(e.g. densebench.gemm.kc=256); repeatable")
    Map<String, String> baselineProperties = new LinkedHashMap<>();

    @Option(names = "--shapes", split = ",", description = "products as [tn:|nt:]MxKxN (default: ${DEFAULT-VALUE})",
            defaultValue = "128x784x512,128x512x512,128x512x10,512x512x512,1024x1024x1024,tn:784x128x512,nt:128x512x784")
    List<String> shapes;

    @Option(names = "--threads", defaultValue = "1", description = "threads of both builds (default: ${DEFAULT-VALUE})")
    int threads;

    @Mixin
    AlternationArgs alternation;


    @Override
    public Integer call() throws Exception {
        if (threads < 1) throw new ParameterException(spec.commandLine(), "--threads must be at least 1, got " + threads);
        List<GemmProblem> problems = alternation.problems(spec, shapes);
        if (!Files.exists(baseline)) {
            throw new ParameterException(spec.commandLine(), "--baseline: no file '" + baseline
                    + "'; expected an engine jar or classes folder (run-bench.sh also takes a git revision)");
        }
        String[] lines = new String[2]; // what each build says it runs (the first notice; more are appended)
        OtherBuild other = OtherBuild.load(spec, baseline, baselineProperties, threads, msg -> lines[0] = join(lines[0], msg));
        Kernels kernels = KernelsFactory.create("vector", threads, msg -> lines[1] = join(lines[1], msg));
        if (lines[1] == null) { // announced once per JVM, and this JVM already did
            lines[1] = kernels.name().equals("vector") ? "vector kernels: " + VectorKernels.vectorBits() + "-bit, tile "
                    + VectorKernels.gemmTile() : "scalar kernels";
        }
        if (lines[0] == null) lines[0] = "(no notice: a build from before the notices)";
        PrintWriter console = spec.commandLine().getOut();
        List<Map<String, Object>> rows = new ArrayList<>();
        try {
            console.printf("this build: %s; baseline %s%s: %s; %d thread(s); alternated every %d ms, %d rounds (+2 warm-up)%n",
                    lines[1], baseline.getFileName(), baselineProperties.isEmpty() ? "" : " " + baselineProperties,
                    lines[0], threads, alternation.windowMs, alternation.rounds);
            AlternatedWindows.printHeader(console, "baseline", "this build");
            for (GemmProblem p : problems) {
                float[] theirs = p.run(other.sgemm).clone(); // both must compute the same C
                p.checkSame(p.run(kernels), theirs, "this build and the baseline");
                AlternatedWindows.Rounds r = AlternatedWindows.measure(alternation.rounds, alternation.windowMs, 0, p.flops(),
                        () -> p.run(other.sgemm), () -> p.run(kernels));
                r.printRow(console, p.shape, 3);
                rows.add(r.toJson(p.shape, "gflopsBaseline", "gflopsThisBuild", "ratio"));
            }
        } finally {
            if (kernels instanceof AutoCloseable c) c.close();
            other.close();
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("baseline", baseline.toString());
        facts.put("baselineProperties", baselineProperties);
        facts.put("baselineKernels", lines[0]);
        facts.put("threads", threads);
        facts.put("machine", MachineInfo.describe(kernels));
        alternation.write(spec, facts, rows);
        return 0;
    }

    private static String join(String before, String notice) {
        return before == null ? notice : before + "; " + notice;
    }


    /** The other build's vector kernels, in a class loader of their own, called through a method handle. */
    private record OtherBuild(URLClassLoader loader, Object kernels, GemmProblem.Sgemm sgemm) implements AutoCloseable {

        static OtherBuild load(CommandSpec spec, Path jar, Map<String, String> properties, int threads,
                               Consumer<String> notice) throws Exception {
            URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
            Object kernels;
            MethodHandle sgemm;
            // Its GemmTuning reads the properties once, when create() first touches it; this build's reads them later.
            Map<String, String> saved = new LinkedHashMap<>();
            properties.forEach((k, v) -> saved.put(k, System.setProperty(k, v)));
            try {
                Class<?> factory = loader.loadClass("dev.densebench.kernel.KernelsFactory");
                kernels = factory.getMethod("create", String.class, int.class, Consumer.class).invoke(null, "vector", threads, notice);
                Class<?> api = loader.loadClass("dev.densebench.kernel.Kernels");
                MethodType type = MethodType.methodType(void.class, boolean.class, boolean.class, int.class, int.class, int.class,
                        float.class, float[].class, int.class, int.class, float[].class, int.class, int.class, float.class,
                        float[].class, int.class, int.class);
                sgemm = MethodHandles.publicLookup().findVirtual(api, "sgemm", type).bindTo(kernels);
            } catch (java.lang.reflect.InvocationTargetException e) {
                loader.close();
                throw new IllegalStateException("the baseline's KernelsFactory.create failed: " + e.getCause(), e.getCause());
            } catch (ReflectiveOperationException | LinkageError e) {
                loader.close();
                throw new ParameterException(spec.commandLine(), "--baseline: '" + jar + "' holds no densebench engine with "
                        + "KernelsFactory.create(String, int, Consumer) and Kernels.sgemm (" + e + ")");
            } finally {
                saved.forEach((k, v) -> {
                    if (v == null) System.clearProperty(k);
                    else System.setProperty(k, v);
                });
            }
            GemmProblem.Sgemm call = (tA, tB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc) -> {
                try {
                    sgemm.invokeExact(tA, tB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
                } catch (RuntimeException | Error e) {
                    throw e;
                } catch (Throwable e) {
                    throw new IllegalStateException(e);
                }
            };
            return new OtherBuild(loader, kernels, call);
        }

        @Override
        public void close() throws Exception {
            if (kernels instanceof AutoCloseable c) c.close();
            loader.close();
        }
    }
}
