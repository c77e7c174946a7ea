package dev.eventcrm.standalone.embedded;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Stores a collection's documents in the MVStore as BSON. H2's default value type stores them with Java
 * serialization (and serializes them again to estimate their size), which took most of the embedded MongoDB's CPU
 * under the projections' batched writes (JFR: {@code ObjectDataType.serialize}, {@code ObjectOutputStream}).
 *
 * <p>A commit writes every changed page whole, so each changed document re-encodes the unchanged ones beside it in
 * its page (JFR: {@code BsonEncoder.encodeDocument} under {@code MVStore.commit}, most of the commit's CPU). So each
 * document's encoding is kept, by identity, while the document is alive (weak keys) and the cache has room.
 * mongo-java-server updates a stored document in place, then hands it to {@code handleUpdate}, where
 * {@link IdLookupCollection} calls {@link #forget}; commits and write commands exclude each other
 * ({@link DurableH2Backend}), so no commit sees a changed document before it was forgotten.
 */
final class BsonDocumentType extends BasicDataType<Document> {

    static final BsonDocumentType INSTANCE = new BsonDocumentType();
    private static final long CACHE_BYTES = 64L << 20;

    private final Cache<Document, byte[]> encodings = Caffeine.newBuilder()
            .weakKeys()
            .maximumWeight(CACHE_BYTES)
            .weigher((Document document, byte[] bson) -> bson.length)
            .build();

    private BsonDocumentType() {
    }

    /** The document was changed in place: its stored encoding is stale. */
    void forget(Document document) {
        encodings.invalidate(document);
    }

    @Override
    public int getMemory(Document document) {
        return 64 + encoded(document).length;
    }

    @Override
    public void write(WriteBuffer buffer, Document document) {
        buffer.put(encoded(document));
    }

    @Override
    public Document read(ByteBuffer buffer) {
        // a BSON document starts with its own length, little-endian
        int length = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt();
        byte[] bson = new byte[length];
        buffer.get(bson);
        Document document = BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bson));
        encodings.put(document, bson); // its page is written again when a neighbour changes
        return document;
    }

    @Override
    public Document[] createStorage(int size) {
        return new Document[size];
    }

    private byte[] encoded(Document document) {
        return encodings.get(document, BsonDocumentType::encode);
    }

    private static byte[] encode(Document document) {
        ByteBuf buffer = Unpooled.buffer(256);
        try {
            BsonEncoder.encodeDocument(document, buffer);
            byte[] bson = new byte[buffer.readableBytes()];
            buffer.readBytes(bson);
            return bson;
        } finally {
            buffer.release();
        }
    }
}
