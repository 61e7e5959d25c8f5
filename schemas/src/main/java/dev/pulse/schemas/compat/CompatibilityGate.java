package dev.pulse.schemas.compat;

import dev.pulse.schemas.SchemaCatalogue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaFormatter;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Build-time gate: every current schema must read data written by each released version of it,
 * and each released version must read data written by the current one (full, transitive
 * compatibility). Producers and consumers upgrade at different times, so both directions matter.
 *
 * <p>{@code check} fails the build with a report naming the schema, version, direction and field;
 * {@code release <dir>} writes the current version of every changed schema as the next released one.
 */
public final class CompatibilityGate {

    // System.Logger, not SLF4J: the gate runs inside the build tool's JVM, which has no SLF4J backend for it.
    private static final System.Logger LOG = System.getLogger(CompatibilityGate.class.getName());

    private CompatibilityGate() {
    }

    /** Why {@code current} is not fully compatible with {@code released}; empty when it is. */
    public static List<String> problems(Schema current, List<Schema> released) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < released.size(); i++) {
            String version = "v" + (i + 1);
            Schema old = released.get(i);
            describe(problems, current.getFullName(),
                    "the current schema cannot read data written with released " + version,
                    SchemaCompatibility.checkReaderWriterCompatibility(current, old));
            describe(problems, current.getFullName(),
                    "released " + version + " cannot read data written with the current schema",
                    SchemaCompatibility.checkReaderWriterCompatibility(old, current));
        }
        return problems;
    }

    private static void describe(List<String> problems, String name, String direction,
                                 SchemaCompatibility.SchemaPairCompatibility result) {
        for (Incompatibility incompatibility : result.getResult().getIncompatibilities()) {
            problems.add("%s: %s: %s at %s (%s)".formatted(name, direction, incompatibility.getType(),
                    incompatibility.getLocation(), incompatibility.getMessage()));
        }
    }

    /** Problems of every topic record against its released versions. */
    public static List<String> checkCatalogue() {
        List<String> problems = new ArrayList<>();
        for (Class<? extends SpecificRecord> type : SchemaCatalogue.topicRecords()) {
            Schema current = SpecificData.getForClass(type).getSchema(type);
            List<Schema> released = ReleasedSchemas.of(type.getSimpleName());
            if (released.isEmpty()) {
                problems.add(type.getName() + ": no released version; run the release-schemas execution once it ships");
            }
            problems.addAll(problems(current, released));
            SchemaCatalogue.predecessorOf(type).ifPresent(name -> problems.addAll(successorProblems(current, name)));
        }
        return problems;
    }

    /**
     * Why {@code current} cannot read data written by every released version of the record it succeeds.
     * One direction only: readers of the old record are not expected to read the new one.
     */
    static List<String> successorProblems(Schema current, String predecessor) {
        List<Schema> released = ReleasedSchemas.of(predecessor);
        List<String> problems = new ArrayList<>();
        if (released.isEmpty()) {
            problems.add(current.getFullName() + ": succeeds " + predecessor + ", which has no released version");
        }
        for (int i = 0; i < released.size(); i++) {
            describe(problems, current.getFullName(), "the current schema cannot read data written with "
                    + predecessor + " v" + (i + 1), SchemaCompatibility.checkReaderWriterCompatibility(current,
                    released.get(i)));
        }
        return problems;
    }

    /** Writes the current schema of every changed topic record as its next released version. */
    public static List<Path> release(Path releasedDir) throws IOException {
        List<Path> written = new ArrayList<>();
        for (Class<? extends SpecificRecord> type : SchemaCatalogue.topicRecords()) {
            Schema current = SpecificData.getForClass(type).getSchema(type);
            List<Schema> released = ReleasedSchemas.of(type.getSimpleName());
            if (!released.isEmpty() && released.getLast().toString().equals(current.toString())) {
                continue;
            }
            Path file = releasedDir.resolve(ReleasedSchemas.resourceName(type.getSimpleName(), released.size() + 1)
                    .substring(ReleasedSchemas.RESOURCE_ROOT.length()));
            Files.createDirectories(file.getParent());
            Files.writeString(file, SchemaFormatter.format("json/pretty", current) + System.lineSeparator());
            written.add(file);
        }
        return written;
    }

    public static void main(String[] args) throws IOException {
        String mode = args.length > 0 ? args[0] : "check";
        switch (mode) {
            case "check" -> {
                List<String> problems = checkCatalogue();
                if (!problems.isEmpty()) {
                    throw new IllegalStateException("Schema compatibility gate failed:\n  - "
                            + String.join("\n  - ", problems));
                }
                LOG.log(System.Logger.Level.DEBUG, "Schema compatibility gate: {0} topic records compatible with every"
                        + " released version", SchemaCatalogue.topicRecords().size());
            }
            case "release" -> {
                if (args.length < 2) {
                    throw new IllegalArgumentException("usage: release <released-schemas-directory>");
                }
                List<Path> written = release(Path.of(args[1]));
                LOG.log(System.Logger.Level.INFO, "Released {0} schema version(s): {1}", written.size(), written);
            }
            default -> throw new IllegalArgumentException("unknown mode '" + mode + "': use check or release <dir>");
        }
    }
}
