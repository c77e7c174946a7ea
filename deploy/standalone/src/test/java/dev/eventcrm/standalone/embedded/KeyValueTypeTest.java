package dev.eventcrm.standalone.embedded;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
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

    @Test
    void keysOfAFileWrittenWithSerializedKeysAreStillFound() {
        Path file = dir.resolve("earlier.mv.db");
        ObjectDataType serialized = new ObjectDataType();
        try (MVStore store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open()) {
            MVMap<KeyValue, Object> index = store.openMap("index", new MVMap.Builder<KeyValue, Object>()
                    .keyType(new SerializedKeys(serialized)));
            for (int i = 0; i < 1_000; i++) {
                index.put(new KeyValue("event-" + i, (double) i), (long) i);
            }
            store.commit();
        }
        try (MVStore store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open()) {
            MVMap<KeyValue, Object> index = open(store);
            for (int i = 0; i < 1_000; i++) {
                assertThat(index.get(new KeyValue("event-" + i, (double) i))).isEqualTo((long) i);
            }
            index.put(new KeyValue("event-new", 1.0), -1L); // a page then holds keys of both forms
            store.commit();
        }
        try (MVStore store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open()) {
            MVMap<KeyValue, Object> index = open(store);
            assertThat(index.size()).isEqualTo(1_001);
            assertThat(index.get(new KeyValue("event-999", 999.0))).isEqualTo(999L);
            assertThat(index.get(new KeyValue("event-new", 1.0))).isEqualTo(-1L);
        }
    }

    @Test
    void keysOfPlainValuesTakeFarLessRoomThanTheirSerializedForm() {
        KeyValue key = new KeyValue("0b6f5d0e-6a43-4a4e-9a53-8f9f4f0f2b11", 12.0, 7L, 3, true, null);
        WriteBuffer compact = new WriteBuffer();
        KeyValueType.INSTANCE.write(compact, key);
        WriteBuffer serialized = new WriteBuffer();
        new ObjectDataType().write(serialized, key);
        assertThat(compact.position()).isLessThan(serialized.position() / 3);
        assertThat(KeyValueType.INSTANCE.read(compact.getBuffer().flip())).isEqualTo(key);
    }

    /** The key type of the earlier file format: H2's serialization of every key. */
    private static final class SerializedKeys extends org.h2.mvstore.type.BasicDataType<KeyValue> {
        private final ObjectDataType serialized;

        SerializedKeys(ObjectDataType serialized) {
            this.serialized = serialized;
        }

        @Override
        public int compare(KeyValue a, KeyValue b) {
            return KeyValueType.INSTANCE.compare(a, b);
        }

        @Override
        public int getMemory(KeyValue key) {
            return 64;
        }

        @Override
        public void write(WriteBuffer buffer, KeyValue key) {
            serialized.write(buffer, key);
        }

        @Override
        public KeyValue read(java.nio.ByteBuffer buffer) {
            return (KeyValue) serialized.read(buffer);
        }

        @Override
        public KeyValue[] createStorage(int size) {
            return new KeyValue[size];
        }
    }
}
