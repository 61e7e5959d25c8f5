package dev.pulse.schemas.kafka;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Which key a topic's records must have, written once in the catalogue so that publishers, the
 * stream processor's checks, tests and the ingest API all derive it instead of restating it.
 *
 * <p>A key taken from the value names the field as the Avro schema does; the key is read from that
 * field, so the name and the value cannot disagree, and a field that is missing or not a plain string
 * fails when the catalogue is built.
 *
 * <p>{@linkplain #keyedByUser() Keyed by user} means keyed by the user whose state the record changes
 * (a post's author, the followee, the reader, the user whose settings they are). The stream processor
 * handles each such user in one task, which holds partition <i>n</i> of every user-keyed topic, so
 * these topics must have the same partition count (co-partitioned), and a record under any other key
 * is refused. Other topics may carry a user id as key (inbox, counts.users, signals) but are
 * partitioned on their own: nothing meets them by partition.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class KeyRule<K, V> {

    private final Optional<String> field;
    private final Function<V, K> key;
    private final boolean keyedByUser;
    private final String description;

    private KeyRule(Optional<String> field, Function<V, K> key, boolean keyedByUser, String description) {
        this.field = field;
        this.key = key;
        this.keyedByUser = keyedByUser;
        this.description = description;
    }

    /** Keyed by the user id in {@code field}, co-partitioned with every other user-keyed topic. */
    public static <V extends SpecificRecord> KeyRule<String, V> user(Class<V> type, String field) {
        return fromField(type, field, true);
    }

    /** Keyed by the string in {@code field}, partitioned on its own. */
    public static <V extends SpecificRecord> KeyRule<String, V> field(Class<V> type, String field) {
        return fromField(type, field, false);
    }

    /** Every record under the same key (a single-partition topic holding one current value). */
    public static <V> KeyRule<String, V> fixed(String key) {
        Objects.requireNonNull(key, "key");
        return new KeyRule<>(Optional.empty(), value -> key, false, "'" + key + "'");
    }

    /** Records keep whatever key they had where they came from (dead letters); nothing computes one. */
    public static <K, V> KeyRule<K, V> asReceived() {
        return new KeyRule<>(Optional.empty(), null, false, "as received");
    }

    private static <V extends SpecificRecord> KeyRule<String, V> fromField(Class<V> type, String field,
                                                                            boolean keyedByUser) {
        int position = stringFieldPosition(type, field);
        String name = type.getSimpleName();
        return new KeyRule<>(Optional.of(field), value -> {
            Object key = value.get(position);
            if (key == null) {
                throw new IllegalArgumentException("A " + name + " without " + field + " has no key");
            }
            return key.toString();
        }, keyedByUser, field);
    }

    private static int stringFieldPosition(Class<? extends SpecificRecord> type, String field) {
        Schema schema = SpecificData.getForClass(type).getSchema(type);
        Schema.Field found = schema.getField(field);
        if (found == null || found.schema().getType() != Schema.Type.STRING) {
            throw new IllegalArgumentException(type.getSimpleName() + " has no string field '" + field
                    + "' to key by");
        }
        return found.pos();
    }

    /**
     * The key {@code value} must have.
     *
     * @throws IllegalArgumentException if the value lacks the key field
     * @throws UnsupportedOperationException for a topic whose records keep the key they were received with
     */
    public K keyOf(V value) {
        Objects.requireNonNull(value, "value");
        if (key == null) {
            throw new UnsupportedOperationException("Records here keep the key they were received with");
        }
        return key.apply(value);
    }

    /** The value's field the key is taken from, as the Avro schema names it; empty for fixed or received keys. */
    public Optional<String> field() {
        return field;
    }

    /** Whether the key is the id of the user whose state the record changes (see the type's description). */
    public boolean keyedByUser() {
        return keyedByUser;
    }

    /** The field name, the fixed key in quotes, or "as received": what a message tells a producer to use. */
    @Override
    public String toString() {
        return description;
    }
}
