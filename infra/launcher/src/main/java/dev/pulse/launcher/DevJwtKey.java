package dev.pulse.launcher;

import dev.pulse.service.HmacTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The development mode's JWT secret: generated at random on first start and kept in the data
 * directory (readable by its owner only), so tokens stay valid across restarts. Never a constant.
 */
final class DevJwtKey {

    static final String FILE_NAME = "dev-jwt-secret";

    private DevJwtKey() {
    }

    static String loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dataDir);
            if (!Files.exists(file)) {
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(file, HmacTokens.newSecret() + "\n", StandardCharsets.UTF_8);
                } catch (UnsupportedOperationException e) {
                    Files.writeString(file, HmacTokens.newSecret() + "\n", StandardCharsets.UTF_8);
                } catch (FileAlreadyExistsException e) {
                    // another launcher created it first: use theirs
                }
            }
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the development JWT key " + file, e);
        }
    }
}
