package dev.densebench.dataset;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads IDX files (the MNIST format), raw or gzipped: a big-endian header
 * {@code 0x00 0x00 <type> <rank>}, then {@code rank} 32-bit dimensions, then the data. Only
 * unsigned bytes (type 0x08) are used by densebench. Every check names the file.
 */
public final class IdxReader {
    private IdxReader() {
    }

    static final int TYPE_UNSIGNED_BYTE = 0x08;

    /** The dimensions and the raw bytes of one IDX file. */
    public record IdxArray(int[] dims, byte[] data) {
        public int count() {
            return dims[0];
        }
    }

    /** Reads an IDX file of unsigned bytes that must have {@code expectedRank} dimensions. */
    public static IdxArray read(Path file, int expectedRank) throws IOException {
        try {
            return readChecked(file, expectedRank);
        } catch (DataFormatException e) {
            throw e;
        } catch (IOException e) {
            // A damaged gzip stream surfaces as a bare EOFException or ZipException: name the file.
            throw new DataFormatException(file, "corrupt or truncated data (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
    }

    private static IdxArray readChecked(Path file, int expectedRank) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new DataFormatException(file, "file not found");
        }
        boolean gz = isGzip(file);
        // The largest number of data bytes the file can hold: known exactly for raw files, and
        // from the gzip trailer (uncompressed size mod 2^32) for compressed ones.
        long available = gz ? gzipUncompressedSize(file) : Files.size(file);
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(gz ? new GZIPInputStream(raw, 1 << 16) : raw, 1 << 16))) {
            int magic;
            try {
                magic = in.readInt();
            } catch (EOFException e) {
                throw new DataFormatException(file, "too short for an IDX header (needs 4 bytes)");
            }
            if ((magic >>> 16) != 0) {
                throw new DataFormatException(file, String.format("wrong magic number 0x%08X (an IDX file starts with 0x0000)", magic));
            }
            int type = (magic >>> 8) & 0xFF;
            int rank = magic & 0xFF;
            if (type != TYPE_UNSIGNED_BYTE) {
                throw new DataFormatException(file, String.format("data type 0x%02X, expected 0x08 (unsigned byte)", type));
            }
            if (rank != expectedRank) {
                throw new DataFormatException(file, "rank " + rank + ", expected " + expectedRank);
            }
            int[] dims = new int[rank];
            long length = 1;
            for (int d = 0; d < rank; d++) {
                try {
                    dims[d] = in.readInt();
                } catch (EOFException e) {
                    throw new DataFormatException(file, "truncated header: dimension " + (d + 1) + " of " + rank + " is missing");
                }
                if (dims[d] < 0) {
                    throw new DataFormatException(file, "negative dimension " + dims[d]);
                }
                // Checked at each step: three dimensions of up to 2^31 would overflow a long
                // (found by IdxReaderFuzzTest); one step from at most 2^31 cannot.
                length *= dims[d];
                if (length > Integer.MAX_VALUE - 16) {
                    throw new DataFormatException(file, "header claims " + java.util.Arrays.toString(java.util.Arrays.copyOf(dims, d + 1))
                            + (d + 1 < rank ? "…" : "") + ", over 2 GB of data: not an image set this reader takes");
                }
            }
            long header = 4L + 4L * rank;
            long payload = available - header;
            if (length > Integer.MAX_VALUE - 16 || length > payload) {
                throw new DataFormatException(file, "header claims " + length + " bytes of data but the file holds only "
                        + Math.max(0, payload) + " (truncated or corrupt)");
            }
            // readNBytes(n) grows its buffer as data arrives, so a header (or a gzip trailer) that
            // lies about the size cannot make the reader allocate what the file does not hold.
            byte[] data;
            try {
                data = in.readNBytes((int) length);
            } catch (EOFException e) {
                throw new DataFormatException(file, "truncated compressed data (" + e.getMessage() + ")");
            }
            int read = data.length;
            if (read < length) {
                throw new DataFormatException(file, "truncated: expected " + length + " bytes of data, found " + read);
            }
            if (in.read() != -1) {
                throw new DataFormatException(file, "has more data than its header declares (" + length + " bytes)");
            }
            return new IdxArray(dims, data);
        }
    }

    private static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1F && in.read() == 0x8B;
        }
    }

    /** ISIZE, the last four bytes of a gzip file (little-endian): the uncompressed size mod 2^32. */
    private static long gzipUncompressedSize(Path file) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            if (f.length() < 18) {
                throw new DataFormatException(file, "too short to be a gzip file");
            }
            f.seek(f.length() - 4);
            long b0 = f.read(), b1 = f.read(), b2 = f.read(), b3 = f.read();
            return b0 | (b1 << 8) | (b2 << 16) | (b3 << 24);
        }
    }
}
