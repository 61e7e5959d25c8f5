package dev.pulse.edge.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LoadOptionsTest {

    @Test
    void shouldRefuseATargetThatIsNotOnThisMachine() {
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--url=ws://192.0.2.1:8082/ws", "--connections=1"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("loopback addresses only");
    }

    @Test
    void shouldSpreadSocketsSoNoProcessPassesTheOpenFilesCap() {
        LoadOptions options = LoadOptions.parse(new String[] {"--url=ws://127.0.0.1:8082/ws", "--steps=2000,18000"});

        assertThat(options.processes()).isEqualTo(2);
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {
                "--url=ws://127.0.0.1:8082/ws", "--steps=18000", "--processes=1"}))
                .hasMessageContaining("use more processes");
    }

    @Test
    void shouldGiveEachChildTheSameOptionsAndItsIndex() {
        LoadOptions options = LoadOptions.parse(new String[] {"--url=ws://127.0.0.1:8082/ws", "--connections=10"});

        assertThat(options.childArgs(1)).containsExactly("--url=ws://127.0.0.1:8082/ws", "--connections=10",
                "--child-index=1");
        assertThat(LoadOptions.parse(options.childArgs(1).toArray(String[]::new)).isChild()).isTrue();
    }

    @Test
    void shouldRefuseAnUnknownOption() {
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--url=ws://127.0.0.1:8082/ws", "--conections=1"}))
                .hasMessageContaining("unknown option --conections");
    }

    @Test
    void shouldDriveOnlyAKnownKindIntoABrokerOnThisMachine() {
        LoadOptions options = LoadOptions.parse(new String[] {"--url=ws://127.0.0.1:8082/ws", "--connections=10",
                "--drive=messages", "--kafka=127.0.0.1:29092", "--drive-rate=200"});

        assertThat(options.drive()).hasValueSatisfying(drive -> {
            assertThat(drive.kind()).isEqualTo("messages");
            assertThat(drive.rate()).isEqualTo(200);
            assertThat(drive.hotPosts()).isEqualTo(1);
        });
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--url=ws://127.0.0.1:8082/ws", "--connections=1",
                "--drive=follows", "--kafka=127.0.0.1:29092"})).hasMessageContaining("--drive must be one of");
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--url=ws://127.0.0.1:8082/ws", "--connections=1",
                "--drive=likes"})).hasMessageContaining("--kafka is needed");
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--url=ws://127.0.0.1:8082/ws", "--connections=1",
                "--drive=likes", "--kafka=192.0.2.1:9092"})).hasMessageContaining("loopback addresses only");
    }
}
