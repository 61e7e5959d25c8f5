package dev.pulse.processor.query;

import dev.pulse.schemas.views.PostCountsView;
import dev.pulse.processor.topology.StoreNames;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The posts with most likes across all instances (scatter-gather): each instance holding post-count
 * partitions gives its own top {@code n}, read here or asked for over HTTP, and the merge keeps the
 * best {@code n}. One unreachable instance makes it a 503: a top list missing some partitions would be
 * wrong without saying so.
 */
final class TopPostsGather {

    private static final Comparator<PostCountsView> ORDER =
            StoreQueries.mostLikedFirst(PostCountsView::likes, PostCountsView::postId);

    private final StoreMetadata metadata;
    private final StoreQueries queries;
    private final Forwarder forwarder;

    TopPostsGather(StoreMetadata metadata, StoreQueries queries, Forwarder forwarder) {
        this.metadata = metadata;
        this.queries = queries;
        this.forwarder = forwarder;
    }

    /** This instance's own top {@code n}. */
    TopPostsView local(int n) {
        return new TopPostsView(queries.localTopByLikes(n).stream().map(c -> PostCountsView.of(c.getPostId(), c)).toList());
    }

    /**
     * Every instance's top {@code n} merged; {@code localPathAndQuery} asks another instance for its own.
     */
    TopPostsView all(ServerRequest req, int n, String localPathAndQuery) {
        List<PostCountsView> all = new ArrayList<>();
        HostInfo self = metadata.self();
        for (HostInfo host : metadata.hostsOf(StoreNames.POST_COUNTS)) {
            all.addAll(host.equals(self) ? local(n).posts() : remote(req, host, localPathAndQuery).posts());
        }
        return new TopPostsView(all.stream().sorted(ORDER).limit(n).toList());
    }

    private TopPostsView remote(ServerRequest req, HostInfo host, String localPathAndQuery) {
        try {
            return forwarder.get(req, host, localPathAndQuery, TopPostsView.class).view();
        } catch (IOException e) {
            throw NotReady.because("instance " + Forwarder.address(host)
                    + " is unreachable; a partial top list would be wrong", e);
        }
    }
}
