package dev.pulse.service;

/** A bearer token was refused; the message says why in terms a client developer can act on. */
public final class TokenRejectedException extends RuntimeException {

    public TokenRejectedException(String reason) {
        super(reason);
    }
}
