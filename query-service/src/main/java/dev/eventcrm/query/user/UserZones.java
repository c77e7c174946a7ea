package dev.eventcrm.query.user;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.DateTimeException;
import java.time.ZoneId;

import static dev.eventcrm.query.mongo.Documents.string;

/** Each user's time zone, as the {@code users} read model holds it, for "today" in the user's own calendar. */
@Component
public class UserZones {

    private final UserRepository users;
    private final ZoneId defaultZone;

    UserZones(UserRepository users, UserProperties properties) {
        this.users = users;
        this.defaultZone = ZoneId.of(properties.defaultTimeZone());
    }

    /** The user's zone; the installation's default for a user the read model does not know (or not yet). */
    public Mono<ZoneId> of(String userId) {
        return users.findById(userId)
                .map(user -> zone(string(user, "timeZone")))
                .defaultIfEmpty(defaultZone);
    }

    private ZoneId zone(String id) {
        if (id == null) {
            return defaultZone;
        }
        try {
            return ZoneId.of(id);
        } catch (DateTimeException unknownToThisJvm) {
            // the command side checked it against its own JVM's zone rules, which may be newer
            return defaultZone;
        }
    }
}
