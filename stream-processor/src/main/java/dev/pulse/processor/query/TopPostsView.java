package dev.pulse.processor.query;

import dev.pulse.schemas.views.PostCountsView;
import java.util.List;

/** The posts with most likes, most first; also what each instance answers for its own partitions. */
record TopPostsView(List<PostCountsView> posts) {
}
