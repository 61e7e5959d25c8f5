package dev.pulse.service;

import dev.pulse.schemas.kafka.Topics;
import io.helidon.config.Config;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The settings every service shares, read from its configuration and validated at start: a service
 * that cannot work stops at once with every problem named, rather than failing on first use.
 */
public record ServiceSettings(String serviceName, String host, int port, HttpSettings http, KafkaSettings kafka,
                              JwtSettings jwt) {

    private static final Pattern BOOTSTRAP = Pattern.compile("[^,\\s]+:\\d{1,5}(,[^,\\s]+:\\d{1,5})*");

    /** Reads and validates {@code server.*}, {@code kafka.*} and {@code security.jwt.*}; keys avoid dashes so that
     * every one has a plain environment variable ({@code kafka.bootstrap.servers} is {@code KAFKA_BOOTSTRAP_SERVERS}). */
    public static ServiceSettings from(String serviceName, Config config) {
        Settings settings = new Settings(config);
        ServiceSettings read = read(serviceName, settings);
        settings.requireValid(serviceName);
        return read;
    }

    /** Reads the shared settings, adding any problem to {@code settings} for the caller to report with its own. */
    public static ServiceSettings read(String serviceName, Settings settings) {
        String host = settings.text("server.host");
        int port = settings.integer("server.port", 0, 65_535);
        HttpSettings http = new HttpSettings(settings.seconds("server.request.timeout.seconds", 1, 3_600),
                settings.whole("server.body.max.bytes", 1, Integer.MAX_VALUE), settings.list("server.cors.origins"));

        String bootstrap = settings.text("kafka.bootstrap.servers");
        if (bootstrap.isEmpty()) {
            settings.problem("kafka.bootstrap.servers: required, e.g. localhost:9092");
        } else if (!BOOTSTRAP.matcher(bootstrap).matches()) {
            settings.problem("kafka.bootstrap.servers: expected host:port[,host:port...], was '" + bootstrap + "'");
        }
        String prefix = settings.optionalText("kafka.topic.prefix").orElse("");
        try {
            Topics.withPrefix(prefix);
        } catch (IllegalArgumentException e) {
            settings.problem("kafka.topic.prefix: " + e.getMessage());
        }
        KafkaSettings kafka = new KafkaSettings(bootstrap, prefix, settings.properties("kafka.client"));
        return new ServiceSettings(serviceName, host, port, http, kafka, readJwt(settings));
    }

    private static JwtSettings readJwt(Settings settings) {
        Optional<String> secretText = settings.optionalText("security.jwt.secret");
        Optional<Path> jwksFile = settings.optionalText("security.jwt.jwks.file").map(Path::of);
        Optional<String> jwksUrl = settings.optionalText("security.jwt.jwks.url");
        Optional<byte[]> secret = secretText.flatMap(text -> decodeSecret(text, settings));
        if (jwksFile.isPresent() && !Files.isReadable(jwksFile.get())) {
            settings.problem("security.jwt.jwks.file: cannot read " + jwksFile.get().toAbsolutePath());
        }
        if (settings.optionalText("security.jwt.jwks").isPresent()) {
            settings.problem("security.jwt.jwks: renamed; set security.jwt.jwks.file (a JWKS file) or"
                    + " security.jwt.jwks.url (a JWKS endpoint) instead");
        }
        requireOneKeySource(settings, secretText.isPresent(), jwksFile.isPresent(), jwksUrl.isPresent());
        Optional<JwtSettings.JwksUrl> remote = readJwksUrl(settings, jwksUrl);
        return new JwtSettings(secret, jwksFile, remote, settings.optionalText("security.jwt.issuer"),
                settings.optionalText("security.jwt.audience"), settings.seconds("security.jwt.leeway", 0, 600),
                Duration.ofHours(settings.whole("security.jwt.max.lifetime.hours", 1, 24L * 366)));
    }

    private static void requireOneKeySource(Settings settings, boolean secret, boolean file, boolean url) {
        int sources = (secret ? 1 : 0) + (file ? 1 : 0) + (url ? 1 : 0);
        if (sources == 0) {
            settings.problem("security.jwt: no key configured; set security.jwt.secret (base64, at least "
                    + JwtSettings.MIN_SECRET_BYTES + " bytes), security.jwt.jwks.file (a JWKS file) or"
                    + " security.jwt.jwks.url (an identity provider's JWKS endpoint)."
                    + " For local development ./pulse start generates one");
        } else if (sources > 1) {
            settings.problem("security.jwt: set exactly one of secret, jwks.file and jwks.url");
        }
    }

    private static Optional<JwtSettings.JwksUrl> readJwksUrl(Settings settings, Optional<String> text) {
        Duration refresh = Duration.ofMinutes(settings.whole("security.jwt.jwks.refresh.minutes", 1, 7L * 24 * 60));
        Duration cooldown = settings.seconds("security.jwt.jwks.refresh.cooldown.seconds", 1, 3_600);
        Duration timeout = settings.seconds("security.jwt.jwks.timeout.seconds", 1, 60);
        return text.flatMap(url -> jwksUri(url, settings))
                .map(uri -> new JwtSettings.JwksUrl(uri, refresh, cooldown, timeout));
    }

    private static Optional<URI> jwksUri(String text, Settings settings) {
        try {
            URI uri = new URI(text);
            if (("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null) {
                return Optional.of(uri);
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        settings.problem("security.jwt.jwks.url: expected an http or https URL, e.g."
                + " https://idp.example/.well-known/jwks.json, was '" + text + "'");
        return Optional.empty();
    }

    private static Optional<byte[]> decodeSecret(String text, Settings settings) {
        try {
            byte[] bytes = Base64.getDecoder().decode(text);
            if (bytes.length >= JwtSettings.MIN_SECRET_BYTES) {
                return Optional.of(bytes);
            }
            settings.problem("security.jwt.secret: must decode to at least " + JwtSettings.MIN_SECRET_BYTES
                    + " bytes, was " + bytes.length);
        } catch (IllegalArgumentException e) {
            settings.problem("security.jwt.secret: not valid base64 (" + e.getMessage() + ")");
        }
        return Optional.empty();
    }
}
