package dev.eventcrm.standalone.embedded;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Stores a collection's documents in the MVStore as BSON. H2's default value type stores them with Java
 * serialization (and serializes them again to estimate their size), which took most of the embedded MongoDB's CPU
 * under the projections' batched writes (JFR: {@code ObjectDataType.serialize}, {@code ObjectOutputStream}).
 */
final class BsonDocumentType extends BasicDataType<Document> {

    static final BsonDocumentType INSTANCE = new BsonDocumentType();

    private BsonDocumentType() {
    }

    @Override
    public int getMemory(Document document) {
        // sampled by MVStore's memory estimator, not computed per write
        ByteBuf encoded = encode(document);
        try {
            return 64 + encoded.readableBytes();
        } finally {
            encoded.release();
        }
    }

    @Override
    public void write(WriteBuffer buffer, Document document) {
        ByteBuf encoded = encode(document);
        try {
            buffer.put(encoded.nioBuffer());
        } finally {
            encoded.release();
        }
    }

    @Override
    public Document read(ByteBuffer buffer) {
        // a BSON document starts with its own length, little-endian
        int length = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt();
        ByteBuffer bson = buffer.slice();
        bson.limit(length);
        buffer.position(buffer.position() + length);
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bson));
    }

    @Override
    public Document[] createStorage(int size) {
        return new Document[size];
    }

    private static ByteBuf encode(Document document) {
        ByteBuf buffer = Unpooled.buffer(256);
        BsonEncoder.encodeDocument(document, buffer);
        return buffer;
    }
}
