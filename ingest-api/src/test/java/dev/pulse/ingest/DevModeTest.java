package dev.pulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.service.JwtSettings;
import dev.pulse.service.Settings;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Dev mode is checked at start against how the service verifies tokens. */
class DevModeTest {

    private static final JwtSettings HMAC = jwt(Optional.of(new byte[JwtSettings.MIN_SECRET_BYTES]), Optional.empty(),
            Optional.empty(), Duration.ofHours(24));

    @Test
    void shouldRefuseDevModeWithoutAnHmacSecret() {
        JwtSettings jwks = jwt(Optional.empty(), Optional.of(Path.of("keys.json")), Optional.empty(), Duration.ofHours(24));

        assertThat(problems("true", "60", jwks)).singleElement().asString().startsWith("dev.mode:").contains("security.jwt.secret");
    }

    @Test
    void shouldRefuseDevModeWhenTokensMustNameAnAudience() {
        JwtSettings audience = jwt(HMAC.hmacSecret(), Optional.empty(), Optional.of("pulse"), Duration.ofHours(24));

        assertThat(problems("true", "60", audience)).singleElement().asString().contains("security.jwt.audience");
    }

    @Test
    void shouldAcceptDevModeOffWithoutAnHmacSecret() {
        JwtSettings jwks = jwt(Optional.empty(), Optional.of(Path.of("keys.json")), Optional.empty(), Duration.ofHours(24));

        assertThat(problems("false", "60", jwks)).isEmpty();
    }

    @Test
    void shouldCapTheDefaultLifetimeAtWhatTheServiceAccepts() {
        JwtSettings twoHours = jwt(HMAC.hmacSecret(), Optional.empty(), Optional.empty(), Duration.ofHours(2));

        assertThat(problems("true", "121", twoHours)).singleElement().asString().startsWith("dev.token.minutes:");
    }

    @Test
    void shouldRefuseAModeOtherThanTrueOrFalse() {
        assertThat(problems("yes", "60", HMAC)).singleElement().asString().startsWith("dev.mode:");
    }

    private static java.util.List<String> problems(String mode, String minutes, JwtSettings jwt) {
        Settings settings = new Settings(Config.just(ConfigSources.create(Map.of("dev.mode", mode,
                "dev.token.minutes", minutes))));
        DevMode.read(settings, jwt);
        return settings.problems();
    }

    private static JwtSettings jwt(Optional<byte[]> secret, Optional<Path> jwks, Optional<String> audience,
                                   Duration maxLifetime) {
        return new JwtSettings(secret, jwks, Optional.empty(), audience, Duration.ofSeconds(30), maxLifetime);
    }
}
