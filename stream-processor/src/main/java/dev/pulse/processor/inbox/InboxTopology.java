package dev.pulse.processor.inbox;

import dev.pulse.processor.state.NotificationRequest;
import dev.pulse.processor.state.RequestKind;
import dev.pulse.processor.topology.InternalSerdes;
import dev.pulse.processor.topology.NotificationRequests;
import dev.pulse.processor.topology.StoreNames;
import dev.pulse.schemas.InboxAction;
import dev.pulse.schemas.InboxNotification;
import dev.pulse.schemas.InboxRecord;
import dev.pulse.schemas.UserSettings;
import dev.pulse.schemas.kafka.AvroSerde;
import dev.pulse.schemas.kafka.Topics;
import java.util.Arrays;
import org.apache.kafka.common.serialization.Serdes;
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
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.VersionedKeyValueStore;
import org.apache.kafka.streams.state.VersionedRecord;

/**
 * Wires every user's inbox in the user's task: contributions filtered by the recipient's settings
 * (muted types, blocked actors), withdrawals, and the user's own inbox actions all change the inbox
 * stores, and every change goes to the inbox topic in the same transaction, in the order it happened.
 */
public final class InboxTopology {

    private InboxTopology() {
    }

    /**
     * {@code local} requests are already on their recipient's partition; {@code moving} ones are keyed by
     * recipient but still have to get there; {@code actions} are keyed by their user. Each user is marked in
     * {@code openWrites} before the stores are written for them.
     */
    public static void build(StreamsBuilder builder, Topics topics, KStream<String, NotificationRequest> local,
                             KStream<String, NotificationRequest> moving, KStream<String, InboxAction> actions,
                             int userPartitions, InboxSettings settings, OpenWrites openWrites) {
        // Versioned by the settings' occurredAt: a contribution obeys the settings in force when it happened,
        // however the input topics interleave, so a rebuild from the log decides as the live run did.
        builder.table(topics.userSettings().name(),
                Consumed.with(topics.userSettings().keySerde(), topics.userSettings().valueSerde())
                        .withName("user-settings-source").withTimestampExtractor(new SettingsTime()),
                Materialized.<String, UserSettings>as(Stores.persistentVersionedKeyValueStore(StoreNames.USER_SETTINGS,
                                settings.settingsHistory()))
                        .withKeySerde(Serdes.String()).withValueSerde(topics.userSettings().valueSerde()));
        InboxStores.register(builder, AvroSerde.of(InboxNotification.class), settings.memoryStores());
        KStream<String, NotificationRequest> moved = moving.repartition(
                Repartitioned.<String, NotificationRequest>as("message-notification-requests")
                        .withKeySerde(Serdes.String()).withValueSerde(InternalSerdes.avro(NotificationRequest.class))
                        .withNumberOfPartitions(userPartitions));
        String[] requestStores = append(InboxStores.NAMES, StoreNames.USER_SETTINGS);
        KStream<String, InboxRecord> contributions = local.merge(moved, Named.as("notification-requests"))
                .processValues(() -> new RequestProcessor(settings, openWrites), Named.as("inbox-contributions"),
                        requestStores);
        KStream<String, InboxRecord> changes = actions.processValues(() -> new ActionProcessor(openWrites),
                Named.as("inbox-actions"), InboxStores.NAMES);
        contributions.merge(changes, Named.as("inbox-changes"))
                .to(topics.inbox().name(), Produced.with(topics.inbox().keySerde(), topics.inbox().valueSerde())
                        .withName("inbox-sink"));
    }

    private static String[] append(String[] names, String name) {
        String[] all = Arrays.copyOf(names, names.length + 1);
        all[names.length] = name;
        return all;
    }

    /** Settings filter for contributions, then the inbox; forwards each change. */
    private static final class RequestProcessor implements FixedKeyProcessor<String, NotificationRequest, InboxRecord> {

        private final InboxSettings settings;
        private final OpenWrites openWrites;
        private FixedKeyProcessorContext<String, InboxRecord> context;
        private Inbox inbox;
        private VersionedKeyValueStore<String, UserSettings> userSettings;

        RequestProcessor(InboxSettings settings, OpenWrites openWrites) {
            this.settings = settings;
            this.openWrites = openWrites;
        }

        @Override
        public void init(FixedKeyProcessorContext<String, InboxRecord> context) {
            this.context = context;
            this.inbox = new Inbox(new InboxStores(context), settings);
            this.userSettings = context.getStateStore(StoreNames.USER_SETTINGS);
        }

        @Override
        public void process(FixedKeyRecord<String, NotificationRequest> record) {
            NotificationRequest request = record.value();
            openWrites.writing(request.getRecipientId());
            if (request.getKind() == RequestKind.WITHDRAW) {
                inbox.withdraw(request).ifPresent(change -> context.forward(record.withValue(change)));
            } else if (allowed(request)) {
                inbox.contribute(request).ifPresent(change -> context.forward(record.withValue(change)));
            }
        }

        /** Whether the recipient's settings as of the contribution's time let it through. */
        private boolean allowed(NotificationRequest request) {
            VersionedRecord<UserSettings> stored = userSettings.get(request.getRecipientId(),
                    request.getOccurredAt().toEpochMilli());
            if (stored == null) {
                return true;
            }
            UserSettings prefs = stored.value();
            return !prefs.getMutedTypes().contains(NotificationRequests.type(request))
                    && !prefs.getBlockedUserIds().contains(request.getActorId());
        }
    }

    /** A user's inbox actions; forwards each change. */
    private static final class ActionProcessor implements FixedKeyProcessor<String, InboxAction, InboxRecord> {

        private final OpenWrites openWrites;
        private FixedKeyProcessorContext<String, InboxRecord> context;
        private InboxActions actions;

        ActionProcessor(OpenWrites openWrites) {
            this.openWrites = openWrites;
        }

        @Override
        public void init(FixedKeyProcessorContext<String, InboxRecord> context) {
            this.context = context;
            this.actions = new InboxActions(new InboxStores(context));
        }

        @Override
        public void process(FixedKeyRecord<String, InboxAction> record) {
            openWrites.writing(record.value().getActorId());
            actions.apply(record.value()).ifPresent(change -> context.forward(record.withValue(change)));
        }
    }
}
