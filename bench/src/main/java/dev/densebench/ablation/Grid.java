package dev.densebench.ablation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * <pre>
 * { "name": "quick", "seeds": [1, 2, 3],
 *   "datasets": { "mnist": ["--layers", "256", "--epochs", "3"] },
 *   "studies": [ { "name": "optimizer", "datasets": ["mnist"], "base": [],
 *                  "variants": { "sgd": ["--optimizer", "sgd", "--lr", "0.3"] } } ] }
 * </pre>
 */
public record Grid(String name, String description, List<Long> seeds, Map<String, List<String>> datasets, List<Study> studies) {

    public record Study(String name, List<String> datasets, List<String> base, Map<String, List<String>> variants, List<Long> seeds) {
    }

    /** One training run of the grid, and where its record lives. */
    public record Run(String study, String dataset, String variant, long seed, List<String> args) {
        public Path recordPath(Path outDir) {
            return outDir.resolve("records").resolve(study).resolve(dataset).resolve(variant.replaceAll("[^A-Za-z0-9._+-]", "_"))
                    .resolve("seed-" + seed + ".json");
        }
    }

    /** Every run, in grid order. */
    public List<Run> runs() {
        List<Run> runs = new ArrayList<>();
        for (Study s : studies) {
            for (String ds : s.datasets()) {
                for (Map.Entry<String, List<String>> v : s.variants().entrySet()) {
                    for (long seed : s.seeds() != null ? s.seeds() : seeds) {
                        List<String> args = new ArrayList<>();
                        args.addAll(List.of("--dataset", ds));
                        args.addAll(datasets.getOrDefault(ds, List.of()));
                        args.addAll(s.base());
                        args.addAll(v.getValue());
                        args.addAll(List.of("--seed", Long.toString(seed)));
                        runs.add(new Run(s.name(), ds, v.getKey(), seed, args));
                    }
                }
            }
        }
        return runs;
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
            studies.add(new Study(sn, ds, s.has("base") ? strings(file, s.path("base"), sn + ".base") : List.of(), variants, studySeeds));
        }
        return new Grid(name, root.path("description").asText(""), seeds, datasets, studies);
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
