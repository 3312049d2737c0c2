package dev.densebench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import dev.densebench.runrecord.RunRecordWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Builds {@code index.html}, {@code summary.md}, {@code records.csv} and the PNG charts of a
 * report folder from its run records ({@code records/}) and JMH results ({@code jmh/*.json})
 * alone, so a report can be rebuilt, or runs from several machines merged, without training.
 */
public final class ReportBuilder {
    private final Path dir;
    private final List<Path> extraJmh;
    private final Path reference;
    private final String command;

    /**
     * @param reference optional CSV of external GEMM figures: {@code label,shape,threads,gflops}
     * @param command   the command that produced the runs, shown in the report
     */
    public ReportBuilder(Path dir, List<Path> extraJmh, Path reference, String command) {
        this.dir = dir;
        this.extraJmh = extraJmh;
        this.reference = reference;
        this.command = command;
    }

    /** Writes the report and returns the path of index.html. */
    public Path build() throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<RunSummary> runs = Files.isDirectory(dir.resolve("records")) ? RunSummary.loadAll(dir.resolve("records")) : List.of();
        Path charts = Files.createDirectories(dir.resolve("charts"));
        try (var old = Files.list(charts)) {
            for (Path png : old.filter(p -> p.toString().endsWith(".png")).toList()) Files.delete(png); // charts of a previous build
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("title", "densebench report: " + dir.getFileName());
        model.put("generatedAt", Instant.now().toString());
        model.put("command", command);
        model.put("runCount", runs.size());
        model.put("grid", gridText());
        model.put("machine", machine(runs));
        model.put("datasets", datasets(runs, charts));
        List<JmhResult> jmh = jmhResults();
        model.put("jmh", jmhSections(jmh, charts));
        model.put("gemm", gemmSection(jmh, charts));
        model.put("hasJmh", !jmh.isEmpty());
        write("report/index.mustache", model, dir.resolve("index.html"));
        write("report/summary.mustache", model, dir.resolve("summary.md"));
        String csv = RecordsCsv.of(runs);
        RunRecordWriter.replaceAtomically(dir.resolve("records.csv"), tmp -> Files.writeString(tmp, csv, StandardCharsets.UTF_8));
        return dir.resolve("index.html");
    }

    private String gridText() throws IOException {
        Path grid = dir.resolve("grid.json");
        if (!Files.isRegularFile(grid)) return null;
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        return m.writeValueAsString(m.readTree(grid.toFile()));
    }

    /** Machine facts of the records, one row per distinct value (several rows when runs were merged). */
    private static List<Map<String, String>> machine(List<RunSummary> runs) {
        Map<String, java.util.Set<String>> facts = new LinkedHashMap<>();
        for (RunSummary r : runs) {
            r.machine().fields().forEachRemaining(e -> {
                if (!e.getKey().equals("threads") && !e.getKey().equals("kernels")) {
                    facts.computeIfAbsent(e.getKey(), k -> new java.util.TreeSet<>()).add(e.getValue().asText());
                }
            });
        }
        List<Map<String, String>> rows = new ArrayList<>();
        facts.forEach((k, v) -> rows.add(Map.of("key", k, "value", String.join(", ", v))));
        return rows;
    }

    private List<Map<String, Object>> datasets(List<RunSummary> runs, Path charts) throws IOException {
        Map<String, Map<String, Map<String, List<RunSummary>>>> tree = new TreeMap<>();
        for (RunSummary r : runs) {
            tree.computeIfAbsent(r.dataset(), k -> new TreeMap<>()).computeIfAbsent(r.study(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(r.variant(), k -> new ArrayList<>()).add(r);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (var ds : tree.entrySet()) {
            List<Map<String, Object>> studies = new ArrayList<>();
            for (var st : ds.getValue().entrySet()) {
                studies.add(study(ds.getKey(), st.getKey(), st.getValue(), charts));
            }
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("name", ds.getKey());
            d.put("studies", studies);
            Map<String, Object> confusion = confusion(ds.getKey(), ds.getValue(), charts);
            if (confusion != null) d.put("confusion", confusion);
            out.add(d);
        }
        return out;
    }

    /**
     * The confusion-matrix heat map of a dataset's best configuration: the (study, variant) with
     * the highest mean final test accuracy among those whose records carry a matrix, summed over
     * its seeds. Runtime studies are left out (they vary the kernels, not the model).
     */
    private static Map<String, Object> confusion(String dataset, Map<String, Map<String, List<RunSummary>>> studies, Path charts)
            throws IOException {
        String bestName = null;
        List<RunSummary> best = null;
        double bestMean = Double.NEGATIVE_INFINITY;
        for (var st : studies.entrySet()) {
            if (st.getKey().contains("runtime")) continue;
            for (var v : st.getValue().entrySet()) {
                List<RunSummary> rs = v.getValue().stream().filter(r -> !r.diverged() && r.confusionMatrix().isObject()).toList();
                if (rs.isEmpty()) continue;
                double mean = rs.stream().mapToDouble(RunSummary::finalTest).average().orElse(Double.NaN);
                if (mean > bestMean) {
                    bestMean = mean;
                    best = rs;
                    bestName = st.getKey() + " / " + v.getKey();
                }
            }
        }
        if (best == null) return null;
        List<String> classes = new ArrayList<>();
        best.get(0).confusionMatrix().path("classes").forEach(c -> classes.add(c.asText()));
        long[][] sum = new long[classes.size()][classes.size()];
        for (RunSummary r : best) {
            JsonNode counts = r.confusionMatrix().path("counts");
            for (int t = 0; t < classes.size(); t++) {
                for (int p = 0; p < classes.size(); p++) sum[t][p] += counts.path(t).path(p).asLong();
            }
        }
        String png = (dataset + "-confusion").replaceAll("[^A-Za-z0-9._-]", "_") + ".png";
        ConfusionHeatMap.write(charts.resolve(png), dataset + " · " + bestName + ": test confusion matrix, " + best.size() + " seeds",
                classes, sum);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("png", "charts/" + png);
        m.put("configuration", bestName);
        m.put("seeds", best.size());
        m.put("test", String.format("%.2f %%", 100 * bestMean));
        return m;
    }

    private Map<String, Object> study(String dataset, String study, Map<String, List<RunSummary>> byVariant, Path charts)
            throws IOException {
        String base = (dataset + "-" + study).replaceAll("[^A-Za-z0-9._-]", "_");
        Map<String, MeanAndSd> finals = new LinkedHashMap<>();
        Map<String, MeanAndSd> epochTimes = new LinkedHashMap<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        // Times first, so that each column gets one unit (ms when all are under a second, else s).
        Map<String, MeanAndSd> reachedTimes = new LinkedHashMap<>();
        // Charts and times from the runs that finished; a diverged run is only counted.
        Map<String, List<RunSummary>> finished = new LinkedHashMap<>();
        byVariant.forEach((variant, runs) -> {
            List<RunSummary> ok = runs.stream().filter(r -> !r.diverged()).toList();
            if (!ok.isEmpty()) finished.put(variant, ok);
        });
        for (var v : finished.entrySet()) {
            epochTimes.put(v.getKey(), MeanAndSd.of(v.getValue().stream().mapToDouble(RunSummary::meanEpochSeconds).toArray()));
            double[] reached = v.getValue().stream().filter(r -> r.timeToTarget() != null).mapToDouble(RunSummary::timeToTarget).toArray();
            if (reached.length > 0) reachedTimes.put(v.getKey(), MeanAndSd.of(reached));
        }
        boolean epochMillis = MeanAndSd.millisFor(epochTimes.values());
        boolean targetMillis = MeanAndSd.millisFor(reachedTimes.values());
        for (var v : byVariant.entrySet()) {
            List<RunSummary> all = v.getValue();
            // Means and sds are over the runs that finished; diverged runs are counted, never averaged.
            List<RunSummary> rs = all.stream().filter(r -> !r.diverged()).toList();
            long diverged = all.size() - rs.size();
            MeanAndSd test = MeanAndSd.of(rs.stream().mapToDouble(RunSummary::finalTest).toArray());
            MeanAndSd val = MeanAndSd.of(rs.stream().mapToDouble(RunSummary::finalVal).toArray());
            long reached = rs.stream().filter(r -> r.timeToTarget() != null).count();
            if (!rs.isEmpty()) finals.put(v.getKey(), test);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("variant", v.getKey());
            row.put("n", all.size());
            row.put("test", rs.isEmpty() ? "diverged" : test.percent());
            row.put("diverged", diverged == 0 ? "–" : diverged + "/" + all.size());
            row.put("val", Double.isNaN(val.mean()) ? "-" : val.percent());
            row.put("epochSeconds", rs.isEmpty() ? "-" : epochTimes.get(v.getKey()).seconds(epochMillis));
            row.put("target", String.format("%.0f %%", 100 * all.get(0).target()));
            row.put("timeToTarget", reached == 0 ? "not reached" : reachedTimes.get(v.getKey()).seconds(targetMillis));
            row.put("reached", reached + "/" + all.size());
            row.put("options", String.join(" ", optionsOf(all.get(0))));
            rows.add(row);
        }
        Charts.learningCurves(charts.resolve(base + "-curves.png"), dataset + " · " + study + ": learning curves", finished);
        if (study.contains("runtime")) {
            // A runtime study varies the kernels and threads, not the model: its chart is time.
            Charts.secondsPerEpoch(charts.resolve(base + "-final.png"), dataset + " · " + study + ": training time per epoch", epochTimes);
        } else {
            Charts.finalAccuracy(charts.resolve(base + "-final.png"), dataset + " · " + study + ": final test accuracy", finals);
        }
        Charts.accuracyVsTime(charts.resolve(base + "-time.png"), dataset + " · " + study + ": accuracy against training time", finished);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", study);
        m.put("curvesPng", "charts/" + base + "-curves.png");
        m.put("finalPng", "charts/" + base + "-final.png");
        m.put("timePng", "charts/" + base + "-time.png");
        m.put("rows", rows);
        m.put("target", rows.isEmpty() ? "" : rows.get(0).get("target"));
        List<Map<String, Object>> lrRows = lrSelection(dataset, study);
        if (!lrRows.isEmpty()) m.put("lrSelection", Map.of("rows", lrRows));
        return m;
    }

    /**
     * The learning-rate selection runs of a study on a dataset ({@code lr-selection/<study>/<dataset>/<variant>/lr-X.json}):
     * one row per variant and rate; the rate the variant's seed runs used is marked as chosen.
     */
    private List<Map<String, Object>> lrSelection(String dataset, String study) throws IOException {
        Path root = dir.resolve("lr-selection").resolve(study).resolve(dataset);
        if (!Files.isDirectory(root)) return List.of();
        List<Map<String, Object>> rows = new ArrayList<>();
        List<Path> variants;
        try (var s = Files.list(root)) {
            variants = s.filter(Files::isDirectory).sorted().toList();
        }
        ObjectMapper json = new ObjectMapper();
        for (Path v : variants) {
            List<JsonNode> records = new ArrayList<>();
            try (var s = Files.list(v)) {
                for (Path f : s.filter(p -> p.getFileName().toString().matches("lr-.*\\.json")).toList()) {
                    JsonNode r = json.readTree(f.toFile());
                    if (r.path("result").has("valAccuracy")) records.add(r);
                }
            }
            records.sort(java.util.Comparator.comparingDouble(r -> r.path("config").path("lr").asDouble()));
            String chosen = chosenLr(study, dataset, v.getFileName().toString());
            for (JsonNode r : records) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("variant", v.getFileName().toString());
                row.put("lr", plainLr(r));
                row.put("val", String.format("%.2f %%", 100 * r.path("result").path("valAccuracy").asDouble()));
                row.put("test", String.format("%.2f %%", 100 * r.path("result").path("testAccuracy").asDouble()));
                row.put("seed", r.path("seed").asText());
                row.put("chosen", plainLr(r).equals(chosen) ? "chosen" : "");
                rows.add(row);
            }
        }
        return rows;
    }

    /** The learning rate of the variant's runs in {@code records/}, or null when none ran yet. */
    private String chosenLr(String study, String dataset, String variant) throws IOException {
        Path runs = dir.resolve("records").resolve(study).resolve(dataset).resolve(variant);
        if (!Files.isDirectory(runs)) return null;
        try (var s = Files.list(runs)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                return plainLr(new ObjectMapper().readTree(f.toFile()));
            }
        }
        return null;
    }

    /** A record's learning rate as written in a grid: 0.0003, not 3.0E-4. */
    private static String plainLr(JsonNode record) {
        return new java.math.BigDecimal(record.path("config").path("lr").asText("0")).stripTrailingZeros().toPlainString();
    }

    /** The options that distinguish a run: optimizer, rate and every regularizer that is on. */
    private static List<String> optionsOf(RunSummary r) {
        JsonNode c = r.config();
        List<String> o = new ArrayList<>();
        o.add(c.path("architecture").asText());
        o.add(c.path("optimizer").asText() + " lr " + c.path("lr").asText());
        if (c.path("l2").asDouble() != 0) o.add("l2 " + c.path("l2").asText());
        if (c.path("weightDecay").asDouble() != 0) o.add("wd " + c.path("weightDecay").asText());
        if (c.path("dropout").toString().matches(".*[1-9].*")) o.add("dropout " + c.path("dropout"));
        if (c.path("maxNorm").asDouble() != 0) o.add("max-norm " + c.path("maxNorm").asText());
        if (!c.path("augment").asText("none").equals("none")) o.add("augment " + c.path("augment").asText());
        o.add(c.path("epochs").asText() + " epochs");
        o.add(c.path("kernels").asText() + " × " + c.path("threads").asText() + " threads");
        return o;
    }

    private List<JmhResult> jmhResults() throws IOException {
        List<Path> files = new ArrayList<>(extraJmh);
        Path jmhDir = dir.resolve("jmh");
        if (Files.isDirectory(jmhDir)) {
            try (var s = Files.list(jmhDir)) {
                files.addAll(s.filter(p -> p.toString().endsWith(".json")).sorted().toList());
            }
        }
        List<JmhResult> out = new ArrayList<>();
        for (Path f : files) out.addAll(JmhResult.read(f));
        return out;
    }

    private List<Map<String, Object>> jmhSections(List<JmhResult> results, Path charts) throws IOException {
        Map<String, List<JmhResult>> byClass = results.stream()
                .collect(Collectors.groupingBy(r -> r.shortName().split("\\.")[0], TreeMap::new, Collectors.toList()));
        List<Map<String, Object>> out = new ArrayList<>();
        for (var e : byClass.entrySet()) {
            Map<String, double[]> bars = new LinkedHashMap<>();
            List<Map<String, Object>> rows = new ArrayList<>();
            for (JmhResult r : e.getValue()) {
                String label = r.shortName().substring(r.shortName().indexOf('.') + 1) + " " + r.paramText();
                bars.put(label, new double[] {r.score(), r.error()});
                rows.add(Map.of("benchmark", r.shortName(), "params", r.paramText(),
                        "score", String.format("%,.2f", r.score()), "error", String.format("± %,.2f", r.error()), "unit", r.unit()));
            }
            String png = "charts/jmh-" + e.getKey() + ".png";
            Charts.barsWithErrors(dir.resolve(png), e.getKey() + " (error bars: 99.9 % confidence interval)",
                    e.getValue().get(0).unit().replace("us/", "µs/"), bars);
            out.add(Map.of("name", e.getKey(), "png", png, "rows", rows));
        }
        return out;
    }

    /** Kernel GFLOP/s against shape: GemmBench results, plus the external reference when given. */
    private Map<String, Object> gemmSection(List<JmhResult> results, Path charts) throws IOException {
        Map<String, Map<String, Double>> series = new LinkedHashMap<>();
        for (JmhResult r : results) {
            if (!r.shortName().startsWith("GemmBench")) continue;
            series.computeIfAbsent(r.params().get("kernel") + " × " + r.params().get("threads"), k -> new LinkedHashMap<>())
                    .put(r.params().get("shape"), r.gflops());
        }
        if (reference != null) {
            for (String line : Files.readAllLines(reference)) {
                if (line.isBlank() || line.startsWith("#") || line.startsWith("label,")) continue;
                String[] f = line.split(",");
                if (f.length != 4) throw new IOException(reference + ": expected 'label,shape,threads,gflops', got '" + line + "'");
                series.computeIfAbsent(f[0].trim() + " × " + f[2].trim(), k -> new LinkedHashMap<>())
                        .put(f[1].trim(), Double.parseDouble(f[3].trim()));
            }
        }
        if (series.isEmpty()) return null;
        Charts.groupedBars(charts.resolve("gemm-gflops.png"), "sgemm GFLOP/s by shape", "GFLOP/s", series);
        List<Map<String, Object>> rows = new ArrayList<>();
        series.forEach((s, byShape) -> byShape.forEach((shape, g) ->
                rows.add(Map.of("series", s, "shape", shape, "gflops", String.format("%.1f", g)))));
        return Map.of("png", "charts/gemm-gflops.png", "rows", rows);
    }

    private static void write(String template, Map<String, Object> model, Path target) throws IOException {
        Mustache m = new DefaultMustacheFactory().compile(template);
        StringWriter out = new StringWriter();
        try (Writer w = out) {
            m.execute(w, model);
        }
        RunRecordWriter.replaceAtomically(target, tmp -> Files.writeString(tmp, out.toString(), StandardCharsets.UTF_8));
    }
}
