package dev.pulse.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Wiping a state dir touches the application's own folder and nothing else. */
class LocalStateTest {

    @TempDir
    Path stateDir;

    @Test
    void shouldWipeOnlyTheApplicationsFolder() throws IOException {
        Path store = write(stateDir.resolve("app/0_1/rocksdb/counts/000001.sst"));
        write(stateDir.resolve("app/.lock"));
        Path otherApp = write(stateDir.resolve("app-2/0_1/file"));
        LocalState state = new LocalState(stateDir, "app");

        state.wipe();

        assertThat(store).doesNotExist();
        assertThat(stateDir.resolve("app")).doesNotExist();
        assertThat(otherApp).exists();
    }

    @Test
    void shouldRefuseAFolderARunningInstanceHoldsTheLockOf() throws IOException {
        Path store = write(stateDir.resolve("app/0_1/file"));
        Path lockFile = write(stateDir.resolve("app/.lock"));
        LocalState state = new LocalState(stateDir, "app");

        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
             FileLock held = channel.lock()) {
            assertThat(held.isValid()).isTrue();

            assertThat(state.refusal()).hasValueSatisfying(reason -> assertThat(reason).contains("in use"));
            assertThatThrownBy(state::wipe).isInstanceOf(IOException.class).hasMessageContaining("in use");
        }
        assertThat(store).exists();
    }

    @Test
    void shouldDeleteALinkInTheFolderWithoutFollowingIt() throws IOException {
        Path outside = write(stateDir.resolve("elsewhere/keep.txt"));
        Files.createDirectories(stateDir.resolve("app"));
        Files.createSymbolicLink(stateDir.resolve("app/link"), outside.getParent());

        new LocalState(stateDir, "app").wipe();

        assertThat(stateDir.resolve("app")).doesNotExist();
        assertThat(outside).exists();
    }

    @Test
    void shouldRefuseAStateDirThatDoesNotExist() throws IOException {
        LocalState state = new LocalState(stateDir.resolve("typo"), "app");

        assertThat(state.refusal()).hasValueSatisfying(reason -> assertThat(reason).contains("is not a directory"));
    }

    @Test
    void shouldAcceptAStateDirWithoutTheApplicationsFolder() throws IOException {
        LocalState state = new LocalState(stateDir, "app");

        assertThat(state.refusal()).isEmpty();
        assertThat(state.exists()).isFalse();
    }

    private static Path write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, "x");
    }
}
