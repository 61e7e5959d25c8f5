package dev.pulse.ingest;

import dev.pulse.service.JwtSettings;
import dev.pulse.service.Settings;
import java.time.Duration;

/**
 * Development mode, where {@code POST /v1/dev/token} hands a short-lived token to anyone who asks, so the
 * demo and a new user can try every route. Off by default; {@code ./pulse start} turns it on. Read from
 * {@code dev.*} and validated at start: dev tokens are signed with the HS256 secret the service verifies
 * with, so dev mode is refused without one, and with an expected audience (dev tokens carry none).
 *
 * @param on              whether the route exists at all
 * @param defaultLifetime a token's lifetime when the request names none
 * @param maxLifetime     the longest lifetime a request may ask: 24 h, or less if the service accepts less
 */
record DevMode(boolean on, Duration defaultLifetime, Duration maxLifetime) {

    /** The longest a dev token ever lives. */
    static final Duration CAP = Duration.ofHours(24);
    /** The issuer of dev tokens when the service expects none. */
    static final String DEFAULT_ISSUER = "pulse-dev";

    /** Reads {@code dev.mode} and {@code dev.token.minutes}, adding any problem to {@code settings}. */
    static DevMode read(Settings settings, JwtSettings jwt) {
        String mode = settings.text("dev.mode");
        boolean on = mode.equals("true");
        if (!on && !mode.equals("false")) {
            settings.problem("dev.mode: must be true or false, was '" + mode + "'");
        }
        Duration max = jwt.maxLifetime().compareTo(CAP) < 0 ? jwt.maxLifetime() : CAP;
        Duration lifetime = Duration.ofMinutes(settings.whole("dev.token.minutes", 1, max.toMinutes()));
        if (on && jwt.hmacSecret().isEmpty()) {
            settings.problem("dev.mode: dev tokens are signed with the HS256 secret the service verifies with;"
                    + " set security.jwt.secret (not jwks), or turn dev.mode off");
        }
        if (on && jwt.audience().isPresent()) {
            settings.problem("dev.mode: dev tokens carry no audience; leave security.jwt.audience empty, or turn"
                    + " dev.mode off");
        }
        return new DevMode(on, lifetime, max);
    }
}
