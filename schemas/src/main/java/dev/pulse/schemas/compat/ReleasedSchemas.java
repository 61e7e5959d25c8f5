package dev.pulse.schemas.compat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import dev.pulse.schemas.SchemaCatalogue;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * The versions of each schema that have shipped, kept next to the record in the artifact that has it, as
 * {@code <the record's package as a path>/released/<RecordName>/v<N>.avsc} (N = 1, 2, ... without holes):
 * {@code dev/pulse/schemas/released/...} for the topics' records here, the stream processor's own for its
 * internal ones. Readers register them so that data written by any released writer stays readable.
 */
public final class ReleasedSchemas {

    static final String RESOURCE_ROOT = root("dev.pulse.schemas");

    private ReleasedSchemas() {
    }

    /** Released versions of the named record of this artifact, oldest first; empty when it has never shipped. */
    public static List<Schema> of(String recordSimpleName) {
        return read(ReleasedSchemas.class.getClassLoader(), RESOURCE_ROOT, recordSimpleName);
    }

    /** Released versions of {@code type}, from the artifact that has it, oldest first; empty when it never shipped. */
    public static List<Schema> of(Class<? extends SpecificRecord> type) {
        return read(type.getClassLoader(), root(type.getPackageName()), type.getSimpleName());
    }

    private static List<Schema> read(ClassLoader loader, String root, String recordSimpleName) {
        List<Schema> versions = new ArrayList<>();
        for (int version = 1; ; version++) {
            String resource = resourceName(root, recordSimpleName, version);
            try (InputStream in = loader.getResourceAsStream(resource)) {
                if (in == null) {
                    return List.copyOf(versions);
                }
                versions.add(new Schema.Parser().parse(in));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read released schema " + resource, e);
            }
        }
    }

    /** Where the released versions of the records of {@code packageName} are. */
    public static String root(String packageName) {
        return packageName.replace('.', '/') + "/released/";
    }

    /**
     * Every writer schema a reader of {@code type} must resolve: the released versions of the record it
     * succeeds on its topic ({@link SchemaCatalogue#predecessorOf}), then its own.
     */
    public static List<Schema> readableBy(Class<? extends SpecificRecord> type) {
        List<Schema> writers = new ArrayList<>();
        SchemaCatalogue.predecessorOf(type).ifPresent(name -> writers.addAll(of(name)));
        writers.addAll(of(type));
        return List.copyOf(writers);
    }

    static String resourceName(String recordSimpleName, int version) {
        return resourceName(RESOURCE_ROOT, recordSimpleName, version);
    }

    private static String resourceName(String root, String recordSimpleName, int version) {
        return root + recordSimpleName + "/v" + version + ".avsc";
    }
}
