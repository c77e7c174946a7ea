package dev.eventcrm.standalone.embedded;

import java.lang.reflect.Constructor;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.backend.h2.H2UniqueIndex;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;

/**
 * mongo-java-server's H2 (MVStore) backend, changed so that the file holds exactly the state as of the last
 * {@value EmbeddedMongo#COMMIT_COMMAND} command: clients decide when their writes become durable, once per batch.
 *
 * <p>What is durable: everything written before the last {@code {crmCommit: 1}} was acknowledged (by any client:
 * a commit stores all changes so far), plus whatever a clean {@link #close()} commits. A kill -9 loses the writes
 * made since then, acknowledged or not. That is the right contract for derived read models: the projections write
 * a batch's documents, then the batch's offsets (in the same store), then commit. The durable state is always a
 * consistent cut of the writes (below), so stored offsets never run ahead of the stored documents, and after a
 * crash the projections re-apply from their stored offsets; what a crash may lose is re-derived from the events.
 * Another client's commit can make part of a batch durable early: re-applying that part must then be idempotent,
 * as redelivery already requires.
 *
 * <p>A consistent cut: {@code MVStore.commit()} captures map roots one map after the other without stopping
 * writers, so a commit running beside write commands could store a later write to one collection (the offsets)
 * without an earlier one to another (the documents). So write commands hold a shared lock and the commit the
 * exclusive one: a commit stores the effect of whole commands only, every command that finished before it, none
 * that started after. Reads take no part in that lock (the MVStore is multi-versioned).
 *
 * <p>Nothing commits behind the clients' backs: the MVStore is opened with auto-commit disabled
 * ({@code autoCommitDelay=0}: no background thread) and {@code autoCommitBufferSize=0}. H2's
 * {@code autoCommitDisabled()} leaves the unsaved-memory limit in place (up to 19 MB), and past it
 * {@code MVStore.beforeWrite} commits from whichever thread writes next, in the middle of a batch. The price is
 * that changes stay in memory until a client commits; the projections commit once per batch.
 *
 * <p>{@code MVStore.commit()} takes the store lock, writes one chunk with {@code FileChannel.write} and returns when
 * it is written. A chunk is atomic: after a crash the store opens at the last complete chunk. No fsync: the data
 * survives the death of the process, not of the machine. Dead chunks can only be overwritten after the retention
 * time, lowered to {@value #RETENTION_TIME_MS} ms (default 45 s) so the file does not grow by 45 s worth of chunks;
 * the retention time only guards against disk write reordering on power loss (no promise here) and readers of old
 * versions, and mongo-java-server materialises query results, so readers are done within milliseconds.
 *
 * <p>Housekeeping (rewriting sparse chunks, which the absent background thread would do) marks live pages dirty in
 * the current version, which also holds writes not yet committed; it commits nothing itself but must not be
 * followed by a commit of its own. So it runs inside the commit command, at most every
 * {@value #COMPACT_PERIOD_SECONDS} s and bounded to {@value #COMPACT_WRITE_LIMIT_BYTES} bytes, and its pages go out
 * in that commit's chunk. {@code close()} compacts as the MVStore does.
 *
 * <p>Queries with an equality on {@code _id} plus other keys (compare-and-set filters) are answered from the
 * {@code _id} index: see {@link IdLookupCollection}.
 */
final class DurableH2Backend extends H2Backend {

    private static final Logger log = LoggerFactory.getLogger(DurableH2Backend.class);

    static final int RETENTION_TIME_MS = 1_000;
    static final int COMPACT_PERIOD_SECONDS = 30;
    private static final int COMPACT_TARGET_FILL_RATE = 50;
    private static final int COMPACT_WRITE_LIMIT_BYTES = 4 << 20;

    // H2Database's map names (package-private there): collections written before this class existed stay readable
    private static final String DATA_MAP_PREFIX = "databases.";
    private static final String META_MAP_PREFIX = "meta.";

    /** Commands that never change data: they run beside a commit, without the shared lock. */
    private static final Set<String> READ_ONLY_COMMANDS = Set.of(
            "find", "getmore", "count", "distinct", "listcollections", "listindexes", "listdatabases",
            "hello", "ismaster", "ping", "buildinfo", "serverstatus", "hostinfo", "whatsmyuri", "getlog",
            "getcmdlineopts", "getparameter", "getfreemonitoringstatus", "connectionstatus", "currentop",
            "killcursors", "endsessions", "dbstats", "collstats", "getlasterror", "explain");

