package dev.eventcrm.standalone.embedded;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;

/**
 * mongo-java-server's H2 (MVStore) backend, changed so that a write is in the file (the OS page cache) before the
 * server acknowledges it.
 *
 * <p>Why: {@code new H2Backend(fileName)} opens the MVStore with its defaults, and nothing in mongo-java-server
 * 1.47.0 ever calls {@code commit()} (the {@code fsync} write-concern field is accepted and ignored). Changes are
 * only in memory until the MVStore background thread commits them, about every second ({@code autoCommitDelay}
 * 1000 ms), so a kill -9 loses up to the last second of acknowledged writes. Committing after each write from here
 * is not enough while that background thread exists: it commits with {@code tryCommit()}, which hands the
 * serialisation and the file write to the H2-serialization / H2-save executors and releases the store lock before
 * the bytes are written; a {@code commit()} from a request thread meanwhile finds no unsaved change and returns at
 * once, so the write could be acknowledged before it is in the file.
 *
 * <p>So this backend opens the MVStore with auto-commit disabled ({@code autoCommitDelay=0}: no background
 * thread, no executors, every store is synchronous) and commits, under the store lock, after every command that
 * may have changed data and before the reply goes out. {@code MVStore.commit()} takes the store lock (waiting for
 * a store in progress, which then covers concurrent writes too), writes one chunk with {@code FileChannel.write}
 * and returns when it is written. A chunk is atomic: after a crash the store opens at the last complete chunk.
 * No fsync: the data survives the death of the process, not of the machine. Concurrent writers share commits (a
 * commit stores everything changed so far; the next one then finds nothing to do).
 *
 * <p>The price: a commit per write writes one chunk per write (measured ~12-25 KB per single-document upsert, as
 * the changed 16 KB leaf page, the path to the root and the store's layout pages are rewritten), and a single
 * client's upserts went from ~1.7-3.4k/s (default MVStore, commit once a second) to ~0.6-2k/s; bulk writes (one
 * command, one commit) are not slower. Dead chunks can only be overwritten after the MVStore retention time,
 * 45 s by default, so the file grows by ~45 s worth of chunks (measured: 220 MB after 15 s of single-document
 * upserts on 1-2 MB of live data, heading for ~1-2 GB); it is lowered to {@value #RETENTION_TIME_MS} ms (measured:
 * the file levels off at ~50 MB under a sustained stream of single-document upserts, ~2k/s, on 500 KB of live
 * data; the default MVStore with its once-a-second commit stays at ~10 MB). The retention time only guards against disk write reordering on power loss (no
 * promise here, there is no fsync) and readers of old versions of a map: mongo-java-server serialises the
 * operations on a collection and materialises query results, so a reader is done within milliseconds.
 *
 * <p>Without the background thread nothing compacts the file, so a daemon thread does the MVStore's housekeeping
 * (rewriting sparse chunks) every {@value #MAINTENANCE_PERIOD_SECONDS} seconds; {@code close()} compacts too.
 */
final class DurableH2Backend extends H2Backend {

    private static final Logger log = LoggerFactory.getLogger(DurableH2Backend.class);

    static final int MAINTENANCE_PERIOD_SECONDS = 30;
    static final int RETENTION_TIME_MS = 1_000;
    private static final int COMPACT_TARGET_FILL_RATE = 50;
    private static final int COMPACT_WRITE_LIMIT_BYTES = 4 << 20;

    /**
     * Commands that never change data: no commit (and so no wait on the store lock) for them. Everything else,
     * including aggregate (which may hold $out or $merge), commits; a commit with nothing to store is cheap.
     */
    private static final Set<String> READ_ONLY_COMMANDS = Set.of(
            "find", "getmore", "count", "distinct", "listcollections", "listindexes", "listdatabases",
            "hello", "ismaster", "ping", "buildinfo", "serverstatus", "hostinfo", "whatsmyuri", "getlog",
            "getcmdlineopts", "getparameter", "getfreemonitoringstatus", "connectionstatus", "currentop",
            "killcursors", "endsessions", "dbstats", "collstats", "getlasterror", "explain");

    private final MVStore store;
    private final ScheduledExecutorService maintenance;

    private DurableH2Backend(MVStore store) {
        super(store);
        this.store = store;
        this.maintenance = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "embedded-mongo-h2-maintenance");
            thread.setDaemon(true);
            return thread;
        });
        maintenance.scheduleWithFixedDelay(this::compact, MAINTENANCE_PERIOD_SECONDS, MAINTENANCE_PERIOD_SECONDS,
                TimeUnit.SECONDS);
    }

    static DurableH2Backend open(Path file) {
        MVStore store = new MVStore.Builder()
                .fileName(file.toString())
                .autoCommitDisabled()
                .open();
        try {
            store.setRetentionTime(RETENTION_TIME_MS);
            return new DurableH2Backend(store);
        } catch (RuntimeException | Error e) {
            store.closeImmediately();
            throw e;
        }
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        try {
            return super.handleCommand(channel, databaseName, command, query);
        } finally {
            // in finally: a failed command may have written part of its changes (e.g. an unordered insertMany
            // with a duplicate key), and the reply may report those as done
            if (!READ_ONLY_COMMANDS.contains(command.toLowerCase(Locale.ROOT))) {
                store.commit();
            }
        }
    }

    /** Legacy OP_QUERY (drivers use it for the handshake only); commit in case it carried a write command. */
    @Override
    public QueryResult handleQuery(MongoQuery query) {
        try {
            return super.handleQuery(query);
        } finally {
            store.commit();
        }
    }

    private void compact() {
        try {
            if (!store.isClosed() && store.compact(COMPACT_TARGET_FILL_RATE, COMPACT_WRITE_LIMIT_BYTES)) {
                store.commit();
            }
        } catch (RuntimeException e) {
            log.warn("Compacting the embedded MongoDB store failed", e);
        }
    }

    @Override
    public void close() {
        maintenance.shutdownNow();
        try {
            maintenance.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        super.close(); // closes the MVStore, which commits what is left
    }
}
