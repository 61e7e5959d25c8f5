package dev.pulse.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.http.HttpPrologue;
import io.helidon.http.Method;
import org.junit.jupiter.api.Test;

class UpgradeQueryTest {

    private static HttpPrologue upgrade(String target) {
        return HttpPrologue.create("HTTP/1.1", "HTTP", "1.1", Method.GET, target, false);
    }

    @Test
    void shouldReadADecodedValue() {
        assertThat(UpgradeQuery.first(upgrade("/ws?epoch=e%201&lastSeq=42"), "epoch")).contains("e 1");
        assertThat(UpgradeQuery.first(upgrade("/ws?epoch=e%201&lastSeq=42"), "lastSeq")).contains("42");
    }

    @Test
    void shouldTakeTheFirstOfRepeatedNames() {
        assertThat(UpgradeQuery.first(upgrade("/ws?token=a&token=b"), "token")).contains("a");
    }

    @Test
    void shouldFindNothingWithoutAQueryOrTheName() {
        assertThat(UpgradeQuery.first(upgrade("/ws"), "token")).isEmpty();
        assertThat(UpgradeQuery.first(upgrade("/ws?tokens=a&xtoken=b"), "token")).isEmpty();
    }

    @Test
    void shouldReadANameWithoutAValueAsEmpty() {
        assertThat(UpgradeQuery.first(upgrade("/ws?token&epoch="), "token")).contains("");
        assertThat(UpgradeQuery.first(upgrade("/ws?token&epoch="), "epoch")).contains("");
    }

    @Test
    void shouldTreatAMalformedEscapeAsNoValue() {
        assertThat(UpgradeQuery.first(upgrade("/ws?token=%zz"), "token")).isEmpty();
    }
}
