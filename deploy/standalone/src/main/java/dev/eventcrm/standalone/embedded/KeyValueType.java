package dev.eventcrm.standalone.embedded;

import java.nio.ByteBuffer;

import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

import de.bwaldvogel.mongo.backend.KeyValue;

/**
 * The keys of a unique index's MVStore map. H2's default key type compares a {@link KeyValue} (not a type it knows)
 * by Java-serializing both sides, on every step of every lookup: that was most of the embedded MongoDB's CPU under
 * the projections' writes (JFR: {@code H2UniqueIndex.getPosition} -> {@code ObjectDataType.compare} ->
 * {@code ObjectOutputStream}). Here values of the same comparable class compare directly; anything else falls back to
 * that serialized order. Stored bytes are H2's own serialization of the key.
 */
final class KeyValueType extends BasicDataType<KeyValue> {

    static final KeyValueType INSTANCE = new KeyValueType();

    private final ObjectDataType serialized = new ObjectDataType();

    private KeyValueType() {
    }

    @Override
    public int compare(KeyValue a, KeyValue b) {
        int common = Math.min(a.size(), b.size());
        for (int i = 0; i < common; i++) {
            int order = compareValues(a.get(i), b.get(i));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private int compareValues(Object a, Object b) {
        if (a == b) {
            return 0;
        }
        if (a == null || b == null) {
            return a == null ? -1 : 1;
        }
        if (a.getClass() == b.getClass() && a instanceof Comparable comparable) {
            return comparable.compareTo(b);
        }
        int byClass = a.getClass().getName().compareTo(b.getClass().getName());
        return byClass != 0 ? byClass : serialized.compare(a, b);
    }

    @Override
    public int getMemory(KeyValue key) {
        return 48 + 24 * key.size();
    }

    @Override
    public void write(WriteBuffer buffer, KeyValue key) {
        serialized.write(buffer, key);
    }

    @Override
    public KeyValue read(ByteBuffer buffer) {
        return (KeyValue) serialized.read(buffer);
    }

    @Override
    public KeyValue[] createStorage(int size) {
        return new KeyValue[size];
    }
}
