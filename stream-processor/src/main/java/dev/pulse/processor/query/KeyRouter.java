package dev.pulse.processor.query;

import dev.pulse.service.Json;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a key where it lives: asks {@link StoreMetadata} which instance holds it, then reads this
 * instance's store, or forwards to the owner, or, when the owner cannot be reached and this instance
 * keeps a standby replica, reads the replica and says so ({@code X-Pulse-Standby}, with its lag).
 * While ownership moves the answer is a 503 {@code not-ready}, never a guess.
 */
final class KeyRouter {

    private static final Logger LOG = LoggerFactory.getLogger(KeyRouter.class);

    private final StoreMetadata metadata;
    private final Forwarder forwarder;

    KeyRouter(StoreMetadata metadata, Forwarder forwarder) {
        this.metadata = metadata;
        this.forwarder = forwarder;
    }

    /** Reads one key's view from a store copy here; {@code stale} when that copy is a standby replica. */
    interface LocalRead<V> {
        V at(Placement placement, boolean stale);
    }

    /** Answers {@code key} of {@code store} with its {@code view}, read here, at its owner or from a standby. */
    <V> void answer(ServerRequest req, ServerResponse res, String store, String key, Class<V> view, LocalRead<V> read) {
        Placement at = metadata.placement(store, key);
        if (at.activeHere()) {
            send(res, read.at(at, false));
            return;
        }
        refuseForwardedElsewhere(req, key);
        try {
            forwarder.same(req, at.active(), view).sendTo(res);
        } catch (IOException e) {
            if (!at.standbyHere()) {
                throw NotReady.because("the instance owning '" + key + "' (" + Forwarder.address(at.active())
                        + ") is unreachable", e);
            }
            LOG.warn("Owner {} of {} '{}' unreachable; answering from this instance's standby replica",
                    Forwarder.address(at.active()), store, key);
            res.header(Forwarder.STANDBY, "true");
            res.header(Forwarder.STANDBY_LAG, Long.toString(metadata.lag(store, at.partition())));
            send(res, read.at(at, true));
        }
    }

    /** The views of {@code ids} in their order, each read here or gathered from its owner in one call per owner. */
    <V> List<V> batch(ServerRequest req, String store, List<String> ids, Class<V> view,
                      BiFunction<String, Placement, V> read) {
        Map<String, V> answers = new LinkedHashMap<>();
        Map<HostInfo, List<String>> remote = new LinkedHashMap<>();
        for (String id : ids) {
            Placement at = metadata.placement(store, id);
            if (at.activeHere()) {
                answers.put(id, read.apply(id, at));
            } else {
                refuseForwardedElsewhere(req, id);
                remote.computeIfAbsent(at.active(), h -> new ArrayList<>()).add(id);
            }
        }
        remote.forEach((owner, owned) -> answers.putAll(fromOwner(req, owner, owned, view)));
        return ids.stream().map(answers::get).toList();
    }

    /** Marks the answer as read from this instance's active copy and sends it. */
    void send(ServerResponse res, Object view) {
        res.header(Forwarder.SERVED_BY, Forwarder.address(metadata.self()));
        Json.send(res, Status.OK_200, view);
    }

    private <V> Map<String, V> fromOwner(ServerRequest req, HostInfo owner, List<String> ids, Class<V> view) {
        CountsBatch<V> batch;
        try {
            batch = forwarder.<CountsBatch<V>>post(req, owner, new BatchIds(ids), CountsBatch.of(view)).view();
        } catch (IOException e) {
            throw NotReady.because("instance " + Forwarder.address(owner) + " is unreachable", e);
        }
        if (batch.counts().size() != ids.size()) {
            throw new IllegalStateException("instance " + Forwarder.address(owner) + " answered "
                    + batch.counts().size() + " counts for " + ids.size() + " ids");
        }
        Map<String, V> answers = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            answers.put(ids.get(i), batch.counts().get(i));
        }
        return answers;
    }

    private static void refuseForwardedElsewhere(ServerRequest req, String key) {
        if (req.headers().contains(Forwarder.FORWARDED)) {
            throw NotReady.because("ownership of '" + key + "' is moving between instances");
        }
    }
}
