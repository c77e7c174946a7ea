package dev.eventcrm.standalone.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MongoDB wire-protocol server (mongo-java-server) in this JVM, storing its data in an H2 MVStore file under a
 * data directory. Writes become durable when a client runs {@code {crmCommit: 1}} ({@link #COMMIT_COMMAND}) and
 * on a clean close; a kill -9 loses what was written since the last commit (see {@link DurableH2Backend}). It is
 * not MongoDB: no change streams, no multi-document transactions.
 */
public final class EmbeddedMongo implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongo.class);

    /**
     * The database command ({@code db.runCommand({crmCommit: 1})}, on any database) that makes everything written
     * so far durable; it answers {@code {ok: 1}} once the store file holds it.
     */
    public static final String COMMIT_COMMAND = "crmCommit";

    /**
     * Format 2 stores documents as BSON ({@link BsonDocumentType}). A file of the first format ({@code mongo.mv.db})
     * is left alone: read models are derived data, rebuilt from the event store into the new file.
     */
    static final String FILE_NAME = "mongo-2.mv.db";
    private static final String HOST = "127.0.0.1";

    private final MongoWireServer server;
    private final String connectionString;
    private final Path file;
    private final Duration startupTime;
    private boolean closed;

    private EmbeddedMongo(MongoWireServer server, String connectionString, Path file, Duration startupTime) {
        this.server = server;
        this.connectionString = connectionString;
        this.file = file;
        this.startupTime = startupTime;
    }

    /**
     * Opens (or creates) {@code dataDir/mongo-2.mv.db} and listens on 127.0.0.1:{@code port}, with H2's default page
     * cache.
     */
    public static EmbeddedMongo start(Path dataDir, int port) {
        return start(dataDir, port, DurableH2Backend.DEFAULT_CACHE_MB);
    }

    /**
     * Opens (or creates) {@code dataDir/mongo-2.mv.db} and listens on 127.0.0.1:{@code port}, keeping up to
     * {@code cacheMegabytes} of the file's pages in memory.
     */
    public static EmbeddedMongo start(Path dataDir, int port, int cacheMegabytes) {
        long started = System.nanoTime();
        QuietLoggers.warnOnly("de.bwaldvogel", "org.h2");
        Path file;
        try {
            Files.createDirectories(dataDir);
            file = dataDir.resolve(FILE_NAME).toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + dataDir, e);
        }
        DurableH2Backend backend = DurableH2Backend.open(file, cacheMegabytes);
        MongoWireServer server;
        try {
            server = MongoWireServer.start(backend, HOST, port, 0);
        } catch (Exception e) { // Netty throws a BindException (checked) without declaring it
            backend.close(); // idempotent; releases the file lock
            if (e instanceof IOException io) {
                throw new UncheckedIOException("Cannot listen on " + HOST + ":" + port, io);
            }
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("Cannot listen on " + HOST + ":" + port, e);
        }
        Duration startupTime = Duration.ofNanos(System.nanoTime() - started);
        String connectionString = "mongodb://" + HOST + ":" + port;
        log.info("Embedded MongoDB (mongo-java-server, H2 file {}) serving on {}; started in {} ms", file,
                connectionString, startupTime.toMillis());
        return new EmbeddedMongo(server, connectionString, file, startupTime);
    }

    /** {@code mongodb://127.0.0.1:<port>}. */
    public String connectionString() {
        return connectionString;
    }

    /** The MVStore file holding all databases. */
    public Path file() {
        return file;
    }

    /** How long {@link #start} took (file opened, port bound). */
    public Duration startupTime() {
        return startupTime;
    }

    @Override
    public String toString() {
        return "EmbeddedMongo[" + connectionString + ", " + file + "]";
    }

    /** Closes client connections, stops listening and closes the store file. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long started = System.nanoTime();
        server.close();
        log.info("Embedded MongoDB on {} stopped in {} ms", connectionString,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }
}
