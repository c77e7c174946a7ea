package dev.eventcrm.standalone.embedded;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;

import static org.assertj.core.api.Assertions.assertThat;

/** Index keys of every kind the read models use find their entry again, before and after a reopen. */
class KeyValueTypeTest {

    @TempDir
    Path dir;

    private static MVMap<KeyValue, Object> open(MVStore store) {
        return store.openMap("index", new MVMap.Builder<KeyValue, Object>().keyType(KeyValueType.INSTANCE));
    }

    @Test
    void keysAreFoundByEqualValuesAndKeepTheirEntriesAcrossAReopen() {
        Path file = dir.resolve("keys.mv.db");
        List<KeyValue> keys = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            keys.add(new KeyValue("event-" + i));
            keys.add(new KeyValue((double) i));
            keys.add(new KeyValue("deal-" + (i % 100), (double) i));
        }
        keys.add(new KeyValue((Object) null));
        keys.add(new KeyValue(new Document("nested", 1)));
        try (MVStore store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open()) {
            MVMap<KeyValue, Object> index = open(store);
            for (int i = 0; i < keys.size(); i++) {
                assertThat(index.putIfAbsent(keys.get(i), (long) i)).as("new key %s", keys.get(i)).isNull();
            }
            assertThat(index.putIfAbsent(new KeyValue("event-7"), -1L)).as("a taken key")
                    .isEqualTo((long) keys.indexOf(new KeyValue("event-7")));
            store.commit();
        }
        try (MVStore store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open()) {
            MVMap<KeyValue, Object> index = open(store);
            assertThat(index.size()).isEqualTo(keys.size());
            for (int i = 0; i < keys.size(); i++) {
                KeyValue equal = new KeyValue(keys.get(i).stream().toList()); // a fresh key, as a lookup builds it
                assertThat(index.get(equal)).as("entry of %s", equal).isEqualTo((long) i);
            }
        }
    }
}
