package dev.pulse.rebuild;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * One Kafka Streams application's local state on this host: the folder {@code <state dir>/<application id>}
 * holding its stores, which must not outlive a rebuild (an instance started on it may apply the replayed
 * log on top of the old state). It is wiped only while nothing else holds the lock a running Kafka Streams
 * instance keeps on it, and nothing outside it is touched: other applications' folders stay, and symbolic
 * links are deleted, never followed.
 */
final class LocalState {

    /** The file a running instance locks in its application folder (Kafka Streams' StateDirectory). */
    private static final String LOCK_FILE = ".lock";

    private final Path stateDir;
    private final Path folder;

    LocalState(Path stateDir, String applicationId) {
        this.stateDir = stateDir;
        this.folder = stateDir.resolve(applicationId);
    }

    Path folder() {
        return folder;
    }

    boolean exists() {
        return Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS);
    }

    /** Why the folder cannot be wiped now, if it cannot. */
    Optional<String> refusal() throws IOException {
        if (!Files.isDirectory(stateDir)) {
            return Optional.of("--state-dir " + stateDir + " is not a directory");
        }
        if (Files.isSymbolicLink(folder)) {
            return Optional.of(folder + " is a symbolic link: wipe what it points to by hand");
        }
        if (inUse()) {
            return Optional.of(folder + " is in use by a stream processor running on this host: stop it first");
        }
        return Optional.empty();
    }

    /** Deletes the folder and all it holds, keeping Kafka Streams' lock meanwhile so no instance starts in it. */
    void wipe() throws IOException {
        if (!exists()) {
            return;
        }
        Path lockFile = folder.resolve(LOCK_FILE);
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = tryLock(channel)) {
            if (lock == null) {
                throw new IOException(folder + " is in use by a stream processor running on this host");
            }
            deleteAllBut(lockFile);
        }
        Files.delete(lockFile);
        Files.delete(folder);
    }

    private boolean inUse() throws IOException {
        Path lockFile = folder.resolve(LOCK_FILE);
        if (!Files.isRegularFile(lockFile, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
             FileLock lock = tryLock(channel)) {
            return lock == null;
        }
    }

    /** The lock, or null while another process, or this JVM, holds it. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    private void deleteAllBut(Path keep) throws IOException {
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                if (!file.equals(keep)) {
                    Files.delete(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                if (!dir.equals(folder)) {
                    Files.delete(dir);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
