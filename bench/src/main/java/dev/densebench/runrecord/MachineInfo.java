package dev.densebench.runrecord;

import dev.densebench.kernel.Kernels;
import dev.densebench.kernel.KernelsFactory;
import dev.densebench.kernel.VectorKernels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The facts about the machine and build that make a run record comparable to others. */
public final class MachineInfo {
    private MachineInfo() {
    }

    public static Map<String, Object> describe(Kernels kernels) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpuModel", cpuModel());
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        m.put("jdk", System.getProperty("java.vm.vendor") + " " + Runtime.version());
        boolean vectorPath = KernelsFactory.vectorUnavailableReason() == null;
        m.put("vectorBits", vectorPath ? VectorKernels.vectorBits() : 0);
        m.put("gemmTile", kernels.name().equals("vector") ? VectorKernels.gemmTile() : "none (scalar kernels)");
        m.put("kernels", kernels.name());
        m.put("threads", kernels.pool().size());
        m.put("maxHeapMiB", Runtime.getRuntime().maxMemory() >> 20);
        m.put("gitCommit", gitCommit());
        return m;
    }

    static String cpuModel() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        try {
            for (String line : Files.readAllLines(cpuinfo, StandardCharsets.UTF_8)) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or not readable: fall through.
        }
        return System.getProperty("os.arch");
    }

    /** HEAD's commit, with "-dirty" when the work tree has uncommitted changes; "unknown" outside git. */
    public static String gitCommit() {
        try {
            // The densebench folder's commit (run-bench.sh sets densebench.home), wherever the caller stands.
            String home = System.getProperty("densebench.home", ".");
            String head = run("git", "-C", home, "rev-parse", "HEAD");
            if (head.isEmpty()) return "unknown";
            String status = run("git", "-C", home, "status", "--porcelain", "--untracked-files=no");
            return status.isEmpty() ? head : head + "-dirty";
        } catch (IOException | InterruptedException e) {
            return "unknown";
        }
    }

    private static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) return "";
        return out;
    }
}
