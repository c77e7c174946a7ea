package dev.eventcrm.projections.bucket;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A bucket's totals kept by difference, read as a report reads them: the {@code totals} its codec writes. */
class BucketTest {
    private static final BucketCodec CODEC = new BucketCodec();

    private static Document won(String amount) {
        return new Document("won", 1L).append("revenue", new Document("EUR", amount));
    }

    private static Bucket.Move move(List<Document> removed, List<Document> added) {
        return new Bucket.Move(removed, added);
    }

    private static Document totals(Bucket bucket) {
        // through the codec both ways, as stored and loaded between batches
        return CODEC.encode(CODEC.decode("b", CODEC.encode(bucket))).get("totals", Document.class);
    }

    @Test
    void aWithdrawnShareLeavesExactlyTheTotalsOfTheOthers() {
        Bucket both = Bucket.EMPTY.changed("w", 1, Map.of("d1", move(List.of(), List.of(won("10.5"))),
                "d2", move(List.of(), List.of(won("3.25")))));
        assertThat(totals(both)).isEqualTo(new Document("won", 2L).append("revenue", new Document("EUR", "13.75")));

        Bucket one = CODEC.decode("b", CODEC.encode(both)).changed("w", 2,
                Map.of("d2", move(List.of(won("3.25")), List.of())));
        assertThat(totals(one)).isEqualTo(new Document("won", 1L).append("revenue", new Document("EUR", "10.5")));

        Bucket none = one.changed("w", 3, Map.of("d1", move(List.of(won("10.5")), List.of())));
        assertThat(totals(none)).as("nothing contributes: no counter, no sum").isEqualTo(new Document());
    }

    @Test
    void aChangeAppliedAgainInPartOrInFullChangesOnlyWhatItHadNotApplied() {
        Bucket first = Bucket.EMPTY.changed("w", 5, Map.of("d1", move(List.of(), List.of(won("1"))),
                "d2", move(List.of(), List.of(won("2")))));
        // another writer finishing the same change saw d2 and d3 of it
        Bucket again = first.changed("w", 5, Map.of("d2", move(List.of(), List.of(won("2"))),
                "d3", move(List.of(), List.of(won("4")))));
        assertThat(totals(again)).isEqualTo(new Document("won", 3L).append("revenue", new Document("EUR", "7")));

        assertThat(again.changed("w", 5, Map.of("d1", move(List.of(), List.of(won("1")))))).isSameAs(again);
        assertThat(again.changed("w", 4, Map.of("d9", move(List.of(), List.of(won("8"))))))
                .as("an earlier change of the writer is shown already").isSameAs(again);
        assertThat(totals(again.changed("v", 1, Map.of("d9", move(List.of(), List.of(won("8")))))))
                .as("another writer's change").isEqualTo(new Document("won", 4L)
                        .append("revenue", new Document("EUR", "15")));
    }

    /** Two writers may apply one document's changes out of order: its share passes through negative counts. */
    @Test
    void changesOfOneDocumentAppliedOutOfOrderEndAtTheTotalsOfItsLastState() {
        Document x = won("5");
        Document y = won("3");
        Bucket middleFirst = Bucket.EMPTY.changed("w2", 1, Map.of("d", move(List.of(x), List.of(y))));
        Bucket other = middleFirst.changed("w3", 1, Map.of("e", move(List.of(), List.of(won("4")))));
        Bucket first = other.changed("w1", 1, Map.of("d", move(List.of(), List.of(x))));
        Bucket last = CODEC.decode("b", CODEC.encode(first)).changed("w4", 1, Map.of("d", move(List.of(y),
                List.of())));

        assertThat(totals(last)).isEqualTo(new Document("won", 1L).append("revenue", new Document("EUR", "4")));
    }

    /** Buckets of the earlier kind held every document's share: read as their totals, then moved on by difference. */
    @Test
    void aBucketOfTheEarlierKindIsReadAsTheTotalsOfItsShares() {
        Document earlier = new Document("kind", "bucket").append("c", List.of(
                new Document("of", "d1").append("share", won("10.5")),
                new Document("of", "d2").append("share", won("3.25"))))
                .append("totals", new Document("won", 2L).append("revenue", new Document("EUR", "13.75")));

        Bucket read = CODEC.decode("b", earlier);
        assertThat(totals(read)).isEqualTo(earlier.get("totals"));
        assertThat(read.writers()).isEmpty();
        assertThat(totals(read.changed("w", 1, Map.of("d2", move(List.of(won("3.25")), List.of())))))
                .isEqualTo(new Document("won", 1L).append("revenue", new Document("EUR", "10.5")));
    }
}
