package dev.pulse.edge;

import dev.pulse.schemas.kafka.Topics;
import dev.pulse.schemas.views.InboxViews;
import dev.pulse.service.Principal;
import dev.pulse.service.TokenRejectedException;
import io.github.bucket4j.Bucket;
import io.helidon.common.buffers.BufferData;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.http.WritableHeaders;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection on {@code /ws}: verifies the token at the upgrade, closes a refused one as soon
 * as it opens (a browser cannot read a refused upgrade's status), then resumes the client and answers its
 * frames. The protocol is docs/PROTOCOL.md. Helidon creates one per connection and calls it from the
 * connection's own thread, so frames of one client are handled one at a time, in order; the resume at
 * open runs on a thread of its own, and a frame that comes before it ends waits for it.
 */
final class EdgeSocket implements WsListener {

    private static final Logger LOG = LoggerFactory.getLogger(EdgeSocket.class);
    private static final int CONSISTENT_READ_ATTEMPTS = 8;
    private static final ClientFrames.Resume FROM_NOW = new ClientFrames.Resume(null, null, 0);

    private final EdgeNode node;
    private TokenSource source;
    private Principal principal;
    private int refusedWith;
    private String refusedBecause;
    private Session session;
    private StringBuilder fragments;
    private ClientFrames.Resume resumeAsked;
    private Bucket frames;
    private volatile CompletableFuture<Void> resuming;

    EdgeSocket(EdgeNode node) {
        this.node = node;
    }

    @Override
    public Optional<Headers> onHttpUpgrade(HttpPrologue prologue, Headers headers) {
        source = TokenSource.of(prologue, headers);
        verify(source.token());
        resumeAsked = resumeAsked(prologue);
        if (!source.protocolOffered()) {
            return Optional.empty();
        }
        WritableHeaders<?> selected = WritableHeaders.create();
        selected.set(TokenSource.PROTOCOL_HEADER, TokenSource.PROTOCOL);
        return Optional.of(selected);
    }

    private void verify(Optional<String> token) {
        if (token.isEmpty()) {
            refuse(CloseCodes.TOKEN_MISSING, "token missing");
            return;
        }
        try {
            principal = node.verifier().verify(token.get());
        } catch (TokenRejectedException e) {
            boolean expired = e.kind() == TokenRejectedException.Kind.EXPIRED;
            refuse(expired ? CloseCodes.TOKEN_EXPIRED : CloseCodes.TOKEN_INVALID,
                    (expired ? "token expired: " : "token invalid: ") + e.getMessage());
        }
    }

    private void refuse(int code, String reason) {
        refusedWith = code;
        // A close reason is at most 123 bytes.
        refusedBecause = reason.length() > 120 ? reason.substring(0, 120) : reason;
    }

    @Override
    public void onOpen(WsSession socket) {
        if (refusedWith != 0) {
            node.meters().refusedConnections.increment();
            socket.close(refusedWith, refusedBecause);
            return;
        }
        Session opened = new Session(UUID.randomUUID().toString(), principal,
                new Outbound(socket, node.settings().queueFrames(), node.settings().queueBytes(), new Outbound.Events() {
                    @Override
                    public void overflowed() {
                        node.meters().slowConsumerCloses.increment();
                    }

                    @Override
                    public void gone() {
                        left();
                    }

                    @Override
                    public void sent() {
                        node.meters().framesOut.increment();
                    }
                }));
        if (node.drain().draining()) {
            Drain.turnAway(opened.out());
            return;
        }
        try {
            CompletableFuture<Void> positioned = node.hub().join(opened);
            session = opened;
            // Off this connection's thread: a thread parked deep in a resume keeps that stack for the
            // socket's life (about 5.6 KB per idle socket, BENCHMARKS.md).
            CompletableFuture<Void> done = new CompletableFuture<>();
            resuming = done;
            Thread.ofVirtual().name("resume").start(() -> {
                try {
                    resume(opened, positioned, resumeAsked, true);
                } finally {
                    resuming = null;
                    done.complete(null);
                }
            });
        } catch (Hub.Refused e) {
            node.meters().refusedConnections.increment();
            socket.close(CloseCodes.TOO_MANY_CONNECTIONS, e.getMessage());
        }
    }

    /** The resume asked in the URL ({@code ?epoch=&lastSeq=}); none when absent or not readable. */
    private static ClientFrames.Resume resumeAsked(HttpPrologue prologue) {
        Optional<String> epoch = UpgradeQuery.first(prologue, "epoch").filter(e -> !e.isBlank());
        Optional<String> lastSeq = UpgradeQuery.first(prologue, "lastSeq");
        if (epoch.isEmpty() || lastSeq.isEmpty() || epoch.get().length() > ClientFrames.MAX_ID_CHARS) {
            return FROM_NOW;
        }
        try {
            long seq = Long.parseLong(lastSeq.get());
            return seq < 0 ? FROM_NOW : new ClientFrames.Resume(null, epoch.get(), seq);
        } catch (NumberFormatException e) {
            return FROM_NOW;
        }
    }

    @Override
    public void onMessage(WsSession socket, String text, boolean last) {
        if (session == null) {
            return;
        }
        if (!last || fragments != null) {
            fragments = fragments == null ? new StringBuilder(text) : fragments.append(text);
            if (fragments.length() > node.settings().maxFrameBytes()) {
                fragments = null;
                session.out().close(CloseCodes.TOO_BIG, "frame above " + node.settings().maxFrameBytes() + " bytes");
                return;
            }
            if (!last) {
                return;
            }
            text = fragments.toString();
            fragments = null;
        }
        node.meters().framesIn.increment();
        CompletableFuture<Void> pending = resuming;
        if (pending != null) {
            // The hello comes first: a frame sent before it waits for the resume.
            pending.join();
        }
        if (frames == null) {
            frames = node.settings().frameRate().newBucket();
        }
        if (!frames.tryConsume(1)) {
            node.meters().framesRefused.increment();
            session.out().text(ServerFrames.text(new ServerFrames.Error("rate_limited",
                    node.settings().frameRate().refusal(), null)));
            return;
        }
        try {
            handle(ClientFrames.read(text));
        } catch (ClientFrames.Refusal e) {
            node.meters().framesRefused.increment();
            session.out().text(ServerFrames.text(new ServerFrames.Error(e.code, e.getMessage(), e.ref)));
        }
    }

    @Override
    public void onMessage(WsSession socket, BufferData buffer, boolean last) {
        if (session != null && last) {
            session.out().text(ServerFrames.text(new ServerFrames.Error("invalid_json",
                    "frames are JSON text, not binary", null)));
        }
    }

    private void handle(ClientFrames.Frame frame) throws ClientFrames.Refusal {
        switch (frame) {
            case ClientFrames.Ping ping -> session.out().text(ServerFrames.text(new ServerFrames.Pong(ping.ref())));
            case ClientFrames.Resume resume -> resume(session, CompletableFuture.completedFuture(null), resume, false);
            case ClientFrames.Auth auth -> reauthenticate(auth);
            case ClientFrames.Act act -> act(act);
            case ClientFrames.Subscription subscription -> subscribe(subscription);
            case ClientFrames.Message message -> send(message);
            case ClientFrames.Typing typing -> node.signals().typing(session.userId(), typing.conversationId() != null
                    ? typing : new ClientFrames.Typing(typing.ref(), UserWrites.conversationOf(session.userId(),
                    typing.recipients()), typing.recipients(), typing.started()));
        }
    }

    private void send(ClientFrames.Message message) {
        Outbound out = session.out();
        node.writes().message(session.userId(), message).whenComplete((sent, failure) -> {
            out.text(ServerFrames.text(failure == null
                    ? new ServerFrames.Ack(message.ref(), sent, message.clientMessageId())
                    : new ServerFrames.Error("write_failed", "not written; send it again with the same"
                            + " clientMessageId", message.ref())));
            if (failure == null) {
                node.signals().messageSent(session.userId(), sent, message.text());
            }
        });
    }

    private void subscribe(ClientFrames.Subscription asked) throws ClientFrames.Refusal {
        Subscriptions subscriptions = node.subscriptions();
        String token = source.token().orElseThrow();
        if (asked.watch()) {
            Optional<String> refusal = subscriptions.posts().refusal(session, asked.posts().size())
                    .or(() -> subscriptions.users().refusal(session, asked.users().size()))
                    .or(() -> subscriptions.presence().refusal(session, asked.presence().size()));
            if (refusal.isPresent()) {
                throw new ClientFrames.Refusal("subscription_limit", refusal.get(), asked.ref());
            }
            List<CompletableFuture<Void>> positioned = new ArrayList<>();
            asked.posts().forEach(post -> positioned.add(subscriptions.posts().watch(session, post, token)));
            asked.users().forEach(user -> positioned.add(subscriptions.users().watch(session, user, token)));
            asked.presence().forEach(user -> positioned.add(subscriptions.presence().watch(session, user, token)));
            if (asked.trending()) {
                positioned.add(subscriptions.trending().watch(session, Topics.TRENDING_KEY, token));
            }
            ackWhenRead(asked.ref(), positioned);
        } else {
            asked.posts().forEach(post -> subscriptions.posts().unwatch(session, post));
            asked.users().forEach(user -> subscriptions.users().unwatch(session, user));
            asked.presence().forEach(user -> subscriptions.presence().unwatch(session, user));
            if (asked.trending()) {
                subscriptions.trending().unwatch(session, Topics.TRENDING_KEY);
            }
            session.out().text(ServerFrames.text(ServerFrames.Ack.of(asked.ref())));
        }
    }

    /**
     * Acknowledges a subscribe once the feeds read every watched key's partition: from the ack on, no change
     * is missed. Past the query timeout (Kafka unreachable) the client gets {@code feed_unavailable} instead.
     */
    private void ackWhenRead(String ref, List<CompletableFuture<Void>> positioned) {
        Outbound out = session.out();
        CompletableFuture.allOf(positioned.toArray(CompletableFuture[]::new))
                .orTimeout(node.settings().queryTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((read, failure) -> out.text(ServerFrames.text(failure == null ? ServerFrames.Ack.of(ref)
                        : new ServerFrames.Error("feed_unavailable", "the subscription's topics are not readable"
                        + " now; it stays, and its values come when they are", ref))));
    }

    private void reauthenticate(ClientFrames.Auth auth) throws ClientFrames.Refusal {
        Principal fresh;
        try {
            fresh = node.verifier().verify(auth.token());
        } catch (TokenRejectedException e) {
            throw new ClientFrames.Refusal("invalid_token", e.getMessage(), auth.ref());
        }
        if (!fresh.userId().equals(session.userId())) {
            throw new ClientFrames.Refusal("invalid_token", "the token is another user's", auth.ref());
        }
        session.renew(fresh);
        source = new TokenSource(Optional.of(auth.token()), false);
        session.out().text(ServerFrames.text(ServerFrames.Ack.of(auth.ref())));
    }

    private void act(ClientFrames.Act act) throws ClientFrames.Refusal {
        Optional<String> problem = UserWrites.problem(act.kind(), act.scope());
        if (problem.isPresent()) {
            throw new ClientFrames.Refusal("invalid_message", problem.get(), act.ref());
        }
        UUID eventId = UUID.randomUUID();
        Outbound out = session.out();
        node.writes().action(session.userId(), act.kind(), act.scope(), eventId).whenComplete((written, failure) ->
                out.text(ServerFrames.text(failure == null
                        ? new ServerFrames.Ack(act.ref(), eventId.toString(), written.offset())
                        : new ServerFrames.Error("write_failed", "not written; send it again", act.ref()))));
    }

    /**
     * Holds live records, waits until the user's partition is read, asks the query API where the client
     * stands, and queues the answer's frames before the held records.
     */
    private void resume(Session target, CompletableFuture<Void> positioned,
                        ClientFrames.Resume asked, boolean first) {
        target.holdForResume();
        String token = source.token().orElseThrow();
        try {
            positioned.get(node.settings().queryTimeout().toMillis(), TimeUnit.MILLISECONDS);
            List<String> frames = new ArrayList<>();
            if (asked.epoch() == null) {
                InboxViews.Counts counts = node.queries().counts(target.userId(), token);
                hello(frames, first, target, counts.epoch(), counts.lastSeq(), null);
                target.resumed(counts.epoch(), counts.lastSeq(), frames, counts.unread(), counts.unseen());
                return;
            }
            InboxViews.Changes changes = consistentChanges(target.userId(), asked, token);
            node.meters().resumes.increment();
            long covered = changes.lastSeq();
            hello(frames, first, target, changes.epoch(), covered,
                    changes.reset() ? null : new ServerFrames.Resumed(changes.afterSeq(), changes.floorSeq()));
            if (changes.reset()) {
                node.meters().resets.increment();
                frames.add(ServerFrames.text(new ServerFrames.Reset(changes.epoch(), changes.lastSeq(),
                        asked.epoch().equals(changes.epoch()) ? "too_far_behind" : "epoch_changed")));
            } else {
                if (changes.gap() != null) {
                    node.meters().gaps.increment();
                }
                frames.addAll(InboxFrames.resumed(changes));
            }
            target.resumed(changes.epoch(), covered, frames, changes.unread(), changes.unseen());
        } catch (QueryClient.Unavailable | ExecutionException | TimeoutException e) {
            LOG.info("Cannot resume a connection of {} now: {}", target.userId(), e.toString());
            target.out().close(CloseCodes.TRY_AGAIN_LATER, "cannot resume now; reconnect later");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            target.out().close(CloseCodes.TRY_AGAIN_LATER, "cannot resume now; reconnect later");
        }
    }

    /**
     * The changes after the client's seq, read when they agree with themselves: the query API reads the
     * user's counts and notifications one after the other while the processor may be writing them, and an
     * answer whose last seq is not the highest seq it names mixes two moments. Such an answer is asked
     * again; every part of a consistent one was written before the answer, and every later record comes
     * from the feed.
     */
    private InboxViews.Changes consistentChanges(String userId, ClientFrames.Resume asked, String token)
            throws QueryClient.Unavailable, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            InboxViews.Changes changes = node.queries().changes(userId, asked.epoch(), asked.lastSeq(), token);
            if (changes.reset() || InboxFrames.coveredUpTo(changes) == changes.lastSeq()) {
                return changes;
            }
            if (attempt == CONSISTENT_READ_ATTEMPTS) {
                throw new QueryClient.Unavailable("the inbox kept changing while it was read");
            }
            Thread.sleep(Duration.ofMillis(20L * attempt));
        }
    }

    private void hello(List<String> frames, boolean first, Session target, String epoch, long lastSeq,
                       ServerFrames.Resumed resumed) {
        if (first) {
            frames.add(ServerFrames.text(new ServerFrames.Hello(target.connectionId(), target.userId(), node.name(),
                    node.settings().heartbeat().toSeconds(), epoch, lastSeq, resumed)));
        }
    }

    @Override
    public void onClose(WsSession socket, int status, String reason) {
        left();
    }

    @Override
    public void onError(WsSession socket, Throwable t) {
        left();
    }

    private void left() {
        Session gone = session;
        if (gone != null) {
            node.hub().leave(gone);
            node.subscriptions().leave(gone);
        }
    }
}
