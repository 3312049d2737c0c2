package dev.densebench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a report needs from one run record. Study and variant come from the record's place
 * {@code <study>/<dataset>/<variant>/seed-N.json} under the records folder; a record elsewhere
 * counts as study "runs" with its optimizer as the variant. {@code confusionMatrix} is the
 * record's test confusion matrix ({@code classes}, {@code counts}), missing in older records.
 */
public record RunSummary(Path file, String study, String dataset, String variant, long seed, double[] testAccuracy,
                         double[] epochSeconds, double finalTest, double finalVal, Double timeToTarget, double target,
                         int bestEpoch, JsonNode config, JsonNode machine, boolean diverged,
                         JsonNode confusionMatrix) {

    /** Cumulative training seconds at the end of each epoch. */
    public double[] cumulativeSeconds() {
        double[] c = new double[epochSeconds.length];
        double t = 0;
        for (int i = 0; i < c.length; i++) c[i] = t += epochSeconds[i];
        return c;
    }

    public double meanEpochSeconds() {
        double t = 0;
        for (double s : epochSeconds) t += s;
        return t / Math.max(1, epochSeconds.length);
    }

    /** Every valid record under {@code dir}; unreadable files are reported and skipped. */
    public static List<RunSummary> loadAll(Path dir) throws IOException {
        List<RunSummary> out = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                JsonNode r;
                try {
                    r = json.readTree(f.toFile());
                } catch (IOException e) {
                    System.err.println("report: skipping " + f + " (not valid JSON: " + e.getMessage() + ")");
                    continue;
                }
                if (!"densebench-run/1".equals(r.path("format").asText())) continue;
                // Its shape too: a record whose epochs are not a list (found by RunRecordFuzzTest) is not read as one.
                if (!r.path("epochs").isArray() || !r.path("result").isObject() || !r.path("config").isObject()) {
                    System.err.println("report: skipping " + f + " (not a whole run record: needs 'epochs' as a list, 'result' and 'config')");
                    continue;
                }
                out.add(of(dir, f, r));
            }
        }
        return out;
    }

    static RunSummary of(Path root, Path file, JsonNode r) {
        JsonNode epochs = r.path("epochs");
        double[] acc = new double[epochs.size()];
        double[] secs = new double[epochs.size()];
        for (int i = 0; i < acc.length; i++) {
            acc[i] = epochs.get(i).path("testAccuracy").asDouble();
            secs[i] = epochs.get(i).path("seconds").asDouble();
        }
        JsonNode result = r.path("result");
        String dataset = r.path("config").path("dataset").asText();
        String study = "runs";
        String variant = r.path("config").path("optimizer").asText();
        Path rel = root.relativize(file);
        int n = rel.getNameCount();
        if (n == 4 && rel.getName(3).toString().startsWith("seed-")) {
            study = rel.getName(0).toString();
            variant = rel.getName(2).toString();
        }
        JsonNode ttt = result.path("timeToTargetSeconds");
        return new RunSummary(file, study, dataset, variant, r.path("seed").asLong(), acc, secs,
                result.path("testAccuracy").asDouble(acc.length > 0 ? acc[acc.length - 1] : Double.NaN),
                result.path("valAccuracy").asDouble(Double.NaN), ttt.isNumber() ? ttt.asDouble() : null,
                result.path("target").asDouble(Double.NaN), result.path("bestEpoch").asInt(0), r.path("config"), r.path("machine"),
                "diverged".equals(result.path("status").asText()), result.path("confusionMatrix"));
    }
}