    /**
     * Commands that create, drop or rename collections or indexes: each runs alone. mongo-java-server guards a
     * collection's document operations, not its lifecycle, so a rename over a collection that another connection
     * was writing to, or adding an index to, dropped it half-way: its {@code _id} index lost entries its data kept,
     * every later update of those documents failed, and the damage was committed (found by SalesDayIT: a rebuild's
     * switch-over beside the live projection's writes). MongoDB runs such commands under an exclusive collection
     * lock.
     */
    private static final Set<String> SCHEMA_COMMANDS = Set.of(
            "create", "drop", "dropdatabase", "renamecollection", "createindexes", "dropindexes", "deleteindexes",
            "collmod");

    private final MVStore store;
    private final Lock writing;
    private final Lock committing;
    private final Lock usingSchema;
    private final Lock changingSchema;
    private long lastCompaction = System.nanoTime();

    private DurableH2Backend(MVStore store) {
        super(store);
        this.store = store;
        ReadWriteLock lock = new ReentrantReadWriteLock();
        this.writing = lock.readLock();
        this.committing = lock.writeLock();
        ReadWriteLock schema = new ReentrantReadWriteLock();
        this.usingSchema = schema.readLock();
        this.changingSchema = schema.writeLock();
    }

    /** H2's own default. */
    static final int DEFAULT_CACHE_MB = 16;

    static DurableH2Backend open(Path file) {
        return open(file, DEFAULT_CACHE_MB);
    }

    /**
     * @param cacheMegabytes the page cache: a page read from the file is decoded (every document in it) on each
     *                       cache miss, so a cache smaller than the read models' working set re-decodes pages
     */
    static DurableH2Backend open(Path file, int cacheMegabytes) {
        MVStore store = new MVStore.Builder()
                .fileName(file.toString())
                .cacheSize(cacheMegabytes)
                .autoCommitDisabled()
                .autoCommitBufferSize(0)
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
        if (EmbeddedMongo.COMMIT_COMMAND.equalsIgnoreCase(command)) {
            commitAll();
            return okay();
        }
        String name = command.toLowerCase(Locale.ROOT);
        Lock schema = SCHEMA_COMMANDS.contains(name) ? changingSchema : usingSchema;
        schema.lock();
        try {
            if (READ_ONLY_COMMANDS.contains(name)) {
                return super.handleCommand(channel, databaseName, command, query);
            }
            if (name.equals("drop") && resolveDatabase(databaseName)
                    .resolveCollection(String.valueOf(query.get(command)), false) == null) {
                // as MongoDB 7 answers; mongo-java-server's "ns not found", which drivers ignore, is logged at
                // ERROR with a stack trace, and a rebuild drops its target first (every projection on a new store)
                return okay();
            }
            writing.lock();
            try {
                return super.handleCommand(channel, databaseName, command, query);
            } finally {
                writing.unlock();
            }
        } finally {
            schema.unlock();
        }
    }

    private static Document okay() {
        Document response = new Document();
        Utils.markOkay(response);
        return response;
    }

    private void commitAll() {
        committing.lock();
        try {
            compactIfDue();
            store.commit();
        } finally {
            committing.unlock();
        }
    }

    private void compactIfDue() {
        long now = System.nanoTime();
        if (now - lastCompaction < TimeUnit.SECONDS.toNanos(COMPACT_PERIOD_SECONDS)) {
            return;
        }
        lastCompaction = now;
        try {
            store.compact(COMPACT_TARGET_FILL_RATE, COMPACT_WRITE_LIMIT_BYTES);
        } catch (RuntimeException e) {
            log.warn("Compacting the embedded MongoDB store failed", e);
        }
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new IdLookupDatabase(databaseName);
    }

    /** Waits for running write commands, then closes the MVStore, which commits what is left. */
    @Override
    public void close() {
        committing.lock();
        try {
            super.close();
        } finally {
            committing.unlock();
        }
    }

    /**
     * An inner class on purpose: H2Database's constructor opens the existing collections (calling
     * {@link #openOrCreateCollection}) before a subclass could assign a field, but the enclosing backend, whose
     * MVStore it needs, is already set.
     */
    private final class IdLookupDatabase extends H2Database {

