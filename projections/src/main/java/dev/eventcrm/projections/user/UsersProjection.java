package dev.eventcrm.projections.user;

import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.projections.core.DocumentProjection;
import dev.eventcrm.projections.history.EventHistory;

import java.time.Duration;

/** The users: one document per user in {@code users}, with their team, role, time zone and working hours. */
public final class UsersProjection {
    public static final String NAME = "users";
    public static final String COLLECTION = "users";
    public static final int VERSION = 1;

    private UsersProjection() {
    }

    public static DocumentProjection<User> create(MongoDatabase database, EventHistory history, Duration timeout) {
        return new DocumentProjection<>(NAME, VERSION, database, COLLECTION, new UsersFold(), new UserCodec(),
                history, timeout);
    }
}
