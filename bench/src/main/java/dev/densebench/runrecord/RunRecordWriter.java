package dev.densebench.runrecord;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a JSON document (or any file) atomically: to a temporary file in the target's directory, flushed,
 * then renamed over the target, so a reader (or a resumed run) never sees half a record.
 */
public final class RunRecordWriter {
    private RunRecordWriter() {
    }

    public static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Writes a file's content to the path it is given (a temporary file beside the target). */
    @FunctionalInterface
    public interface ContentWriter {
        void writeTo(Path file) throws IOException;
    }

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    public static void writeAtomically(Path target, Object document) throws IOException {
        replaceAtomically(target, tmp -> JSON.writeValue(tmp.toFile(), document));
    }

    /**
     * Lets {@code writer} fill a temporary file in the target's directory, then renames it over the
     * target. The temporary file is created like any other file, so it honours the umask (0644
     * under the usual 022), where {@code Files.createTempFile} would make it 0600 and the record
     * unreadable to anyone else.
     */
    public static void replaceAtomically(Path target, ContentWriter writer) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + target.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
        Files.createFile(tmp);
        try {
            writer.writeTo(tmp);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
