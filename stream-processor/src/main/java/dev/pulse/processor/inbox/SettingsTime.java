package dev.pulse.processor.inbox;

import dev.pulse.schemas.UserSettings;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Times a settings record by when the user changed them ({@code occurredAt}), not when it reached
 * Kafka: the versioned settings store answers "as of" a contribution's {@code occurredAt}, so both
 * sides must be on the same clock. A record that is not a settings value keeps its Kafka timestamp.
 */
final class SettingsTime implements TimestampExtractor {

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        return record.value() instanceof UserSettings settings ? settings.getOccurredAt().toEpochMilli()
                : record.timestamp();
    }
}
