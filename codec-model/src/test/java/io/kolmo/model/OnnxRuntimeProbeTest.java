package io.kolmo.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kolmo.codec.Availability;
import org.junit.jupiter.api.Test;

class OnnxRuntimeProbeTest {
    @Test
    void cpuRuntimeLoadsOnThisPlatform() {
        Availability a = OnnxRuntimeProbe.runtime();
        assertTrue(a.isAvailable(), a.reason());
    }

    @Test
    void cudaProbeGivesAnAnswerWithAReason() {
        Availability a = OnnxRuntimeProbe.cuda();
        assertNotNull(a.reason());
        if (!a.isAvailable()) {
            assertFalse(a.reason().isBlank());
        }
    }
}
