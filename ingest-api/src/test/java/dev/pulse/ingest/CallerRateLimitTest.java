package dev.pulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.service.ProblemException;
import io.helidon.http.HeaderNames;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CallerRateLimitTest {

    private final AtomicLong now = new AtomicLong();
    /** Two requests a second, bursts of three. */
    private final CallerRateLimit limit = new CallerRateLimit(2, 3, now::get);

    @Test
    void shouldAllowABurstThenRefuseWith429AndRetryAfter() {
        for (int i = 0; i < 3; i++) {
            limit.requireAllowed("ana");
        }

        assertThatThrownBy(() -> limit.requireAllowed("ana")).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.status().code()).isEqualTo(429);
            assertThat(e.code()).isEqualTo(CallerRateLimit.CODE);
            assertThat(e.headers()).anySatisfy(h -> {
                assertThat(h.name()).isEqualTo(HeaderNames.RETRY_AFTER.defaultCase());
                assertThat(h.get()).isEqualTo("1");
            });
        });
    }

    @Test
    void shouldAllowAgainOnceTheBucketRefilled() {
        exhaust("ana");

        now.addAndGet(Duration.ofMillis(500).toNanos());

        assertThatCode(() -> limit.requireAllowed("ana")).doesNotThrowAnyException();
    }

    @Test
    void shouldKeepEachCallersBucketApart() {
        exhaust("ana");

        assertThatCode(() -> limit.requireAllowed("bob")).doesNotThrowAnyException();
    }

    @Test
    void shouldSayAtLeastOneSecondEvenWhenTheWaitIsShorter() {
        exhaust("ana");
        now.addAndGet(Duration.ofMillis(400).toNanos());

        assertThatThrownBy(() -> limit.requireAllowed("ana")).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.headers()).anySatisfy(h -> assertThat(h.get()).isEqualTo("1")));
    }

    private void exhaust(String caller) {
        assertThatThrownBy(() -> {
            for (int i = 0; i < 10; i++) {
                limit.requireAllowed(caller);
            }
        }).isInstanceOf(ProblemException.class);
    }
}
