package dev.densebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.densebench.ablation.Grid;
import dev.densebench.ablation.Shards;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A grid run as three shards, each into its own folder, and merged by {@code report} gives the
 * records and report accuracies of the same grid run in one process; shards share no variant;
 * a re-run shard's records count once.
 */
class ShardedAblationTest {
    static final String GRID = """
            { "name": "sharded", "seeds": [1, 2],
              "datasets": { "breast-cancer": {"layers": 8, "epochs": 4, "threads": 1} },
              "studies": [ { "name": "optimizer", "datasets": ["breast-cancer"],
                             "variants": { "sgd": {"optimizer": "sgd"}, "adam": {"optimizer": "adam"},
                                           "rmsprop": {"optimizer": "rmsprop"}, "momentum": {"optimizer": "momentum"} },
                             "lrGrid": { "adam": [0.001, 0.01] } } ] }
            """;

    @Test
    void threeShardsMergedEqualOneProcess(@TempDir Path tmp) throws Exception {
        String data = TrainCommandTest.breastCancerDataDir();
        Path grid = tmp.resolve("grid.json");
        Files.writeString(grid, GRID);
        Path one = tmp.resolve("one");
        assertEquals(0, CommandRunner.run("ablation", "--grid", grid.toString(), "--out-dir", one.toString(), "--data-dir", data).code());
        assertEquals(0, CommandRunner.run("report", one.toString()).code());

        List<Path> shardDirs = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 1; i <= 3; i++) {
            Path dir = tmp.resolve("shard-" + i);
            shardDirs.add(dir);
            CommandRunner.Result r = CommandRunner.run("ablation", "--grid", grid.toString(), "--out-dir", dir.toString(), "--data-dir", data,
                    "--shard", i + "/3");
            assertEquals(0, r.code(), r.err());
            for (String f : jsonFiles(dir)) assertTrue(seen.add(f), f + " run by two shards");
        }
        assertEquals(jsonFiles(one), new java.util.TreeSet<>(seen), "the shards together run every run of the grid once");

        // Shard 2 run again into a folder of its own: its records are then present twice.
        Path again = tmp.resolve("shard-2-again");
        assertEquals(0, CommandRunner.run("ablation", "--grid", grid.toString(), "--out-dir", again.toString(), "--data-dir", data,
                "--shard", "2/3").code());
        Path merged = tmp.resolve("merged");
        List<String> args = new ArrayList<>(List.of("report", merged.toString()));
        shardDirs.forEach(d -> args.add(d.toString()));
        args.add(again.toString());
        CommandRunner.Result r = CommandRunner.run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        assertEquals(jsonFiles(one), jsonFiles(merged));
        assertEquals(accuracyColumns(one), accuracyColumns(merged), "records.csv accuracies, bit for bit");
        assertEquals(percentages(one), percentages(merged), "summary.md percentages");
    }

    @Test
    void assignmentIsDeterministicBalancedAndKeepsVariantsWhole() throws Exception {
        List<Grid.Run> runs = Grid.read(Path.of("src/main/resources/grids/full.json")).runs();
        List<Shards.Unit> units = Shards.units(runs, run -> AblationCommand.estimatedWork(run.spec()));
        for (int n : new int[] {1, 2, 3, 7}) {
            List<List<Shards.Unit>> a = Shards.assign(units, n);
            assertEquals(a, Shards.assign(units, n), "same grid, same assignment");
            assertEquals(runs.size(), a.stream().flatMap(List::stream).mapToInt(u -> u.runs().size()).sum());
            double total = units.stream().mapToDouble(Shards.Unit::work).sum();
            double largest = units.stream().mapToDouble(Shards.Unit::work).max().orElseThrow();
            for (List<Shards.Unit> shard : a) {
                double w = shard.stream().mapToDouble(Shards.Unit::work).sum();
                // Greedy largest-first: no shard exceeds the mean by more than the largest unit.
                assertTrue(w <= total / n + largest, "shard work " + w + " of " + total + " over " + n);
            }
        }
        for (Shards.Unit u : units) {
            assertEquals(1, u.runs().stream().map(r -> r.study() + r.dataset() + r.variant()).distinct().count());
        }
    }

    @Test
    void badShardsAreUsageErrors() {
        for (String bad : new String[] {"0/3", "4/3", "3", "a/b", "1/0"}) {
            CommandRunner.Result r = CommandRunner.run("ablation", "--grid", "x.json", "--out-dir", "o", "--shard", bad);
            assertEquals(2, r.code(), bad);
            assertTrue(r.err().contains("--shard") && r.err().contains("1 <= I <= N"), r.err());
        }
        assertThrows(IllegalArgumentException.class, () -> Shards.Shard.parse("2/1"));
    }

    static Set<String> jsonFiles(Path dir) throws Exception {
        Set<String> out = new java.util.TreeSet<>();
        for (String part : List.of("records", "lr-selection")) {
            Path p = dir.resolve(part);
            if (!Files.isDirectory(p)) continue;
            try (Stream<Path> s = Files.walk(p)) {
                s.filter(f -> f.toString().endsWith(".json")).forEach(f -> out.add(dir.relativize(f).toString()));
            }
        }
        return out;
    }

    /** records.csv without the columns of times, commit and file. */
    static List<String> accuracyColumns(Path dir) throws Exception {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("records.csv"))) {
            String[] c = line.split(",");
            out.add(String.join(",", c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[13]));
        }
        java.util.Collections.sort(out);
        return out;
    }

    static List<String> percentages(Path dir) throws Exception {
        var m = java.util.regex.Pattern.compile("\\d+\\.\\d+(?: ± \\d+\\.\\d+)? %").matcher(Files.readString(dir.resolve("summary.md")));
        List<String> out = new ArrayList<>();
        while (m.find()) out.add(m.group());
        return out;
    }
}
