package dev.pulse.edge;

import dev.pulse.service.Principal;
import java.util.ArrayList;
import java.util.List;

/**
 * One connection of one user: its verified principal, its way out, and where it stands in the user's
 * inbox stream. Until its resume is answered, live records wait here; then those the answer already
 * covered are skipped, and after that every record with a higher seq is sent, once, in order. So a
 * client sees the resume rule of docs/ARCHITECTURE.md whatever the timing of the two paths.
 */
final class Session {

    private final String connectionId;
    private final Outbound out;
    private volatile Principal principal;
    private List<InboxFrames.Live> waiting = new ArrayList<>();
    private String epoch;
    private long lastSeq;
    private long lastUnread = -1;
    private long lastUnseen = -1;

    Session(String connectionId, Principal principal, Outbound out) {
        this.connectionId = connectionId;
        this.principal = principal;
        this.out = out;
    }

    String connectionId() {
        return connectionId;
    }

    String userId() {
        return principal.userId();
    }

    Principal principal() {
        return principal;
    }

    /** A fresh token of the same user ({@code auth} frame): the connection lives until its expiry. */
    void renew(Principal fresh) {
        this.principal = fresh;
    }

    Outbound out() {
        return out;
    }

    /** A record of the user's stream from the feed. */
    synchronized void deliver(InboxFrames.Live record) {
        if (waiting != null) {
            waiting.add(record);
            if (waiting.size() > 100_000) {
                // A resume that never answers must not hold memory without bound; the client resumes again.
                out.close(CloseCodes.TRY_AGAIN_LATER, "resume took too long");
            }
            return;
        }
        send(record);
    }

    /**
     * Starts holding live records for a resume: call before asking the query API, so nothing committed
     * after the answer's state can pass unseen.
     */
    synchronized void holdForResume() {
        if (waiting == null) {
            waiting = new ArrayList<>();
        }
    }

    /**
     * The resume's frames are queued (after {@code lastSeq} of {@code epoch}); live records held meanwhile
     * follow, those the answer covered skipped.
     */
    synchronized void resumed(String epoch, long lastSeq, List<String> frames, long unread, long unseen) {
        this.epoch = epoch;
        this.lastSeq = lastSeq;
        frames.forEach(out::text);
        badge(unread, unseen);
        List<InboxFrames.Live> held = waiting;
        waiting = null;
        held.forEach(this::send);
    }

    private void send(InboxFrames.Live record) {
        if (epoch == null) {
            // The user had no inbox when the session started: its first records open the numbering.
            epoch = record.epoch();
        } else if (!record.epoch().equals(epoch)) {
            // The user's inbox was rebuilt: the client reloads it; the new numbering goes on from here.
            out.text(ServerFrames.text(new ServerFrames.Reset(record.epoch(), record.seq() - 1, "epoch_changed")));
            epoch = record.epoch();
            lastSeq = record.seq() - 1;
        }
        if (record.seq() <= lastSeq) {
            return;
        }
        lastSeq = record.seq();
        out.text(record.text());
        if (record.message() != null) {
            out.text(record.message());
        }
        badge(record.unread(), record.unseen());
    }

    private void badge(long unread, long unseen) {
        if (unread != lastUnread || unseen != lastUnseen) {
            lastUnread = unread;
            lastUnseen = unseen;
            out.text(ServerFrames.text(new ServerFrames.Badge(lastSeq, unread, unseen)));
        }
    }
}
