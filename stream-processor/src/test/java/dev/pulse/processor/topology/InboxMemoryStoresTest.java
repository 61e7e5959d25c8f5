package dev.pulse.processor.topology;

import static dev.pulse.processor.topology.Events.like;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.processor.inbox.InboxSettings;
import dev.pulse.schemas.InboxRecord;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The bench's seam: inbox stores kept in memory instead of RocksDB behave the same. */
class InboxMemoryStoresTest {

    private static final Set<String> SMALL = Set.of(StoreNames.INBOX_USERS, StoreNames.INBOX_OPEN_GROUPS,
            StoreNames.INBOX_REFS);

    private final TopologyHarness harness = new TopologyHarness(TopologySettings.defaults()
            .withInbox(InboxSettings.defaults().withMemoryStores(SMALL)));

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void shouldKeepTheNamedInboxStoresInMemoryAndTheOthersInRocksDb() {
        assertThat(SMALL).allSatisfy(name -> assertThat(harness.driver.getKeyValueStore(name).persistent()).isFalse());
        assertThat(harness.driver.getKeyValueStore(StoreNames.INBOX_ENTRIES).persistent()).isTrue();
    }

    @Test
    void shouldCollapseLikesAsWithRocksDb() {
        harness.send(like("ana", "p1", "bob", 1));
        harness.send(like("cy", "p1", "bob", 2));

        List<InboxRecord> records = harness.inboxRecords();
        assertThat(records).hasSize(2);
        assertThat(InboxContributionsTest.issued(records.get(1)).getActorCount()).isEqualTo(2);
        assertThat(harness.inboxUser("bob").getUnread()).isEqualTo(1);
    }

    @Test
    void shouldRefuseAStoreThatIsNotAnInboxStore() {
        assertThatThrownBy(() -> InboxSettings.defaults().withMemoryStores(Set.of(StoreNames.LIKE_MEMBERSHIP)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("like-membership");
    }
}
