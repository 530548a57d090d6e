package io.kolmo.cli;

import io.kolmo.codec.CorruptedInputException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** Turns the exceptions a command meets into the one line a user reads. */
final class Failures {
    private Failures() {
    }

    /**
     * As {@link #describe(IOException)}, led by the file the failure is about: the exception's own
     * file where it names one, else {@code subject} (when not null).
     */
    static String describeWithFile(IOException e, String subject) {
        String message = describe(e);
        String file = e instanceof FileSystemException f && f.getFile() != null ? f.getFile() : subject;
        return file == null || message.startsWith(file) ? message : file + ": " + message;
    }

    /** One line saying what went wrong, without the exception's class name where it adds nothing. */
    static String describe(IOException e) {
        if (e instanceof NoSuchFileException f) {
            return (f.getOtherFile() != null ? f.getOtherFile() + ": " : "") + "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException f) {
            return f.getFile() + " already exists" + (f.getReason() != null ? "; " + f.getReason() : "");
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        if (e instanceof CorruptedInputException) {
            return "corrupt input: " + e.getMessage();
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
