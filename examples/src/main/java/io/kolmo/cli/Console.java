package io.kolmo.cli;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * The standard streams a command reads and writes, passed in so tests can run commands in-process.
 * {@code out} carries data (raw bytes, never a {@link PrintStream}, which would hide write errors);
 * {@code err} carries messages. {@code terminal} says whether {@code err} is a terminal a person
 * watches, where a progress bar makes sense.
 */
record Console(InputStream in, OutputStream out, PrintStream err, boolean terminal) {
    /**
     * Set by bin/kolmo, which can ask the shell whether standard error itself is a terminal;
     * {@link System#console()} only knows about standard input and output.
     */
    static final String TERMINAL_PROPERTY = "kolmo.stderr.terminal";

    /** Streams that are not a terminal: no progress bar. */
    Console(InputStream in, OutputStream out, PrintStream err) {
        this(in, out, err, false);
    }

    /** The process's own standard streams, unbuffered and unwrapped. */
    static Console system() {
        String told = System.getProperty(TERMINAL_PROPERTY);
        boolean terminal = told != null ? Boolean.parseBoolean(told) : System.console() != null;
        return new Console(new FileInputStream(FileDescriptor.in), new FileOutputStream(FileDescriptor.out),
                System.err, terminal);
    }

    /** {@code out} behind a wrapper whose {@code close()} only flushes: stdout outlives each file. */
    OutputStream stdout() {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                out.flush();
            }
        };
    }

    /** {@code in} behind a wrapper whose {@code close()} does nothing. */
    InputStream stdin() {
        return new java.io.FilterInputStream(in) {
            @Override
            public void close() {
            }
        };
    }
}
