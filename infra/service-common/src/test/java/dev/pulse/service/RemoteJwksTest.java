package dev.pulse.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Fetches asked for by tokens naming unknown keys are rate-limited, measured on a clock the test moves. */
class RemoteJwksTest {

    private static final Duration COOLDOWN = Duration.ofSeconds(30);
    private static final SigningKeyPair FIRST = SigningKeyPair.rs256("rsa-1");
    private static final SigningKeyPair NEXT = SigningKeyPair.rs256("rsa-2");

    private final JwksServer idp = JwksServer.serving(SigningKeyPair.jwks(FIRST));
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final RemoteJwks keys = new RemoteJwks(new JwtSettings.JwksUrl(idp.url(), Duration.ofHours(1), COOLDOWN,
            Duration.ofSeconds(1)), nanos::get);

    @AfterEach
    void stop() {
        keys.close();
        idp.close();
    }

    @Test
    void shouldNotFetchAgainWithinTheCooldownOfTheLastFetch() {
        idp.publish(SigningKeyPair.jwks(FIRST, NEXT));
        nanos.addAndGet(COOLDOWN.minusMillis(1).toNanos());

        for (int i = 0; i < 20; i++) {
            assertThat(keys.refreshed().hasKeyId("rsa-2")).isFalse();
        }
        assertThat(idp.fetches()).isEqualTo(1);
    }

    @Test
    void shouldFetchOnceWhenTheCooldownHasPassedHoweverManyAsk() {
        idp.publish(SigningKeyPair.jwks(FIRST, NEXT));
        nanos.addAndGet(COOLDOWN.toNanos());

        for (int i = 0; i < 20; i++) {
            assertThat(keys.refreshed().hasKeyId("rsa-2")).isTrue();
        }
        assertThat(idp.fetches()).isEqualTo(2);
    }

    @Test
    void shouldFetchNoMoreOnceClosed() {
        keys.close();
        nanos.addAndGet(COOLDOWN.toNanos());

        assertThat(keys.refreshed().hasKeyId("rsa-1")).isTrue();
        assertThat(idp.fetches()).isEqualTo(1);
    }
}
