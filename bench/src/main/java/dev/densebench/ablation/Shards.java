package dev.densebench.ablation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Splits a grid into shards for separate processes or machines (Slurm array tasks). The unit of
 * sharding is a variant on a dataset in a study: its learning-rate selection runs and its seeds,
 * because the seeds' rate comes from the selection runs, so they must see their records. Units
 * are assigned greedily, largest estimated work first, each to the shard with the least work so
 * far (the lower index on a tie): deterministic, and within the largest unit of the best balance.
 */
public final class Shards {
    private Shards() {
    }

    /** A shard "I/N", 1-based as people count. */
    public record Shard(int index, int count) {
        public Shard {
            if (count < 1 || index < 1 || index > count) {
                throw new IllegalArgumentException("a shard is I/N with 1 <= I <= N, e.g. 2/3");
            }
        }

        public static Shard parse(String text) {
            String[] p = text.split("/", -1);
            try {
                if (p.length == 2) return new Shard(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()));
            } catch (NumberFormatException e) {
                // fall through to the one message
            }
            throw new IllegalArgumentException("a shard is I/N with 1 <= I <= N, e.g. 2/3");
        }

        @Override
        public String toString() {
            return index + "/" + count;
        }
    }

    /** The runs of one variant on one dataset in one study, in grid order, and their estimated work. */
    public record Unit(String name, List<Grid.Run> runs, double work) {
    }

    public static List<Unit> units(List<Grid.Run> runs, ToDoubleFunction<Grid.Run> workOf) {
        Map<String, List<Grid.Run>> byUnit = new LinkedHashMap<>();
        for (Grid.Run r : runs) byUnit.computeIfAbsent(r.study() + "/" + r.dataset() + "/" + r.variant(), k -> new ArrayList<>()).add(r);
        List<Unit> units = new ArrayList<>();
        byUnit.forEach((name, rs) -> units.add(new Unit(name, List.copyOf(rs), rs.stream().mapToDouble(workOf).sum())));
        return units;
    }

    /** Every shard's units (in grid order within a shard). */
    public static List<List<Unit>> assign(List<Unit> units, int shards) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < units.size(); i++) order.add(i);
        // Largest first; equal work keeps grid order, so the result depends on the grid alone.
        order.sort((a, b) -> {
            int c = Double.compare(units.get(b).work(), units.get(a).work());
            return c != 0 ? c : Integer.compare(a, b);
        });
        double[] load = new double[shards];
        int[] shardOf = new int[units.size()];
        for (int u : order) {
            int best = 0;
            for (int s = 1; s < shards; s++) if (load[s] < load[best]) best = s;
            load[best] += units.get(u).work();
            shardOf[u] = best;
        }
        List<List<Unit>> out = new ArrayList<>();
        for (int s = 0; s < shards; s++) out.add(new ArrayList<>());
        for (int u = 0; u < units.size(); u++) out.get(shardOf[u]).add(units.get(u));
        return out;
    }
}
