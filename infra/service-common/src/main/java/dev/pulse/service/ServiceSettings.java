package dev.pulse.service;

import dev.pulse.schemas.kafka.Topics;
import io.helidon.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The settings every service shares, read from its configuration and validated at start: a service
 * that cannot work stops at once with every problem named, rather than failing on first use.
 */
public record ServiceSettings(String serviceName, String host, int port, KafkaSettings kafka, JwtSettings jwt) {

    private static final Pattern BOOTSTRAP = Pattern.compile("[^,\\s]+:\\d{1,5}(,[^,\\s]+:\\d{1,5})*");

    /** Reads and validates {@code server.*}, {@code kafka.*} and {@code security.jwt.*}; keys avoid dashes so that
     * every one has a plain environment variable ({@code kafka.bootstrap.servers} is {@code KAFKA_BOOTSTRAP_SERVERS}). */
    public static ServiceSettings from(String serviceName, Config config) {
        List<String> problems = new ArrayList<>();
        String host = config.get("server.host").asString().orElse("0.0.0.0");
        int port = readPort(config.get("server.port"), problems);

        String bootstrap = config.get("kafka.bootstrap.servers").asString().orElse("").strip();
        if (bootstrap.isEmpty()) {
            problems.add("kafka.bootstrap.servers: required, e.g. localhost:9092");
        } else if (!BOOTSTRAP.matcher(bootstrap).matches()) {
            problems.add("kafka.bootstrap.servers: expected host:port[,host:port...], was '" + bootstrap + "'");
        }
        String prefix = config.get("kafka.topic.prefix").asString().orElse("");
        try {
            Topics.withPrefix(prefix);
        } catch (IllegalArgumentException e) {
            problems.add("kafka.topic.prefix: " + e.getMessage());
        }
        Map<String, String> clientProperties = new LinkedHashMap<>(
                config.get("kafka.client").detach().asMap().orElse(Map.of()));

        JwtSettings jwt = readJwt(config.get("security.jwt"), problems);
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(serviceName, problems);
        }
        return new ServiceSettings(serviceName, host, port, new KafkaSettings(bootstrap, prefix, clientProperties), jwt);
    }

    private static int readPort(Config node, List<String> problems) {
        String raw = node.asString().orElse("");
        try {
            int port = Integer.parseInt(raw.strip());
            if (port >= 0 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add("server.port: must be a number 0..65535 (0 picks a free port), was '" + raw + "'");
        return -1;
    }

    private static JwtSettings readJwt(Config jwt, List<String> problems) {
        Optional<String> secretText = jwt.get("secret").asString().asOptional().filter(s -> !s.isBlank());
        Optional<Path> jwksFile = jwt.get("jwks").asString().asOptional().filter(s -> !s.isBlank()).map(Path::of);
        Optional<byte[]> secret = Optional.empty();
        if (secretText.isPresent()) {
            try {
                byte[] bytes = Base64.getDecoder().decode(secretText.get().strip());
                if (bytes.length < JwtSettings.MIN_SECRET_BYTES) {
                    problems.add("security.jwt.secret: must decode to at least " + JwtSettings.MIN_SECRET_BYTES
                            + " bytes, was " + bytes.length);
                } else {
                    secret = Optional.of(bytes);
                }
            } catch (IllegalArgumentException e) {
                problems.add("security.jwt.secret: not valid base64 (" + e.getMessage() + ")");
            }
        }
        if (jwksFile.isPresent() && !Files.isReadable(jwksFile.get())) {
            problems.add("security.jwt.jwks: cannot read " + jwksFile.get().toAbsolutePath());
        }
        if (secretText.isEmpty() && jwksFile.isEmpty()) {
            problems.add("security.jwt: no key configured; set security.jwt.secret (base64, at least "
                    + JwtSettings.MIN_SECRET_BYTES + " bytes) or security.jwt.jwks (a JWKS file)."
                    + " For local development ./pulse start generates one");
        }
        if (secretText.isPresent() && jwksFile.isPresent()) {
            problems.add("security.jwt: set secret or jwks, not both");
        }
        Duration skew = Duration.ofSeconds(jwt.get("leeway").asInt().orElse(30));
        return new JwtSettings(secret, jwksFile,
                jwt.get("issuer").asString().asOptional().filter(s -> !s.isBlank()),
                jwt.get("audience").asString().asOptional().filter(s -> !s.isBlank()), skew,
                JwtSettings.DEFAULT_MAX_LIFETIME);
    }
}
