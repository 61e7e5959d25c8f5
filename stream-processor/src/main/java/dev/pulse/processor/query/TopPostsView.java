package dev.pulse.processor.query;

import java.util.List;

/** The posts with most likes, most first; also what each instance answers for its own partitions. */
record TopPostsView(List<PostCountsView> posts) {
}
