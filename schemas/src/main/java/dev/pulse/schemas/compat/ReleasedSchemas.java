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
 * The versions of each schema that have shipped, kept in this artifact as
 * {@code dev/pulse/schemas/released/<RecordName>/v<N>.avsc} (N = 1, 2, ... without holes).
 * Readers register them so that data written by any released writer stays readable.
 */
public final class ReleasedSchemas {

    static final String RESOURCE_ROOT = "dev/pulse/schemas/released/";

    private ReleasedSchemas() {
    }

    /** Released versions of the named record, oldest first; empty when it has never shipped. */
    public static List<Schema> of(String recordSimpleName) {
        List<Schema> versions = new ArrayList<>();
        ClassLoader loader = ReleasedSchemas.class.getClassLoader();
        for (int version = 1; ; version++) {
            String resource = resourceName(recordSimpleName, version);
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

    /**
     * Every writer schema a reader of {@code type} must resolve: the released versions of the record it
     * succeeds on its topic ({@link SchemaCatalogue#predecessorOf}), then its own.
     */
    public static List<Schema> readableBy(Class<? extends SpecificRecord> type) {
        List<Schema> writers = new ArrayList<>();
        SchemaCatalogue.predecessorOf(type).ifPresent(name -> writers.addAll(of(name)));
        writers.addAll(of(type.getSimpleName()));
        return List.copyOf(writers);
    }

    static String resourceName(String recordSimpleName, int version) {
        return RESOURCE_ROOT + recordSimpleName + "/v" + version + ".avsc";
    }
}
