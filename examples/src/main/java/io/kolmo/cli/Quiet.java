package io.kolmo.cli;

import picocli.CommandLine.Option;

/** The {@code -q} option, shared by every command that reports or shows progress. */
final class Quiet {
    @Option(names = {"-q", "--quiet"}, description = "Print nothing but errors: no progress bar, no report.")
    boolean on;
}
