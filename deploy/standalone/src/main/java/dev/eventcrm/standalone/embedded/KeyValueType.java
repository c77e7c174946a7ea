package dev.eventcrm.standalone.embedded;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

import de.bwaldvogel.mongo.backend.KeyValue;

/**
 * The keys of a unique index's MVStore map. H2's default key type compares a {@link KeyValue} (not a type it knows)
 * by Java-serializing both sides, on every step of every lookup: that was most of the embedded MongoDB's CPU under
 * the projections' writes (JFR: {@code H2UniqueIndex.getPosition} -> {@code ObjectDataType.compare} ->
 * {@code ObjectOutputStream}). Here values of the same comparable class compare directly; anything else falls back to
 * that serialized order.
 * <p>
 * Stored bytes: keys made only of strings, doubles, longs, integers, booleans and nulls (every index the read models
 * have) are written in a compact form behind the {@link #COMPACT} mark; Java-serializing them on every commit of a
 * dirty page was the embedded MongoDB's largest cost after the fixes above (JFR: {@code MVStore.commit} ->
 * {@code KeyValueType.write} -> {@code ObjectOutputStream}). Other keys, and keys of files written before, are H2's
 * serialization of the key, which starts with another byte.
 */
final class KeyValueType extends BasicDataType<KeyValue> {

    static final KeyValueType INSTANCE = new KeyValueType();

    /** First byte of a compact key; H2's serialized form of a KeyValue starts with its object tag (19). */
    private static final byte COMPACT = (byte) 0xC7;
    private static final byte NULL = 0;
    private static final byte STRING = 1;
    private static final byte DOUBLE = 2;
    private static final byte LONG = 3;
    private static final byte INTEGER = 4;
    private static final byte TRUE = 5;
    private static final byte FALSE = 6;

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
        if (!compactable(key)) {
            serialized.write(buffer, key);
            return;
        }
        buffer.put(COMPACT).putVarInt(key.size());
        for (Object value : key) {
            if (value == null) {
                buffer.put(NULL);
            } else if (value instanceof String string) {
                buffer.put(STRING).putVarInt(string.length()).putStringData(string, string.length());
            } else if (value instanceof Double number) {
                buffer.put(DOUBLE).putDouble(number);
            } else if (value instanceof Long number) {
                buffer.put(LONG).putLong(number);
            } else if (value instanceof Integer number) {
                buffer.put(INTEGER).putInt(number);
            } else {
                buffer.put((Boolean) value ? TRUE : FALSE);
            }
        }
    }

    private static boolean compactable(KeyValue key) {
        for (Object value : key) {
            if (value != null && !(value instanceof String || value instanceof Double || value instanceof Long
                    || value instanceof Integer || value instanceof Boolean)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public KeyValue read(ByteBuffer buffer) {
        if (buffer.get(buffer.position()) != COMPACT) {
            return (KeyValue) serialized.read(buffer);
        }
        buffer.get();
        int size = DataUtils.readVarInt(buffer);
        List<Object> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            byte type = buffer.get();
            values.add(switch (type) {
                case NULL -> null;
                case STRING -> DataUtils.readString(buffer, DataUtils.readVarInt(buffer));
                case DOUBLE -> buffer.getDouble();
                case LONG -> buffer.getLong();
                case INTEGER -> buffer.getInt();
                case TRUE -> Boolean.TRUE;
                case FALSE -> Boolean.FALSE;
                default -> throw new IllegalStateException("Unknown index key value type " + type);
            });
        }
        return new KeyValue(values);
    }

    @Override
    public KeyValue[] createStorage(int size) {
        return new KeyValue[size];
    }
}
