package dev.densebench.ablation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.densebench.run.RunSpec;
import dev.densebench.run.TrainArgs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ablation grid, read from JSON: seeds, per-dataset base options, and studies. A study
 * runs each of its variants on each of its datasets and seeds. Options are JSON objects of
 * {@code train}'s options, named without the dashes ({@code "train-limit": 20000}, a list for a
 * comma-separated value, {@code true} for a flag), merged in order dataset base, study base,
 * variant (a later option wins), and bound by {@link TrainArgs#fromJson} into a {@link RunSpec}.
 *
 * <p>A study may choose each variant's learning rate on the validation split: {@code lrGrid}
 * maps a variant to its candidate rates; each candidate is trained once with the study's first
 * seed (a "selection run", recorded under {@code lr-selection/}), the rate with the best final
 * validation accuracy wins (the earlier candidate on a tie), and the variant's seeds run with
 * it. The first seed's run is then the winning selection run itself, so it is not trained twice.
 * A study may also name {@code warmup} options: before each of its runs, an unrecorded short
 * run with those options added warms the JIT up, so per-epoch times measure compiled code.
 *
 * <pre>
 * { "name": "quick", "seeds": [1, 2, 3],
 *   "datasets": { "mnist": { "layers": [256], "epochs": 3 } },
 *   "studies": [ { "name": "optimizer", "datasets": ["mnist"], "base": {},
 *                  "variants": { "sgd": { "optimizer": "sgd", "lr": 0.3 } } } ] }
 * </pre>
 */
public record Grid(String name, String description, List<Long> seeds, Map<String, ObjectNode> datasets, List<Study> studies,
                   Map<String, List<String>> jmh, List<Run> runs) {

    public record Study(String name, List<String> datasets, ObjectNode base, Map<String, ObjectNode> variants, List<Long> seeds,
                        Map<String, List<String>> lrGrid, ObjectNode warmup) {
    }

    /**
     * One training run of the grid, and where its record lives. A selection run has a fixed
     * {@code lr} and lives under {@code lr-selection/}; a run with {@code lrCandidates} gets its
     * {@code --lr} from the best of those selection runs (see the class comment).
     */
    public record Run(String study, String dataset, String variant, long seed, String lr,
                      List<Run> lrCandidates, RunSpec spec, RunSpec warmupSpec) {
        public boolean isSelection() {
            return lr != null;
        }

        public Path recordPath(Path outDir) {
            Path variantDir = outDir.resolve(isSelection() ? "lr-selection" : "records").resolve(study).resolve(dataset)
                    .resolve(variant.replaceAll("[^A-Za-z0-9._+-]", "_"));
            return variantDir.resolve(isSelection() ? "lr-" + lr + ".json" : "seed-" + seed + ".json");
        }
    }

    /**
     * Every run, in grid order, its options merged and checked into a {@link RunSpec} (and its
     * warm-up's, when the study has one), once, when the grid is read: the {@code runs}
     * component. A bad option is an IllegalArgumentException naming it.
     */
    private static List<Run> expand(List<Long> seeds, Map<String, ObjectNode> datasets, List<Study> studies) {
        List<Run> runs = new ArrayList<>();
        for (Study s : studies) {
            List<Long> studySeeds = s.seeds() != null ? s.seeds() : seeds;
            for (String ds : s.datasets()) {
                for (Map.Entry<String, ObjectNode> v : s.variants().entrySet()) {
                    List<Run> candidates = new ArrayList<>();
                    for (String lr : s.lrGrid().getOrDefault(v.getKey(), List.of())) {
                        ObjectNode options = options(datasets, s, ds, v.getValue(), studySeeds.get(0));
                        options.put("lr", lr);
                        candidates.add(run(s, ds, v.getKey(), studySeeds.get(0), options, lr, List.of()));
                    }
                    runs.addAll(candidates);
                    for (long seed : studySeeds) {
                        runs.add(run(s, ds, v.getKey(), seed, options(datasets, s, ds, v.getValue(), seed), null, candidates));
                    }
                }
            }
        }
        return runs;
    }

    private static Run run(Study s, String dataset, String variant, long seed, ObjectNode options, String lr, List<Run> candidates) {
        RunSpec spec;
        RunSpec warmup = null;
        try {
            spec = TrainArgs.fromJson(options);
            if (s.warmup() != null) {
                warmup = TrainArgs.fromJson(options.deepCopy().setAll(s.warmup()));
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("study '" + s.name() + "', dataset '" + dataset + "', variant '" + variant + "': "
                    + e.getMessage(), e);
        }
        return new Run(s.name(), dataset, variant, seed, lr, candidates, spec, warmup);
    }

    /** One run's options: the dataset, its base, the study's base, the variant's, the seed; a later one wins. */
    private static ObjectNode options(Map<String, ObjectNode> datasets, Study s, String dataset, ObjectNode variant, long seed) {
        ObjectNode o = JsonNodeFactory.instance.objectNode().put("dataset", dataset);
        o.setAll(datasets.getOrDefault(dataset, JsonNodeFactory.instance.objectNode()));
        o.setAll(s.base());
        o.setAll(variant);
        o.put("seed", seed);
        return o;
    }

    public static Grid read(Path file) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": not a readable JSON grid (" + e.getMessage() + ")", e);
        }
        String name = text(file, root, "name");
        List<Long> seeds = longs(file, root.path("seeds"), "seeds");
        Map<String, ObjectNode> datasets = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("datasets").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            datasets.put(e.getKey(), options(file, e.getValue(), "datasets." + e.getKey()));
        }
        List<Study> studies = new ArrayList<>();
        JsonNode studyNodes = root.path("studies");
        if (!studyNodes.isArray() || studyNodes.isEmpty()) throw new IOException(file + ": 'studies' must be a non-empty list");
        for (JsonNode s : studyNodes) {
            String sn = text(file, s, "name");
            Map<String, ObjectNode> variants = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = s.path("variants").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                variants.put(e.getKey(), options(file, e.getValue(), sn + ".variants." + e.getKey()));
            }
            if (variants.isEmpty()) throw new IOException(file + ": study '" + sn + "' has no variants");
            List<String> ds = strings(file, s.path("datasets"), sn + ".datasets");
            for (String d : ds) {
                if (!datasets.containsKey(d)) throw new IOException(file + ": study '" + sn + "' names dataset '" + d + "', not listed under 'datasets'");
            }
            List<Long> studySeeds = s.has("seeds") ? longs(file, s.path("seeds"), sn + ".seeds") : null;
            Map<String, List<String>> lrGrid = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = s.path("lrGrid").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String what = sn + ".lrGrid." + e.getKey();
                if (!variants.containsKey(e.getKey())) throw new IOException(file + ": '" + what + "' names no variant of study '" + sn + "'");
                List<String> lrs = new ArrayList<>();
                for (JsonNode n : e.getValue()) {
                    if (!n.isNumber() || !(n.asDouble() > 0)) throw new IOException(file + ": '" + what + "' must hold positive numbers, found " + n);
                    lrs.add(n.decimalValue().stripTrailingZeros().toPlainString());
                }
                if (lrs.isEmpty()) throw new IOException(file + ": '" + what + "' must be a non-empty list of learning rates");
                if (variants.get(e.getKey()).has("lr")) throw new IOException(file + ": variant '" + e.getKey() + "' of study '" + sn
                        + "' sets lr and has an lrGrid; keep one");
                lrGrid.put(e.getKey(), List.copyOf(lrs));
            }
            ObjectNode warmup = s.hasNonNull("warmup") ? options(file, s.path("warmup"), sn + ".warmup") : null;
            studies.add(new Study(sn, ds, s.has("base") ? options(file, s.path("base"), sn + ".base") : JsonNodeFactory.instance.objectNode(),
                    variants, studySeeds, lrGrid, warmup));
        }
        // "jmh": {"gemm": ["GemmBench", "-p", "kernel=vector", ...], ...}: the JMH suites a run of
        // this grid adds to its report, each a result name and its JMH arguments.
        Map<String, List<String>> jmh = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("jmh").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().matches("[a-z0-9-]+")) throw new IOException(file + ": jmh suite name '" + e.getKey() + "' must be lower-case letters, digits and '-'");
            List<String> args = strings(file, e.getValue(), "jmh." + e.getKey());
            for (String a : args) {
                if (a.isBlank() || a.chars().anyMatch(Character::isWhitespace)) throw new IOException(file + ": 'jmh." + e.getKey() + "' holds '" + a + "'; arguments may not contain spaces");
            }
            if (args.isEmpty()) throw new IOException(file + ": 'jmh." + e.getKey() + "' must name a benchmark");
            jmh.put(e.getKey(), List.copyOf(args));
        }
        List<Run> runs;
        try {
            runs = List.copyOf(expand(seeds, datasets, studies));   // every run's options checked now, before any training
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": a run's options are not valid train options: " + e.getMessage(), e);
        }
        return new Grid(name, root.path("description").asText(""), seeds, datasets, studies, jmh, runs);
    }

    private static String text(Path file, JsonNode node, String field) throws IOException {
        JsonNode v = node.path(field);
        if (!v.isTextual() || v.asText().isBlank()) throw new IOException(file + ": '" + field + "' must be a non-empty string");
        return v.asText();
    }

    /** An object of train options: {@code {"layers": [256], "epochs": 4}}. */
    private static ObjectNode options(Path file, JsonNode node, String what) throws IOException {
        if (!(node instanceof ObjectNode o)) {
            throw new IOException(file + ": '" + what + "' must be an object of train options without the dashes, e.g. "
                    + "{\"optimizer\": \"adam\", \"lr\": 0.001}" + (node.isArray() ? " (a list of command-line options is not read)" : ""));
        }
        return o;
    }

    private static List<String> strings(Path file, JsonNode node, String what) throws IOException {
        if (!node.isArray()) throw new IOException(file + ": '" + what + "' must be a list of strings");
        List<String> out = new ArrayList<>();
        for (JsonNode n : node) {
            if (!n.isValueNode()) throw new IOException(file + ": '" + what + "' must hold only strings or numbers");
            out.add(n.asText());
        }
        return out;
    }

    private static List<Long> longs(Path file, JsonNode node, String what) throws IOException {
        if (!node.isArray() || node.isEmpty()) throw new IOException(file + ": '" + what + "' must be a non-empty list of integers");
        List<Long> out = new ArrayList<>();
        for (JsonNode n : node) {
            if (!n.canConvertToLong()) throw new IOException(file + ": '" + what + "' must hold integers, found " + n);
            out.add(n.asLong());
        }
        return out;
    }
}
