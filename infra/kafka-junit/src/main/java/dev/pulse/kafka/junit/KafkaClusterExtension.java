package dev.pulse.kafka.junit;

import dev.pulse.schemas.kafka.Topic;
import dev.pulse.schemas.kafka.Topics;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidMetadataException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives tests a real Kafka cluster, started once per test JVM and shared, and a fresh world per test.
 * Parameters it resolves: {@link KafkaCluster}; {@link TestNamespace}, a prefix unique to the test;
 * and {@link Topics}, the whole catalogue created under that prefix, empty.
 *
 * <p>The backend is the embedded broker unless the system property {@code kafka.backend} (or the
 * environment variable {@code PULSE_KAFKA_BACKEND}) says {@code testcontainers}; without a Docker
 * engine that request falls back to the embedded broker and logs why.
 */
public final class KafkaClusterExtension implements ParameterResolver, AfterEachCallback, AfterAllCallback {

    public static final String BACKEND_PROPERTY = "kafka.backend";

    private static final Logger LOG = LoggerFactory.getLogger(KafkaClusterExtension.class);
    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(KafkaClusterExtension.class);
    private static final AtomicInteger TEST_COUNTER = new AtomicInteger();
    private static final long ADMIN_TIMEOUT_SECONDS = 30;

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == KafkaCluster.class || type == TestNamespace.class || type == Topics.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == KafkaCluster.class) {
            return cluster(context);
        }
        if (type == TestNamespace.class) {
            return namespace(context);
        }
        return topics(context);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        deleteTopicsOf(context);
    }

    /** Namespaces resolved for {@code @BeforeAll} methods live for the whole class. */
    @Override
    public void afterAll(ExtensionContext context) {
        deleteTopicsOf(context);
    }

    /** The store of exactly this context (not its parents): each test, or class, owns its namespace. */
    private static ExtensionContext.Store own(ExtensionContext context) {
        return context.getStore(ExtensionContext.Namespace.create(KafkaClusterExtension.class, context.getUniqueId()));
    }

    private static void deleteTopicsOf(ExtensionContext context) {
        TestNamespace namespace = own(context).get(TestNamespace.class, TestNamespace.class);
        if (namespace == null) {
            return;
        }
        try (Admin admin = Admin.create(cluster(context).clientConfig())) {
            Set<String> owned = admin.listTopics().names().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS).stream()
                    .filter(name -> name.startsWith(namespace.prefix()))
                    .collect(Collectors.toSet());
            if (!owned.isEmpty()) {
                admin.deleteTopics(owned).all().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("Could not delete the topics of {}: {}", namespace.prefix(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static KafkaCluster cluster(ExtensionContext context) {
        return context.getRoot().getStore(STORE)
                .getOrComputeIfAbsent(KafkaBackend.class, key -> startBackend(), KafkaBackend.class)
                .cluster();
    }

    private static TestNamespace namespace(ExtensionContext context) {
        return own(context).getOrComputeIfAbsent(TestNamespace.class,
                key -> new TestNamespace(uniquePrefix(context)), TestNamespace.class);
    }

    private static Topics topics(ExtensionContext context) {
        return own(context).getOrComputeIfAbsent(Topics.class, key -> {
            Topics topics = Topics.withPrefix(namespace(context).prefix());
            create(cluster(context), topics.all());
            return topics;
        }, Topics.class);
    }

    /**
     * Creates {@code topics} on the cluster and returns once their broker leads every partition;
     * for tests that need a second catalogue of their own.
     */
    public static void create(KafkaCluster cluster, List<Topic<?, ?>> topics) {
        try (Admin admin = Admin.create(cluster.clientConfig())) {
            admin.createTopics(topics.stream().map(t -> t.newTopic((short) 1)).toList())
                    .all().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            awaitMetadata(admin, topics.stream().map(Topic::name).toList());
        } catch (ExecutionException | TimeoutException e) {
            throw new ParameterResolutionException("Cannot create test topics on " + cluster.backend()
                    + " Kafka at " + cluster.bootstrapServers() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ParameterResolutionException("Interrupted while creating test topics", e);
        }
    }

    /** A just-created topic is led by its broker a moment later; tests start after it is. */
    private static void awaitMetadata(Admin admin, List<String> names)
            throws ExecutionException, InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ADMIN_TIMEOUT_SECONDS);
        while (true) {
            try {
                Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
                admin.describeTopics(names).allTopicNames().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                        .forEach((name, description) -> description.partitions().forEach(p ->
                                partitions.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
                // Answered only once the broker leads every partition: producing earlier can fail.
                admin.listOffsets(partitions).all().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof InvalidMetadataException) || System.nanoTime() > deadline) {
                    throw e;
                }
                TimeUnit.MILLISECONDS.sleep(20);
            }
        }
    }

    private static String uniquePrefix(ExtensionContext context) {
        String method = context.getTestMethod().map(m -> m.getName()).orElse("class");
        String readable = method.replaceAll("[^a-zA-Z0-9]", "").toLowerCase(Locale.ROOT);
        readable = readable.substring(0, Math.min(readable.length(), 40));
        return "t%d-%s-%04x.".formatted(TEST_COUNTER.incrementAndGet(), readable,
                ThreadLocalRandom.current().nextInt(0x10000));
    }

    private static KafkaBackend startBackend() {
        String requested = Optional.ofNullable(System.getProperty(BACKEND_PROPERTY))
                .or(() -> Optional.ofNullable(System.getenv("PULSE_KAFKA_BACKEND")))
                .map(String::strip).filter(s -> !s.isEmpty()).orElse("embedded")
                .toLowerCase(Locale.ROOT);
        switch (requested) {
            case "embedded" -> {
                return new EmbeddedBackend();
            }
            case "testcontainers" -> {
                Optional<String> unavailable = TestcontainersBackend.unavailableReason();
                if (unavailable.isPresent()) {
                    LOG.warn("{}=testcontainers was requested, but {}; these tests use the embedded broker instead.",
                            BACKEND_PROPERTY, unavailable.get());
                    return new EmbeddedBackend();
                }
                LOG.info("Starting Kafka in a container ({})", TestcontainersBackend.IMAGE);
                return TestcontainersBackend.start();
            }
            default -> throw new ParameterResolutionException("Unknown " + BACKEND_PROPERTY + " '" + requested
                    + "': use embedded (default) or testcontainers");
        }
    }
}
