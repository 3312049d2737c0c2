package dev.densebench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One JMH result (JMH's own JSON): benchmark, parameters, score with its 99.9 % confidence half-width. */
public record JmhResult(String benchmark, Map<String, String> params, double score, double error, String unit) {

    /** {@code GemmBench.sgemm} from {@code dev.densebench.jmh.GemmBench.sgemm}. */
    public String shortName() {
        String[] parts = benchmark.split("\\.");
        return parts.length >= 2 ? parts[parts.length - 2] + "." + parts[parts.length - 1] : benchmark;
    }

    public String paramText() {
        StringBuilder sb = new StringBuilder();
        params.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : " ").append(k).append('=').append(v));
        return sb.toString();
    }

    /** GFLOP/s of a GemmBench result (2·M·N·K per operation), or NaN for other benchmarks. */
    public double gflops() {
        String shape = params.get("shape");
        if (shape == null || !unit.equals("us/op")) return Double.NaN;
        String[] d = shape.substring(shape.indexOf(':') + 1).split("x");
        double flop = 2.0 * Double.parseDouble(d[0]) * Double.parseDouble(d[1]) * Double.parseDouble(d[2]);
        return flop / score / 1e3;
    }

    public static List<JmhResult> read(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        if (!root.isArray()) throw new IOException(file + ": not JMH JSON (expected a list of results)");
        List<JmhResult> out = new ArrayList<>();
        for (JsonNode r : root) {
            Map<String, String> params = new TreeMap<>();
            r.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
            JsonNode m = r.path("primaryMetric");
            double error = m.path("scoreError").asDouble(Double.NaN);
            out.add(new JmhResult(r.path("benchmark").asText(), params, m.path("score").asDouble(),
                    Double.isNaN(error) ? 0 : error, m.path("scoreUnit").asText()));
        }
        return out;
    }
}
