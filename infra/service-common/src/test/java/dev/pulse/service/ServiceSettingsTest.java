package dev.pulse.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServiceSettingsTest {

    private static final String SECRET = HmacTokens.newSecret();

    private static Map<String, String> valid() {
        Map<String, String> map = new HashMap<>();
        map.put("server.port", "8081");
        map.put("kafka.bootstrap.servers", "localhost:9092");
        map.put("security.jwt.secret", SECRET);
        return map;
    }

    private static ServiceSettings read(Map<String, String> values) {
        return ServiceSettings.from("test-service",
                ServiceConfig.layered("test-service", Config.just(ConfigSources.create(values))));
    }

    @Test
    void shouldReadAValidConfiguration() {
        Map<String, String> values = valid();
        values.put("kafka.topic.prefix", "staging.");
        values.put("kafka.client.security.protocol", "SSL");

        ServiceSettings settings = read(values);

        assertThat(settings.port()).isEqualTo(8081);
        assertThat(settings.kafka().topics().likes().name()).isEqualTo("staging.events.likes");
        assertThat(settings.kafka().clientConfig())
                .containsEntry("bootstrap.servers", "localhost:9092")
                .containsEntry("security.protocol", "SSL");
        assertThat(settings.jwt().hmacSecret()).hasValueSatisfying(b -> assertThat(b).hasSize(32));
    }

    @Test
    void shouldRejectAPortThatIsNotANumber() {
        Map<String, String> values = valid();
        values.put("server.port", "eighty");

        assertThatThrownBy(() -> read(values)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("server.port: must be a whole number from 0 to 65535, was 'eighty'");
    }

    @Test
    void shouldRejectMalformedBootstrapServers() {
        Map<String, String> values = valid();
        values.put("kafka.bootstrap.servers", "localhost");

        assertThatThrownBy(() -> read(values))
                .hasMessageContaining("kafka.bootstrap.servers: expected host:port[,host:port...], was 'localhost'");
    }

    @Test
    void shouldRefuseToStartWithoutAKeyAndSayHowToGetOne() {
        Map<String, String> values = valid();
        values.remove("security.jwt.secret");

        assertThatThrownBy(() -> read(values))
                .hasMessageContaining("security.jwt: no key configured")
                .hasMessageContaining("./pulse start generates one");
    }

    @Test
    void shouldRejectASecretShorterThan256Bits() {
        Map<String, String> values = valid();
        values.put("security.jwt.secret", Base64.getEncoder().encodeToString(new byte[16]));

        assertThatThrownBy(() -> read(values)).hasMessageContaining("at least 32 bytes, was 16");
    }

    @Test
    void shouldListEveryProblemAtOnce() {
        Map<String, String> values = Map.of("server.port", "-1", "kafka.bootstrap.servers", "",
                "server.request.timeout.seconds", "0");

        assertThatThrownBy(() -> read(values)).isInstanceOfSatisfying(InvalidConfigException.class,
                e -> assertThat(e.problems()).hasSize(4));
    }

    @Test
    void shouldTakeSharedDefaultsFromOneFile() {
        ServiceSettings settings = read(valid());

        assertThat(settings.host()).isEqualTo("0.0.0.0");
        assertThat(settings.http().requestTimeout()).isEqualTo(java.time.Duration.ofSeconds(30));
        assertThat(settings.http().corsOrigins()).isEmpty();
        assertThat(settings.jwt().maxLifetime()).isEqualTo(java.time.Duration.ofHours(24));
    }

    @Test
    void shouldLayerOverridesOverTheServiceDefaults() {
        Config overrides = Config.just(ConfigSources.create(Map.of("server.port", "0")));

        Config config = ServiceConfig.layered("test-service", overrides);

        assertThat(config.get("server.port").asInt().get()).isZero();
        assertThat(config.get("kafka.bootstrap.servers").asString().get()).isEqualTo("defaults-host:9092");
    }

    @Test
    void shouldReadAJwksUrlWithItsRefreshSettings() {
        Map<String, String> values = valid();
        values.remove("security.jwt.secret");
        values.put("security.jwt.jwks.url", "https://idp.example/.well-known/jwks.json");

        JwtSettings jwt = read(values).jwt();

        assertThat(jwt.jwksUrl()).hasValue(new JwtSettings.JwksUrl(URI.create("https://idp.example/.well-known/jwks.json"),
                Duration.ofMinutes(60), Duration.ofSeconds(30), Duration.ofSeconds(5)));
    }

    @Test
    void shouldRefuseTwoKeySources() {
        Map<String, String> values = valid();
        values.put("security.jwt.jwks.url", "https://idp.example/jwks");

        assertThatThrownBy(() -> read(values))
                .hasMessageContaining("security.jwt: set exactly one of secret, jwks.file and jwks.url");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://idp.example/jwks", "idp.example/jwks", "https:///jwks", "http://bad host/"})
    void shouldRefuseAJwksUrlThatIsNotHttp(String url) {
        Map<String, String> values = valid();
        values.remove("security.jwt.secret");
        values.put("security.jwt.jwks.url", url);

        assertThatThrownBy(() -> read(values))
                .hasMessageContaining("security.jwt.jwks.url: expected an http or https URL");
    }

    @Test
    void shouldRefuseAnUnreadableJwksFile() {
        Map<String, String> values = valid();
        values.remove("security.jwt.secret");
        values.put("security.jwt.jwks.file", "/no/such/jwks.json");

        assertThatThrownBy(() -> read(values)).hasMessageContaining("security.jwt.jwks.file: cannot read /no/such/jwks.json");
    }

    @Test
    void shouldNameTheNewKeyWhenTheOldJwksKeyIsSet() {
        Map<String, String> values = valid();
        values.remove("security.jwt.secret");
        values.put("security.jwt.jwks", "/etc/pulse/jwks.json");

        assertThatThrownBy(() -> read(values)).hasMessageContaining("security.jwt.jwks: renamed; set security.jwt.jwks.file");
    }
}
