package dev.densebench.dataset;

import java.io.IOException;
import java.nio.file.Path;

/** A dataset file that is not what it claims to be; the message names the file and the problem. */
public final class DataFormatException extends IOException {
    public DataFormatException(Path file, String problem) {
        super(file + ": " + problem);
    }
}
