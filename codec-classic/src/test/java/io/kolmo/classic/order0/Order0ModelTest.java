package io.kolmo.classic.order0;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kolmo.codec.BlockEncoder;
import io.kolmo.codec.Codec;
import io.kolmo.codec.CodecOptions;
import io.kolmo.codec.TestData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The order-0 model's tables, its code length against entropy, and measure against real payloads. */
class Order0ModelTest {
    @Test
    void tablesCoverTheTotalWithEveryFrequencyPositive() {
        Order0Model model = new Order0Model();
        Random r = new Random(61);
        for (int step = 0; step < 300_000; step++) {
            // Heavily skewed input drives some counts to 1 through repeated halving.
            model.update(r.nextInt(10) == 0 ? r.nextInt(256) : 'e');
            if (step % 997 == 0) {
                int total = 0;
                for (int s = 0; s < 256; s++) {
                    assertTrue(model.freq(s) >= 1, "symbol " + s + " at step " + step);
                    assertEquals(total, model.cum(s));
                    assertEquals(s, model.symbolAt(model.cum(s)));
                    assertEquals(s, model.symbolAt(model.cum(s) + model.freq(s) - 1));
                    total += model.freq(s);
                }
                assertEquals(1 << Order0Model.TOTAL_BITS, total);
            }
        }
    }

    @Test
    void codeLengthIsCloseToTheEntropy() throws IOException {
        // Four symbols with probabilities 1/2, 1/4, 1/8, 1/8: entropy 1.75 bits each.
        int n = 200_000;
        byte[] data = new byte[n];
        Random r = new Random(62);
        for (int i = 0; i < n; i++) {
            int u = r.nextInt(8);
            data[i] = (byte) (u < 4 ? 'a' : u < 6 ? 'b' : u < 7 ? 'c' : 'd');
        }
        double bitsPerByte = (double) new Order0Codec(CodecOptions.defaults()).measure(data) / n;
        assertTrue(bitsPerByte > 1.74 && bitsPerByte < 1.77, "bits per byte " + bitsPerByte);
    }

    @Test
    void measureEqualsPayloadForEveryLength() throws IOException {
        Codec codec = new Order0Codec(CodecOptions.defaults());
        byte[] text = TestData.text(5_000, 63);
        try (BlockEncoder encoder = codec.newEncoder()) {
            for (int len = 0; len < text.length; len = len * 2 + 1) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                encoder.encode(text, 7, len - Math.min(len, 7), out);
                assertEquals(8L * out.size(), encoder.measure(text, 7, len - Math.min(len, 7)), "length " + len);
            }
        }
    }
}
