package dev.pulse.ingest;

import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;

/** What {@link AvroJson} asks of a schema: which union branches are records, and whether JSON can carry it. */
final class SchemaWalk {

    private SchemaWalk() {
    }

    /** The record branches of {@code union}; a JSON object names one of several with its type member. */
    static List<Schema> recordBranches(Schema union) {
        return union.getTypes().stream().filter(branch -> branch.getType() == Schema.Type.RECORD).toList();
    }

    /** Fails for a type {@link AvroJson} has no JSON form for; each named type is checked once. */
    static void requireJsonable(Schema schema, Set<String> seen) {
        switch (schema.getType()) {
            case RECORD -> {
                if (seen.add(schema.getFullName())) {
                    schema.getFields().forEach(field -> requireJsonable(field.schema(), seen));
                }
            }
            case UNION -> {
                List<Schema> records = recordBranches(schema);
                if (records.size() > 1) {
                    records.forEach(AvroJson::requireNamedByType);
                }
                schema.getTypes().forEach(branch -> requireJsonable(branch, seen));
            }
            case ARRAY -> requireJsonable(schema.getElementType(), seen);
            case MAP -> requireJsonable(schema.getValueType(), seen);
            case BYTES, FIXED -> throw new IllegalArgumentException(schema.getFullName()
                    + ": bytes and fixed have no JSON form here; add one to AvroJson before publishing such a field");
            default -> {
                // strings, numbers, booleans, enums and null all have one
            }
        }
    }
}
