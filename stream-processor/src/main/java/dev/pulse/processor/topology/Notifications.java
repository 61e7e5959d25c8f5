package dev.pulse.processor.topology;

import dev.pulse.processor.state.GroupState;
import dev.pulse.processor.state.NotificationRequest;
import dev.pulse.processor.state.RecipientState;
import dev.pulse.schemas.Notification;
import dev.pulse.schemas.NotificationType;
import dev.pulse.schemas.ReadEvent;
import dev.pulse.schemas.UserSettings;
import dev.pulse.schemas.kafka.Topics;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Per-recipient notifications, in the recipient's task: requests are filtered by the recipient's
 * settings (muted types, blocked actors), then numbered, collapsed and kept in the backlog by the
 * {@link RecipientBook}; reads of the same user land in the same task.
 */
final class Notifications {

    private static final String[] BOOK_STORES = {
        StoreNames.RECIPIENTS, StoreNames.BACKLOG, StoreNames.GROUPS, StoreNames.GROUP_ACTORS};

    private Notifications() {
    }

    /**
     * Wires numbering, collapse, backlog and reads. {@code local} requests are already on their
     * recipient's partition; {@code messages} requests are keyed by recipient but still have to move there.
     */
    static void build(StreamsBuilder builder, Topics topics, KStream<String, NotificationRequest> local,
                      KStream<String, NotificationRequest> messages, KStream<String, ReadEvent> reads,
                      TopologySettings settings) {
        builder.table(topics.userSettings().name(),
                Consumed.with(topics.userSettings().keySerde(), topics.userSettings().valueSerde())
                        .withName("user-settings-source"),
                Materialized.<String, UserSettings, KeyValueStore<Bytes, byte[]>>as(StoreNames.USER_SETTINGS)
                        .withKeySerde(Serdes.String()).withValueSerde(topics.userSettings().valueSerde()));
        Serde<Notification> notificationSerde = topics.notifications().valueSerde();
        // Cached: a busy recipient's state and an open group change with every notification; the
        // changelog gets the last value once per commit. Backlog keys are unique, so caching them only evicts.
        builder.addStateStore(store(StoreNames.RECIPIENTS, InternalSerdes.avro(RecipientState.class)).withCachingEnabled());
        builder.addStateStore(store(StoreNames.BACKLOG, notificationSerde));
        builder.addStateStore(store(StoreNames.GROUPS, InternalSerdes.avro(GroupState.class)).withCachingEnabled());
        builder.addStateStore(store(StoreNames.GROUP_ACTORS, Serdes.Long()));

        String[] notifyStores = {StoreNames.RECIPIENTS, StoreNames.BACKLOG, StoreNames.GROUPS,
            StoreNames.GROUP_ACTORS, StoreNames.USER_SETTINGS};
        KStream<String, NotificationRequest> moved = messages.repartition(
                Repartitioned.<String, NotificationRequest>as("message-notification-requests")
                        .withKeySerde(Serdes.String()).withValueSerde(InternalSerdes.avro(NotificationRequest.class))
                        .withNumberOfPartitions(PulseTopology.userPartitions(topics)));
        local.merge(moved, Named.as("notification-requests"))
                .processValues(() -> new NotifyProcessor(settings), Named.as("notify"), notifyStores)
                .to(topics.notifications().name(), Produced.with(topics.notifications().keySerde(), notificationSerde)
                        .withName("notifications-sink"));
        reads.processValues(() -> new ReadProcessor(settings), Named.as("read"), BOOK_STORES);
    }

    private static <V> org.apache.kafka.streams.state.StoreBuilder<KeyValueStore<String, V>> store(String name,
                                                                                                  Serde<V> serde) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), serde);
    }

    private static RecipientBook book(FixedKeyProcessorContext<?, ?> context, TopologySettings settings) {
        return new RecipientBook(context.getStateStore(StoreNames.RECIPIENTS), context.getStateStore(StoreNames.BACKLOG),
                context.getStateStore(StoreNames.GROUPS), context.getStateStore(StoreNames.GROUP_ACTORS),
                settings.backlogSize(), settings.actorsShown());
    }

    /** Settings filter, then numbering and collapse; forwards each issued notification. */
    private static final class NotifyProcessor implements FixedKeyProcessor<String, NotificationRequest, Notification> {

        private final TopologySettings settings;
        private FixedKeyProcessorContext<String, Notification> context;
        private RecipientBook book;
        private KeyValueStore<String, ValueAndTimestamp<UserSettings>> userSettings;

        NotifyProcessor(TopologySettings settings) {
            this.settings = settings;
        }

        @Override
        public void init(FixedKeyProcessorContext<String, Notification> context) {
            this.context = context;
            this.book = book(context, settings);
            this.userSettings = context.getStateStore(StoreNames.USER_SETTINGS);
        }

        @Override
        public void process(FixedKeyRecord<String, NotificationRequest> record) {
            NotificationRequest request = record.value();
            ValueAndTimestamp<UserSettings> stored = userSettings.get(request.getRecipientId());
            if (stored != null && stored.value() != null) {
                UserSettings prefs = stored.value();
                if (prefs.getMutedTypes().contains(NotificationType.valueOf(request.getType()))
                        || prefs.getBlockedUserIds().contains(request.getActorId())) {
                    return;
                }
            }
            book.notify(request).ifPresent(notification -> context.forward(record.withValue(notification)));
        }
    }

    /** Reads remove notifications from the backlog and lower the unread count; nothing is forwarded. */
    private static final class ReadProcessor implements FixedKeyProcessor<String, ReadEvent, Void> {

        private final TopologySettings settings;
        private RecipientBook book;

        ReadProcessor(TopologySettings settings) {
            this.settings = settings;
        }

        @Override
        public void init(FixedKeyProcessorContext<String, Void> context) {
            this.book = book(context, settings);
        }

        @Override
        public void process(FixedKeyRecord<String, ReadEvent> record) {
            book.read(record.value().getActorId(), record.value().getScope());
        }
    }
}
