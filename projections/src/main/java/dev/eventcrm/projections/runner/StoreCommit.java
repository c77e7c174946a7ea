package dev.eventcrm.projections.runner;

import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;

import java.time.Duration;

import static dev.eventcrm.projections.core.Mongo.await;

/**
 * Makes a batch durable where the store needs to be told: the embedded MongoDB (mongo-java-server over an H2 file)
 * commits its file only on the command named by {@code crm.projections.store-commit-command}, so a batch's documents
 * and offsets land in one commit. A real MongoDB makes each acknowledged write durable itself: no command is set.
 */
public final class StoreCommit {
    private final MongoDatabase database;
    private final String command;
    private final Duration timeout;

    public StoreCommit(MongoDatabase database, String command, Duration timeout) {
        this.database = database;
        this.command = command == null || command.isBlank() ? null : command;
        this.timeout = timeout;
    }

    public void commit() {
        if (command != null) {
            await(database.runCommand(new Document(command, 1)), timeout);
        }
    }
}
