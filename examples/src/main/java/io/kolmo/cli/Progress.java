package io.kolmo.cli;

import java.util.function.LongConsumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on standard error for long work: bytes done, speed and time left. It is shown only
 * when standard error is a terminal, {@code -q} was not given and the work is large enough to be
 * worth watching; otherwise it does nothing. Closing it clears the bar, so that a report or an error
 * message that follows starts on a clean line.
 *
 * <p>Codecs work a whole frame (up to 16 MiB) at a time, and a kolmo stream reads or buffers a frame
 * before coding it, so bytes read are not bytes done. Callers report work that is finished: input
 * of frames already written out ({@link #framesDone}), or compressed input whose decoded bytes have
 * come out. The bar moves a frame at a time and never runs ahead.
 *
 * <pre>{@code
 * try (Progress progress = Progress.start(console, quiet, "notes.txt", Files.size(path))) {
 *     copy(new CountingInputStream(in, progress), out);
 * }
 * }</pre>
 *
 * <p>Not thread-safe (the bar redraws itself on its own thread, which the library manages).
 */
final class Progress implements LongConsumer, AutoCloseable {
    /** Below this many bytes the work ends before a bar would tell anything. */
    static final long MIN_BYTES = 1 << 20;
    private static final long KIB = 1 << 10;
    private static final long MIB = 1 << 20;
    private static final int TASK_WIDTH = 24;

    private final ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    /**
     * A bar counting to {@code total} bytes, or a silent stand-in.
     *
     * @param total the bytes the work will take, or a negative number if unknown (no bar)
     */
    static Progress start(Console console, boolean quiet, String task, long total) {
        if (!shown(console, quiet) || total < MIN_BYTES) {
            return new Progress(null);
        }
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName(shorten(task))
                .setInitialMax(total)
                // Whole units: KiB keeps small work from reading 3/3 MiB while it is under way.
                .setUnit(total < 100 * MIB ? "KiB" : "MiB", total < 100 * MIB ? KIB : MIB)
                .showSpeed()
                // ASCII draws the same on every terminal and locale.
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .setConsumer(new ConsoleProgressBarConsumer(console.err()))
                .clearDisplayOnFinish()
                .build();
        return new Progress(bar);
    }

    /** Whether a bar would be shown for large enough work: worth knowing before costly sizing. */
    static boolean shown(Console console, boolean quiet) {
        return !quiet && console.terminal();
    }

    private static String shorten(String task) {
        return task.length() <= TASK_WIDTH ? task : "..." + task.substring(task.length() - TASK_WIDTH + 3);
    }

    /** The bytes of {@code read} that lie in whole frames of {@code frameSize}: those already coded. */
    static long framesDone(long read, int frameSize) {
        return read - read % frameSize;
    }

    /** Bytes done so far. */
    @Override
    public void accept(long done) {
        if (bar != null) {
            bar.stepTo(done);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
