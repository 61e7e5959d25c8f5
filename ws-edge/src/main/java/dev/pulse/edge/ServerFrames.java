package dev.pulse.edge;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.pulse.schemas.views.InboxViews;
import dev.pulse.schemas.views.TrendingView;
import dev.pulse.service.Json;
import java.time.Instant;
import java.util.List;

/**
 * Every frame the server sends on {@code /ws}, as records written to JSON text (docs/PROTOCOL.md and
 * one JSON Schema per type under {@code docs/protocol}). Each has a {@code type}; the inbox frames carry
 * the {@code epoch} and {@code seq} of the record they come from, so a client knows where to resume.
 */
final class ServerFrames {

    private ServerFrames() {
    }

    /** The first frame: who the server thinks the client is, and where the user's inbox stands. */
    record Hello(String type, String connectionId, String userId, String node, Instant serverTime,
                 long heartbeatSeconds, String epoch, long lastSeq, Resumed resumed) {
        Hello(String connectionId, String userId, String node, long heartbeatSeconds, String epoch, long lastSeq,
              Resumed resumed) {
            this("hello", connectionId, userId, node, Instant.now(), heartbeatSeconds, epoch, lastSeq, resumed);
        }
    }

    /**
     * What a resume covers: the frames after {@code afterSeq} follow. A notification the client holds with
     * a seq below {@code floorSeq} that is not among them was dropped by the inbox's size cap.
     */
    record Resumed(long afterSeq, long floorSeq) {
    }

    /** A new notification, or a new version of one (same notificationId): upsert it. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Notification(String type, String epoch, long seq, InboxViews.Notification notification,
                        List<String> dropped) {
        Notification(String epoch, long seq, InboxViews.Notification notification, List<String> dropped) {
            this("notification", epoch, seq, notification, dropped);
        }
    }

    /** State changes of notifications the client holds, or withdrawals of them, and what the cap dropped. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record InboxUpdate(String type, String epoch, long seq, String action, List<InboxViews.State> states,
                       List<InboxViews.Withdrawn> withdrawn, List<String> dropped) {
        InboxUpdate(String epoch, long seq, String action, List<InboxViews.State> states,
                    List<InboxViews.Withdrawn> withdrawn, List<String> dropped) {
            this("inbox_update", epoch, seq, action, states, withdrawn, dropped);
        }
    }

    /**
     * A chat message to the user, whole, right after the notification of the record ({@code seq}) that
     * delivered it; live only (a resume brings the conversation's newest preview).
     */
    record Message(String type, long seq, String conversationId, String messageId, String senderId, String text,
                   Instant sentAt) {
        Message(long seq, String conversationId, String messageId, String senderId, String text, Instant sentAt) {
            this("message", seq, conversationId, messageId, senderId, text, sentAt);
        }
    }

    /**
     * A chat message the user sent from one of their connections, for every connection of theirs (the
     * sending one too, after its ack), so that all of them show the conversation as it is.
     */
    record MessageSent(String type, String conversationId, String messageId, String text, Instant sentAt) {
        MessageSent(String conversationId, String messageId, String text, Instant sentAt) {
            this("message_sent", conversationId, messageId, text, sentAt);
        }
    }

    /** The user's badge after the record of {@code seq}. */
    record Badge(String type, long seq, long unread, long unseen) {
        Badge(long seq, long unread, long unseen) {
            this("badge", seq, unread, unseen);
        }
    }

    /** Seqs from {@code fromSeq} to {@code toSeq} the client will not get: the cap dropped what they changed. */
    record Gap(String type, long fromSeq, long toSeq, long dropped) {
        Gap(long fromSeq, long toSeq, long dropped) {
            this("gap", fromSeq, toSeq, dropped);
        }
    }

    /** The client's numbering is not the current one: drop the inbox it holds and load it again. */
    record Reset(String type, String epoch, long lastSeq, String reason) {
        Reset(String epoch, long lastSeq, String reason) {
            this("reset", epoch, lastSeq, reason);
        }
    }

    /** The counts of a watched post ({@code kind} post) or user ({@code kind} user), as the query API gives them. */
    record Count(String type, String kind, String id, Record values) {
        Count(String kind, String id, Record values) {
            this("count", kind, id, values);
        }
    }

    /** The trending list, best first, as of {@code asOf}. */
    record Trending(String type, Instant asOf, Long windowMillis, List<TrendingView.Entry> entries) {
        Trending(TrendingView view) {
            this("trending", view.computedAt(), view.windowMillis(), view.entries());
        }
    }

    /** {@code userId} started ({@code typing} true) or stopped typing in {@code conversationId}. */
    record Typing(String type, String conversationId, String userId, boolean typing) {
        Typing(String conversationId, String userId, boolean typing) {
            this("typing", conversationId, userId, typing);
        }
    }

    /**
     * A watched user is online (a connection open on some node) or not, as of {@code at}; an online older
     * than {@code staleAfterSeconds} without a newer frame means offline (its node died).
     */
    record Presence(String type, String userId, boolean online, Instant at, long staleAfterSeconds) {
        Presence(String userId, boolean online, Instant at, long staleAfterSeconds) {
            this("presence", userId, online, at, staleAfterSeconds);
        }
    }

    /** The node is going away: reconnect (any node) after {@code retryAfterMs} and resume. */
    record Reconnect(String type, long retryAfterMs, String reason) {
        Reconnect(long retryAfterMs, String reason) {
            this("reconnect", retryAfterMs, reason);
        }
    }

    /** The answer to a ping; {@code ref} is left out when the ping had none, as in ack and error. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Pong(String type, String ref, Instant serverTime) {
        Pong(String ref) {
            this("pong", ref, Instant.now());
        }
    }

    /**
     * A client frame was accepted; for writes, where it landed (a message's id is its {@code eventId}, and
     * its conversation is named).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Ack(String type, String ref, String eventId, Long offset, String clientMessageId, String conversationId) {
        Ack(String ref, String eventId, Long offset) {
            this("ack", ref, eventId, offset, null, null);
        }

        /** A frame that wrote nothing (auth, subscribe). */
        static Ack of(String ref) {
            return new Ack("ack", ref, null, null, null, null);
        }

        Ack(String ref, UserWrites.Sent sent, String clientMessageId) {
            this("ack", ref, sent.eventId().toString(), sent.offset(), clientMessageId, sent.conversationId());
        }
    }

    /** A client frame was refused ({@code ref} names it) or something happened the client must know. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Error(String type, String code, String message, String ref) {
        Error(String code, String message, String ref) {
            this("error", code, message, ref);
        }
    }

    /** The frame as the JSON text sent. */
    static String text(Record frame) {
        try {
            return Json.mapper().writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a " + frame.getClass().getSimpleName() + " frame", e);
        }
    }
}
