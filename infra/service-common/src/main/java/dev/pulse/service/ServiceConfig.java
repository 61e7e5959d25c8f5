package dev.pulse.service;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Loads a service's configuration in layers, highest priority first. Standalone: system properties,
 * environment variables (upper case, {@code _} for {@code .}: {@code SERVER_PORT} is
 * {@code server.port}, {@code KAFKA_BOOTSTRAP_SERVERS} is {@code kafka.bootstrap.servers}), the file named by {@code PULSE_CONFIG_FILE}, then the defaults
 * in the service's own {@code <service>.yaml} on the classpath, then the defaults all services share
 * ({@value #SHARED_DEFAULTS}). Defaults live only in these files, never in code. Embedded in the launcher, the launcher's
 * sub-tree for the service replaces the first three.
 */
public final class ServiceConfig {

    public static final String CONFIG_FILE_ENV = "PULSE_CONFIG_FILE";
    public static final String SHARED_DEFAULTS = "pulse-service-defaults.yaml";

    private ServiceConfig() {
    }

    /** Configuration of a service running on its own. */
    public static Config standalone(String serviceName) {
        Config.Builder builder = Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.systemProperties())
                .addSource(ConfigSources.environmentVariables());
        Optional.ofNullable(System.getenv(CONFIG_FILE_ENV)).filter(s -> !s.isBlank()).map(Path::of).ifPresent(file -> {
            if (!Files.isReadable(file)) {
                throw new InvalidConfigException(serviceName, java.util.List.of(
                        CONFIG_FILE_ENV + ": cannot read " + file.toAbsolutePath()));
            }
            builder.addSource(ConfigSources.file(file));
        });
        return builder.addSource(defaults(serviceName)).addSource(shared()).build();
    }

    /** Configuration of a service inside another process: {@code overrides} over the service's defaults. */
    public static Config layered(String serviceName, Config overrides) {
        return Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.create(overrides.detach()))
                .addSource(defaults(serviceName))
                .addSource(shared())
                .build();
    }

    private static io.helidon.config.ClasspathConfigSource defaults(String serviceName) {
        return ConfigSources.classpath(serviceName + ".yaml").build();
    }

    private static io.helidon.config.ClasspathConfigSource shared() {
        return ConfigSources.classpath(SHARED_DEFAULTS).build();
    }
}
