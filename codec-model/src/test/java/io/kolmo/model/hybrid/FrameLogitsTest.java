package io.kolmo.model.hybrid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kolmo.model.net.ByteModel;
import io.kolmo.model.net.WindowSchedule;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FrameLogitsTest {
    /** Logits that reveal the position in the window, the window's first byte and the last byte fed. */
    private static FunctionByteModel revealing(int context) {
        return new FunctionByteModel("revealing " + context, context) {
            @Override
            void logits(byte[] seq, int t, int[] out, int off) {
                Arrays.fill(out, off, off + 256, 0);
                out[off] = t;
                out[off + 1] = seq[0] & 0xFF;
                out[off + 2] = seq[t] & 0xFF;
            }
        };
    }

    @Test
    void encoderAndDecoderSeeTheSameRowsFromTheScheduledWindow() throws IOException {
        byte[] data = new byte[300];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 7);
        }
        for (int[] cs : new int[][] {{2, 1}, {3, 1}, {3, 2}, {4, 2}, {4, 3}, {5, 2}, {5, 4}, {64, 32}, {64, 48}, {64, 63}}) {
            int context = cs[0];
            ByteModel model = revealing(context);
            WindowSchedule schedule = new WindowSchedule(context, cs[1]);
            for (int len = 1; len <= data.length; len += context < 64 ? 1 : 37) {
                ForwardLogits forward = new ForwardLogits(model, schedule, data, 0, len);
                try (ByteModel.Incremental inc = model.incremental(1)) {
                    IncrementalLogits incremental = new IncrementalLogits(inc, schedule, data, 0, len);
                    int window = 0;
                    for (int j = 1; j < len; j++) {
                        while (window + 1 < schedule.windows(len) && schedule.firstPredicted(window + 1) <= j) {
                            window++;
                        }
                        int[] f = forward.logits(j);
                        int[] fRow = Arrays.copyOfRange(f, forward.offset(), forward.offset() + 256);
                        int[] i = incremental.logits(j);
                        int[] iRow = Arrays.copyOfRange(i, incremental.offset(), incremental.offset() + 256);
                        String where = "context " + context + ", stride " + cs[1] + ", len " + len + ", byte " + j;
                        assertArrayEquals(fRow, iRow, where);
                        int start = schedule.start(window);
                        assertEquals(j - start - 1, fRow[0], where + ": position in window " + window);
                        assertEquals(data[start] & 0xFF, fRow[1], where + ": window start");
                        assertEquals(data[j - 1] & 0xFF, fRow[2], where + ": last byte");
                    }
                }
            }
        }
    }
}
