package io.kolmo.cli;

/** A refusal the user can fix (an existing output, a wrong suffix), reported as one line. */
class UserException extends Exception {
    private static final long serialVersionUID = 1L;

    UserException(String message) {
        super(message, null, false, false);
    }
}
