package dev.eventcrm.standalone.embedded;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;

import static org.assertj.core.api.Assertions.assertThat;

/** Documents stored as BSON read back equal after the store was committed, closed and opened again. */
class BsonDocumentTypeTest {

    @TempDir
    Path dir;

    @Test
    void documentsOfEveryShapeTheReadModelsUseSurviveAReopen() {
        Path file = dir.resolve("bson.mv.db");
        List<Document> written = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            List<Document> history = new ArrayList<>();
            for (int h = 0; h < i % 7; h++) {
                history.add(new Document("stage", "S" + h).append("enteredAt", Instant.ofEpochMilli(1_700_000_000_000L + h))
                        .append("exitedAt", null));
            }
            written.add(new Document("_id", "deal-" + i).append("version", (long) i).append("callCount", i % 3)
                    .append("amount", new Document("value", "10.50").append("currency", "EUR"))
                    .append("stageHistory", history).append("phones", List.of("+49 30 1234", "x" + i))
                    .append("rev", new ObjectId()).append("ratio", i / 3.0).append("closed", i % 2 == 0)
                    .append("title", "Deal \u00e9\u4e2d " + i));
        }
        try (MVStore store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open()) {
            MVMap<Object, Document> map = store.openMap("docs",
                    new MVMap.Builder<Object, Document>().valueType(BsonDocumentType.INSTANCE));
            written.forEach(d -> map.put(d.get("_id"), d));
            store.commit();
        }
        try (MVStore store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open()) {
            MVMap<Object, Document> map = store.openMap("docs",
                    new MVMap.Builder<Object, Document>().valueType(BsonDocumentType.INSTANCE));
            assertThat(map.size()).isEqualTo(written.size());
            written.forEach(d -> assertThat(map.get(d.get("_id"))).isEqualTo(d));
        }
    }
}
