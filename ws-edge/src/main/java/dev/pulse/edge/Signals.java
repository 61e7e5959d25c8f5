package dev.pulse.edge;

import dev.pulse.schemas.Signal;
import dev.pulse.schemas.SignalKind;
import dev.pulse.schemas.kafka.EventPublisher;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Typing, presence and sent messages over the short-retention {@code signals} topic (key: the recipient).
 *
 * <p>Typing: a client's {@code typing} frame becomes one signal per recipient, with the sender from the
 * token; the node of each recipient reads the recipient's partition (the hub joins it with the user) and
 * sends a {@code typing} frame to every connection of theirs.
 *
 * <p>Presence is per user: a node writes ONLINE addressed to the user themself when their first connection
 * there opens, again every {@link #REFRESH} while one is open (so a user connected to two nodes stays
 * online when one of them closes its last connection, after at most one refresh), and OFFLINE when the
 * last closes. Watchers' nodes read the watched user's partition ({@link Watches} of kind presence) and
 * send {@code presence} frames, newest first; a first value is known at once when the user is connected
 * to the same node, otherwise at the next refresh. A client treats an ONLINE older than
 * {@link #STALE_AFTER} as offline (a node that died wrote no OFFLINE).
 *
 * <p>Sent messages: once a {@code send_message} is written, a MESSAGE_SENT signal addressed to the sender
 * reaches every node holding a connection of theirs, and each sends a {@code message_sent} frame to all of
 * them: the recipients' {@code message} frames come through their inboxes, the sender has no inbox record.
 */
final class Signals implements AutoCloseable {

    static final Duration REFRESH = Duration.ofSeconds(30);
    static final Duration STALE_AFTER = REFRESH.multipliedBy(5).dividedBy(2);
    private static final Logger LOG = LoggerFactory.getLogger(Signals.class);

    private final EventPublisher publisher;
    private final Hub hub;
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("presence-refresh").daemon().factory());
    private volatile Watches presence;

    Signals(EventPublisher publisher, Hub hub) {
        this.publisher = publisher;
        this.hub = hub;
        refresher.scheduleAtFixedRate(this::refresh, REFRESH.toMillis(), REFRESH.toMillis(), TimeUnit.MILLISECONDS);
        hub.tellArrivals(new Hub.Arrivals() {
            @Override
            public void arrived(String userId) {
                write(userId, userId, SignalKind.ONLINE, null);
            }

            @Override
            public void left(String userId) {
                write(userId, userId, SignalKind.OFFLINE, null);
            }
        });
    }

    /** The watches of presence, fed by {@link #received}. */
    void watchPresenceWith(Watches presence) {
        this.presence = presence;
    }

    /** The first presence value of {@code userId} this node knows without waiting: online when connected here. */
    Watches.Value knownPresence(String userId) throws QueryClient.Unavailable {
        if (!hub.isOnline(userId)) {
            throw new QueryClient.Unavailable("not connected here; known at the next refresh");
        }
        return presence(userId, true, Instant.now());
    }

    /** A typing signal from {@code senderId} to each recipient. */
    void typing(String senderId, ClientFrames.Typing typing) {
        SignalKind kind = typing.started() ? SignalKind.TYPING : SignalKind.STOPPED_TYPING;
        typing.recipients().forEach(recipient -> write(recipient, senderId, kind, typing.conversationId()));
    }

    /** A message {@code senderId} sent, for every connection of theirs on any node. */
    void messageSent(String senderId, UserWrites.Sent sent, String text) {
        write(Signal.newBuilder().setRecipientId(senderId).setActorId(senderId).setKind(SignalKind.MESSAGE_SENT)
                .setConversationId(sent.conversationId()).setMessageId(sent.eventId().toString()).setText(text));
    }

    /**
     * A signal from the feed: typing goes to the recipient's connections, presence to its watchers, a sent
     * message to its sender's connections.
     */
    void received(Signal signal) {
        switch (signal.getKind()) {
            case TYPING, STOPPED_TYPING -> hub.deliver(signal.getRecipientId(), ServerFrames.text(new ServerFrames.Typing(
                    signal.getConversationId(), signal.getActorId(), signal.getKind() == SignalKind.TYPING)));
            case ONLINE, OFFLINE -> {
                if (signal.getActorId().equals(signal.getRecipientId()) && presence != null) {
                    presence.update(signal.getActorId(), presence(signal.getActorId(),
                            signal.getKind() == SignalKind.ONLINE, signal.getOccurredAt()));
                }
            }
            case MESSAGE_SENT -> {
                if (signal.getActorId().equals(signal.getRecipientId())) {
                    hub.deliver(signal.getRecipientId(), ServerFrames.text(new ServerFrames.MessageSent(
                            signal.getConversationId(), signal.getMessageId(), signal.getText(),
                            signal.getOccurredAt())));
                }
            }
            default -> LOG.debug("Ignoring a signal of kind {}", signal.getKind());
        }
    }

    private static Watches.Value presence(String userId, boolean online, Instant at) {
        return new Watches.Value(at, ServerFrames.text(new ServerFrames.Presence(userId, online, at,
                STALE_AFTER.toSeconds())));
    }

    private void refresh() {
        hub.users().forEach(userId -> write(userId, userId, SignalKind.ONLINE, null));
    }

    /**
     * Writes on the refresher's own thread, in order: a connection's thread that encodes Avro or waits in
     * the Kafka client keeps that thread-local and stack state for the socket's life (BENCHMARKS.md).
     */
    private void write(String recipientId, String actorId, SignalKind kind, String conversationId) {
        write(Signal.newBuilder().setRecipientId(recipientId).setActorId(actorId).setKind(kind)
                .setConversationId(conversationId));
    }

    private void write(Signal.Builder builder) {
        Signal signal = builder.setOccurredAt(Instant.now()).build();
        refresher.execute(() -> publisher.publish(signal).exceptionally(failure -> {
            LOG.debug("A {} signal was not written: {}", signal.getKind(), failure.toString());
            return null;
        }));
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }
}
