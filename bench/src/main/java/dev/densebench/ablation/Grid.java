package dev.densebench.ablation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * runs each of its variants on each of its datasets and seeds; options are {@code train}'s own,
 * applied in order dataset base, study base, variant (a later option wins).
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
 *   "datasets": { "mnist": ["--layers", "256", "--epochs", "3"] },
 *   "studies": [ { "name": "optimizer", "datasets": ["mnist"], "base": [],
 *                  "variants": { "sgd": ["--optimizer", "sgd", "--lr", "0.3"] } } ] }
 * </pre>
 */
public record Grid(String name, String description, List<Long> seeds, Map<String, List<String>> datasets, List<Study> studies,
                   Map<String, List<String>> jmh, List<Run> runs) {

    public record Study(String name, List<String> datasets, List<String> base, Map<String, List<String>> variants, List<Long> seeds,
                        Map<String, List<String>> lrGrid, List<String> warmup) {
    }

    /**
     * One training run of the grid, and where its record lives. A selection run has a fixed
     * {@code lr} and lives under {@code lr-selection/}; a run with {@code lrCandidates} gets its
     * {@code --lr} from the best of those selection runs (see the class comment).
     */
    public record Run(String study, String dataset, String variant, long seed, List<String> args, String lr,
                      List<Run> lrCandidates, List<String> warmup, RunSpec spec, RunSpec warmupSpec) {
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
     * Every run, in grid order, its options parsed and checked into a {@link RunSpec} (and its
     * warm-up's, when the study has one), once, when the grid is read: the {@code runs}
     * component. A bad option is an IllegalArgumentException naming it.
     */
    private static List<Run> expand(List<Long> seeds, Map<String, List<String>> datasets, List<Study> studies) {
        List<Run> runs = new ArrayList<>();
        for (Study s : studies) {
            List<Long> studySeeds = s.seeds() != null ? s.seeds() : seeds;
            for (String ds : s.datasets()) {
                for (Map.Entry<String, List<String>> v : s.variants().entrySet()) {
                    List<Run> candidates = new ArrayList<>();
                    for (String lr : s.lrGrid().getOrDefault(v.getKey(), List.of())) {
                        List<String> args = args(datasets, s, ds, v.getValue(), studySeeds.get(0));
                        args.addAll(List.of("--lr", lr));
                        candidates.add(run(s, ds, v.getKey(), studySeeds.get(0), args, lr, List.of()));
                    }
                    runs.addAll(candidates);
                    for (long seed : studySeeds) {
                        runs.add(run(s, ds, v.getKey(), seed, args(datasets, s, ds, v.getValue(), seed), null, candidates));
                    }
                }
            }
        }
        return runs;
    }

    private static Run run(Study s, String dataset, String variant, long seed, List<String> args, String lr, List<Run> candidates) {
        RunSpec spec;
        RunSpec warmup = null;
        try {
            spec = TrainArgs.parse(args);
            if (s.warmup() != null) {
                List<String> w = new ArrayList<>(args);
                w.addAll(s.warmup());
                warmup = TrainArgs.parse(w);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("study '" + s.name() + "', dataset '" + dataset + "', variant '" + variant + "': "
                    + e.getMessage(), e);
        }
        return new Run(s.name(), dataset, variant, seed, args, lr, candidates, s.warmup(), spec, warmup);
    }

    private static List<String> args(Map<String, List<String>> datasets, Study s, String dataset, List<String> variant, long seed) {
        List<String> args = new ArrayList<>(List.of("--dataset", dataset));
        args.addAll(datasets.getOrDefault(dataset, List.of()));
        args.addAll(s.base());
        args.addAll(variant);
        args.addAll(List.of("--seed", Long.toString(seed)));
        return args;
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
        Map<String, List<String>> datasets = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("datasets").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            datasets.put(e.getKey(), strings(file, e.getValue(), "datasets." + e.getKey()));
        }
        List<Study> studies = new ArrayList<>();
        JsonNode studyNodes = root.path("studies");
        if (!studyNodes.isArray() || studyNodes.isEmpty()) throw new IOException(file + ": 'studies' must be a non-empty list");
        for (JsonNode s : studyNodes) {
            String sn = text(file, s, "name");
            Map<String, List<String>> variants = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = s.path("variants").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                variants.put(e.getKey(), strings(file, e.getValue(), sn + ".variants." + e.getKey()));
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
                if (variants.get(e.getKey()).contains("--lr")) throw new IOException(file + ": variant '" + e.getKey() + "' of study '" + sn
                        + "' sets --lr and has an lrGrid; keep one");
                lrGrid.put(e.getKey(), List.copyOf(lrs));
            }
            List<String> warmup = s.hasNonNull("warmup") ? strings(file, s.path("warmup"), sn + ".warmup") : null;
            studies.add(new Study(sn, ds, s.has("base") ? strings(file, s.path("base"), sn + ".base") : List.of(), variants, studySeeds,
                    lrGrid, warmup));
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
