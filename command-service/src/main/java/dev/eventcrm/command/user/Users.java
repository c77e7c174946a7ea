package dev.eventcrm.command.user;

import dev.eventcrm.command.lookup.AggregateLookup;
import dev.eventcrm.events.user.WorkingHours;
import org.axonframework.config.Configuration;
import org.axonframework.modelling.command.Repository;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Users as other commands' handlers and automation read them, loaded through Axon's repository in the calling unit
 * of work (like {@code Contacts}), so that a user created before the reader existed is read like any other.
 */
@Component
public class Users {

    /** @param timeZone and workingHours: null only for users created without them */
    public record Schedule(String timeZone, WorkingHours workingHours) {
    }

    private final Configuration axon;
    private final AggregateLookup lookup;

    Users(@Lazy Configuration axon, AggregateLookup lookup) {
        this.axon = axon;
        this.lookup = lookup;
    }

    /** Empty when no user has this id (an actor id need not name a user). */
    public Optional<Schedule> schedule(String userId) {
        if (!lookup.exists(userId, AggregateLookup.USER)) {
            return Optional.empty();
        }
        Repository<User> repository = axon.repository(User.class);
        return Optional.of(repository.load(userId).invoke(User::schedule));
    }
}
