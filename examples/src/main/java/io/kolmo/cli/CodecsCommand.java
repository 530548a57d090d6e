package io.kolmo.cli;

import io.kolmo.codec.Availability;
import io.kolmo.codec.CodecProvider;
import io.kolmo.codec.Codecs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code kolmo codecs}: the installed codecs, whether each works here and why not, and the default. */
@Command(name = "codecs", header = "Lists codecs, their availability and the default.",
        mixinStandardHelpOptions = true,
        description = {"Lists installed codecs: name, header id, availability (with the reason when "
                + "unavailable) and description; then the default codec and why it was chosen.", ""})
final class CodecsCommand implements Callable<Integer> {
    private final Console console;

    CodecsCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws IOException {
        StringBuilder text = new StringBuilder();
        for (CodecProvider p : Codecs.providers()) {
            Availability a = p.availability();
            Availability asDefault = p.defaultAvailability();
            String status = a.isAvailable() && !asDefault.isAvailable()
                    ? "available (not as the default: " + asDefault.reason() + ")" : a.toString();
            text.append(String.format("%-11s %4d  %s%n             %s%n", p.name(), p.id(), p.description(), status));
        }
        try {
            text.append("default: ").append(Codecs.defaultChoice().reason()).append(System.lineSeparator());
        } catch (IllegalStateException e) {
            text.append("default: none: ").append(e.getMessage()).append(System.lineSeparator());
        }
        console.out().write(text.toString().getBytes(StandardCharsets.UTF_8));
        console.out().flush();
        return Kolmo.EXIT_OK;
    }
}