        /** How H2Database names a collection's index maps: {@code <db>.<collection>._index_<index name>}. */
        private static final String INDEX_MAP_INFIX = "._index_";

        IdLookupDatabase(String databaseName) {
            super(databaseName, getMvStore(), getCursorRegistry());
        }

        /** The index map with {@link KeyValueType} keys; H2UniqueIndex's constructor is package-private. */
        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                        boolean sparse) {
            MVMap<KeyValue, Object> map = getMvStore().openMap(
                    getFullCollectionNamespace(collectionName) + INDEX_MAP_INFIX + indexName,
                    new MVMap.Builder<KeyValue, Object>().keyType(KeyValueType.INSTANCE));
            try {
                Constructor<H2UniqueIndex> constructor = H2UniqueIndex.class.getDeclaredConstructor(MVMap.class,
                        String.class, List.class, boolean.class);
                constructor.setAccessible(true);
                return constructor.newInstance(map, indexName, keys, sparse);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("mongo-java-server's H2UniqueIndex changed", e);
            }
        }

        /**
         * H2Database removes a dropped collection's data and metadata maps but leaves its index maps. A collection
         * created later under that name (a rebuild's renamed one) would then reopen those stale maps after a
         * restart: their keys point at positions of the dropped data, so lookups by {@code _id} miss the real
         * documents (found by the read-side crash test: contact cards reverted to placeholders).
         */
        @Override
        public void dropCollection(String collectionName, Oplog oplog) {
            super.dropCollection(collectionName, oplog);
            removeIndexMaps(getFullCollectionNamespace(collectionName));
        }

        /**
         * renameCollection (a rebuild's switch-over). H2Database's own move renames the wrong maps: it reads the
         * collection's name after the collection was already renamed, so the data stayed in the maps of the old name
         * and a restart found the renamed collection empty (found by the read-side crash test). It also left the
         * index maps behind. Here every map of the collection (data, metadata, indexes) takes the new name.
         */
        @Override
        public void moveCollection(MongoDatabase oldDatabase, MongoCollection<?> collection, String newCollectionName) {
            String oldName = collection.getFullName();
            String newName = getFullCollectionNamespace(newCollectionName);
            MVMap<?, ?> data = getMvStore().openMap(DATA_MAP_PREFIX + oldName); // the open instances
            MVMap<?, ?> meta = getMvStore().openMap(META_MAP_PREFIX + oldName);
            super.moveCollection(oldDatabase, collection, newCollectionName);
            // H2Database's move opened (so created) empty maps under the new name: they give way to the real ones
            removeMapIfDistinct(DATA_MAP_PREFIX + newName, data);
            removeMapIfDistinct(META_MAP_PREFIX + newName, meta);
            getMvStore().renameMap(data, DATA_MAP_PREFIX + newName);
            getMvStore().renameMap(meta, META_MAP_PREFIX + newName);
            removeIndexMaps(newName); // stale ones a drop left
            for (String name : indexMapNames(oldName)) {
                getMvStore().renameMap(getMvStore().openMap(name),
                        newName + name.substring(oldName.length()));
            }
        }

        private void removeMapIfDistinct(String name, MVMap<?, ?> keep) {
            if (getMvStore().hasMap(name) && getMvStore().openMap(name) != keep) {
                getMvStore().removeMap(name);
            }
        }

        private void removeIndexMaps(String fullCollectionName) {
            indexMapNames(fullCollectionName).forEach(getMvStore()::removeMap);
        }

        private List<String> indexMapNames(String fullCollectionName) {
            String prefix = fullCollectionName + INDEX_MAP_INFIX;
            return getMvStore().getMapNames().stream().filter(name -> name.startsWith(prefix)).toList();
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            String fullName = getFullCollectionNamespace(collectionName);
            MVMap<Object, Document> dataMap = getMvStore().openMap(DATA_MAP_PREFIX + fullName,
                    new MVMap.Builder<Object, Document>().valueType(BsonDocumentType.INSTANCE));
            MVMap<String, Object> metaMap = getMvStore().openMap(META_MAP_PREFIX + fullName);
            return new IdLookupCollection(this, collectionName, options, dataMap, metaMap, cursorRegistry);
        }
    }
}
