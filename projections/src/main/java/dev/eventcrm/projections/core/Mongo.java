package dev.eventcrm.projections.core;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import java.time.Duration;

/** Blocking access to the reactive driver: the projections run on their own thread, never on an event loop. */
public final class Mongo {
    private Mongo() {
    }

    public static <T> T await(Publisher<T> publisher, Duration timeout) {
        return Mono.from(publisher).block(timeout);
    }

    public static boolean isDuplicateKey(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause()) {
            if (e instanceof MongoWriteException write
                    && ErrorCategory.fromErrorCode(write.getError().getCode()) == ErrorCategory.DUPLICATE_KEY) {
                return true;
            }
            if (e instanceof MongoCommandException command
                    && ErrorCategory.fromErrorCode(command.getErrorCode()) == ErrorCategory.DUPLICATE_KEY) {
                return true;
            }
            if (e instanceof MongoBulkWriteException bulk && bulk.getWriteErrors().stream()
                    .anyMatch(w -> ErrorCategory.fromErrorCode(w.getCode()) == ErrorCategory.DUPLICATE_KEY)) {
                return true;
            }
        }
        return false;
    }
}
