package dev.densebench.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The readers under fuzzing read files, so each input is written to one reused temporary file
 * (a folder per target, removed when the JVM exits).
 */
final class FuzzFiles {
    private FuzzFiles() {
    }

    static Path folder(String target) {
        try {
            Path dir = Files.createTempDirectory("densebench-fuzz-" + target);
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
