package dev.densebench.peer;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenBLAS's {@code cblas_sgemm}, called in this JVM through the foreign-function API: the peer
 * a user would otherwise pick, timed beside densebench's sgemm in the same process (so both see
 * the same machine, seconds apart). Only for measuring: the engine never calls it.
 *
 * <p>OpenBLAS chooses its kernel once, when the library loads, from {@code OPENBLAS_CORETYPE}
 * (e.g. {@code Haswell}) or else from the CPU; {@link #coreName} says which it took.
 */
public final class OpenBlas {
    /** Where Debian, Ubuntu, Fedora and Homebrew put the library (the loader's own path first). */
    static final List<String> CANDIDATES = List.of("libopenblas.so.0",
            "/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblas.so.0", "/usr/lib/aarch64-linux-gnu/openblas-pthread/libopenblas.so.0",
            "/usr/lib64/libopenblas.so.0", "/opt/homebrew/opt/openblas/lib/libopenblas.dylib", "/usr/local/opt/openblas/lib/libopenblas.dylib");

    private static final int ROW_MAJOR = 101, NO_TRANS = 111, TRANS = 112;

    private final Path library;
    private final MethodHandle sgemm;
    private final MethodHandle setThreads;
    private final String coreName;

    private OpenBlas(String library, SymbolLookup lookup) throws Throwable {
        this.library = Path.of(library);
        Linker linker = Linker.nativeLinker();
        ValueLayout i = ValueLayout.JAVA_INT, f = ValueLayout.JAVA_FLOAT, p = ValueLayout.ADDRESS;
        sgemm = linker.downcallHandle(symbol(lookup, "cblas_sgemm"), FunctionDescriptor.ofVoid(i, i, i, i, i, i, f, p, i, p, i, f, p, i));
        setThreads = linker.downcallHandle(symbol(lookup, "openblas_set_num_threads"), FunctionDescriptor.ofVoid(i));
        MethodHandle core = linker.downcallHandle(symbol(lookup, "openblas_get_corename"), FunctionDescriptor.of(p));
        coreName = ((MemorySegment) core.invokeExact()).reinterpret(64).getString(0);
    }

    private MemorySegment symbol(SymbolLookup lookup, String name) {
        return lookup.find(name).orElseThrow(() -> new IllegalArgumentException(library + " has no " + name + ": not an OpenBLAS library"));
    }

    /**
     * Loads {@code library}, or the first of {@link #CANDIDATES} that loads; a clear error
     * naming what was tried otherwise.
     */
    public static OpenBlas load(Path library) {
        List<String> tried = new ArrayList<>();
        for (String candidate : library != null ? List.of(library.toString()) : CANDIDATES) {
            if (candidate.contains("/") && !Files.isRegularFile(Path.of(candidate))) {
                tried.add(candidate + " (no such file)");
                continue;
            }
            SymbolLookup lookup;
            try {
                lookup = SymbolLookup.libraryLookup(candidate, Arena.global());
            } catch (IllegalArgumentException e) {
                tried.add(candidate + " (does not load)");
                continue;
            }
            try {
                return new OpenBlas(candidate, lookup);
            } catch (IllegalArgumentException e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(candidate + ": " + e, e);
            }
        }
        throw new IllegalArgumentException("no OpenBLAS library found (tried " + String.join(", ", tried)
                + "); install it (Debian: libopenblas0-pthread) or name it with --library FILE");
    }

    public Path library() {
        return library;
    }

    /** The kernel family OpenBLAS runs: {@code Haswell}, {@code SkylakeX}, {@code Nehalem}, … */
    public String coreName() {
        return coreName;
    }

    public void threads(int n) {
        try {
            setThreads.invokeExact(n);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** One product's operands in native memory (64-byte aligned, as numpy's), filled once. */
    public final class Product implements Runnable {
        private final boolean transA, transB;
        private final int m, n, k;
        private final MemorySegment a, b, c;

        /** C[m×n] = op(A)·op(B), the operands stored as given (A m×k or, transposed, k×m; B k×n or n×k). */
        public Product(boolean transA, boolean transB, int m, int n, int k, float[] a, float[] b, Arena arena) {
            this.transA = transA;
            this.transB = transB;
            this.m = m;
            this.n = n;
            this.k = k;
            this.a = arena.allocate(4L * a.length, 64).copyFrom(MemorySegment.ofArray(a));
            this.b = arena.allocate(4L * b.length, 64).copyFrom(MemorySegment.ofArray(b));
            this.c = arena.allocate(4L * m * n, 64);
        }

        @Override
        public void run() {
            try {
                sgemm.invokeExact(ROW_MAJOR, transA ? TRANS : NO_TRANS, transB ? TRANS : NO_TRANS, m, n, k,
                        1f, a, transA ? m : k, b, transB ? k : n, 0f, c, n);
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }

        /** C as computed, to check that both sides computed the same product. */
        public float[] result() {
            return c.toArray(ValueLayout.JAVA_FLOAT);
        }
    }
}
