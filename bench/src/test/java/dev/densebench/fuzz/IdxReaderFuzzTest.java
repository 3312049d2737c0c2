package dev.densebench.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.densebench.dataset.DataFormatException;
import dev.densebench.dataset.IdxReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * IdxReader on any bytes, raw and gzipped: it returns an array that matches its header, or
 * throws its DataFormatException naming the file. Anything else (another exception, an
 * OutOfMemoryError, a hang) is a finding. Seeds: {@code IdxReaderFuzzTestInputs/<method>/}.
 * Fuzz for real: {@code ./run-bench.sh fuzz IdxReaderFuzzTest#raw --minutes 10}.
 */
class IdxReaderFuzzTest {
    static final Path DIR = FuzzFiles.folder("idx");

    @FuzzTest
    void raw(byte[] bytes) throws IOException {
        read(FuzzFiles.write(DIR.resolve("images-idx3-ubyte"), bytes), bytes);
    }

    @FuzzTest
    void gzipped(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        read(FuzzFiles.write(DIR.resolve("images-idx3-ubyte.gz"), out.toByteArray()), bytes);
    }

    /** Reads with the rank the header claims (1 to 3), so the fuzzer gets past the rank check. */
    private static void read(Path file, byte[] bytes) throws IOException {
        int rank = bytes.length >= 4 ? Math.max(1, Math.min(3, bytes[3])) : 1;
        try {
            IdxReader.IdxArray a = IdxReader.read(file, rank);
            long n = 1;
            for (int d : a.dims()) n *= d;
            if (n != a.data().length) throw new AssertionError("dims " + java.util.Arrays.toString(a.dims()) + " but " + a.data().length + " bytes");
        } catch (DataFormatException expected) {
            if (!expected.getMessage().startsWith(file.toString())) throw new AssertionError("message does not name the file: " + expected.getMessage());
        }
    }
}
