package io.kolmo.benchmarks.corpus;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** What the figures were measured on, printed above the tables. */
final class MachineFacts {
    private MachineFacts() {
    }

    /** Named facts in print order. */
    static Map<String, String> collect() {
        Runtime rt = Runtime.getRuntime();
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("date", ZonedDateTime.now().truncatedTo(ChronoUnit.SECONDS).format(
                DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        facts.put("cpu", cpuModel());
        facts.put("cores", rt.availableProcessors() + " available to the JVM");
        facts.put("load average", String.format(Locale.ROOT, "%.2f (1 min, at start)",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        facts.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        facts.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version")
                + " (" + System.getProperty("java.vm.vendor") + ")");
        facts.put("max heap", rt.maxMemory() / (1 << 20) + " MiB");
        facts.put("gc", ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName).collect(Collectors.joining(", ")));
        return facts;
    }

    private static String cpuModel() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return System.getProperty("os.arch");
        }
        try (Stream<String> lines = Files.lines(cpuinfo)) {
            return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst().orElse(System.getProperty("os.arch"));
        } catch (IOException e) {
            return System.getProperty("os.arch");
        }
    }
}
