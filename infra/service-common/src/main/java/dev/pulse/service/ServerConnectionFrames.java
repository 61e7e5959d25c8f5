package dev.pulse.service;

import java.util.Arrays;
import java.util.Optional;

/**
 * Tells a failure of the server's own connection to the client from the same exception types thrown by an outbound
 * client (Helidon's web client reads with the same {@code DataReader} and sockets): the first stack frame outside
 * the JDK and Helidon's shared I/O code says who was reading or writing.
 */
final class ServerConnectionFrames {

    private static final String SERVER_PACKAGE = "io.helidon.webserver.";
    private static final String[] SHARED_PREFIXES = {
        "java.", "javax.", "jdk.", "sun.", "io.helidon.common."
    };

    private ServerConnectionFrames() {
    }

    /** Whether {@code failure} was thrown while Helidon's server read or wrote a connection. */
    static boolean thrownByServer(Throwable failure) {
        return origin(failure).map(frame -> frame.getClassName().startsWith(SERVER_PACKAGE)).orElse(false);
    }

    /** The first frame of {@code failure} outside the JDK and Helidon's shared I/O code. */
    static Optional<StackTraceElement> origin(Throwable failure) {
        return Arrays.stream(failure.getStackTrace())
                .filter(frame -> Arrays.stream(SHARED_PREFIXES).noneMatch(frame.getClassName()::startsWith))
                .findFirst();
    }
}
