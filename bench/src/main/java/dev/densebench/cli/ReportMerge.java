package dev.densebench.cli;

import dev.densebench.runrecord.RunRecordWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * Merges the output folders of a grid's shards into one: {@code records/}, {@code lr-selection/}
 * and {@code jmh/} files by their path relative to the folder, {@code grid.json} and
 * {@code command.txt} from the first folder that has them. A file the target already holds is
 * kept (a run is deterministic, so a re-run shard's copy holds the same accuracies): every
 * record is counted once. Each copy is atomic.
 */
final class ReportMerge {
    private ReportMerge() {
    }

    record Counts(int copied, int duplicates) {
    }

    static Counts into(Path target, List<Path> sources) throws IOException {
        int copied = 0;
        int duplicates = 0;
        Path targetAbs = target.toAbsolutePath().normalize();
        for (Path source : sources) {
            if (source.toAbsolutePath().normalize().equals(targetAbs)) continue;
            for (String part : List.of("records", "lr-selection", "jmh")) {
                Path from = source.resolve(part);
                if (!Files.isDirectory(from)) continue;
                List<Path> files;
                try (Stream<Path> s = Files.walk(from)) {
                    files = s.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".json")).sorted().toList();
                }
                for (Path f : files) {
                    Path to = target.resolve(part).resolve(from.relativize(f).toString());
                    if (Files.exists(to)) {
                        if (part.equals("records")) duplicates++;
                        continue;
                    }
                    RunRecordWriter.replaceAtomically(to, tmp -> Files.copy(f, tmp, StandardCopyOption.REPLACE_EXISTING));
                    if (part.equals("records")) copied++;
                }
            }
            for (String single : List.of("grid.json", "command.txt")) {
                Path f = source.resolve(single);
                if (Files.isRegularFile(f) && !Files.exists(target.resolve(single))) {
                    RunRecordWriter.replaceAtomically(target.resolve(single), tmp -> Files.copy(f, tmp, StandardCopyOption.REPLACE_EXISTING));
                }
            }
        }
        return new Counts(copied, duplicates);
    }
}
