package dev.eventcrm.projections.user;

import dev.eventcrm.events.user.UserCreated;
import dev.eventcrm.events.user.UserDeactivated;
import dev.eventcrm.events.user.UserMovedToTeam;
import dev.eventcrm.events.user.UserReactivated;
import dev.eventcrm.events.user.UserRenamed;
import dev.eventcrm.events.user.UserRoleChanged;
import dev.eventcrm.events.user.UserTimeZoneChanged;
import dev.eventcrm.events.user.UserWorkingHoursChanged;
import dev.eventcrm.projections.event.ParsedEvent;
import dev.eventcrm.projections.fold.Fold;

import java.time.Instant;
import java.util.List;

/** The users' fold: each user's own events shape their document. */
public final class UsersFold implements Fold<User> {

    @Override
    public List<String> targets(ParsedEvent event) {
        return event.isOf(ParsedEvent.USER) ? List.of(event.aggregateId()) : List.of();
    }

    @Override
    public User empty(String documentId) {
        return User.empty(documentId);
    }

    @Override
    public User apply(User u, ParsedEvent event) {
        Instant at = event.occurredAt();
        Record payload = event.payload();
        if (payload instanceof UserCreated created) {
            return new User(u.id(), created.displayName(), created.teamId(), created.role(), created.timeZone(),
                    created.workingHours(), true, at);
        }
        if (payload instanceof UserRenamed renamed) {
            return new User(u.id(), renamed.displayName(), u.teamId(), u.role(), u.timeZone(), u.workingHours(),
                    u.active(), at);
        }
        if (payload instanceof UserMovedToTeam moved) {
            return new User(u.id(), u.displayName(), moved.teamId(), u.role(), u.timeZone(), u.workingHours(),
                    u.active(), at);
        }
        if (payload instanceof UserRoleChanged changed) {
            return new User(u.id(), u.displayName(), u.teamId(), changed.role(), u.timeZone(), u.workingHours(),
                    u.active(), at);
        }
        if (payload instanceof UserTimeZoneChanged changed) {
            return new User(u.id(), u.displayName(), u.teamId(), u.role(), changed.timeZone(), u.workingHours(),
                    u.active(), at);
        }
        if (payload instanceof UserWorkingHoursChanged changed) {
            return new User(u.id(), u.displayName(), u.teamId(), u.role(), u.timeZone(), changed.workingHours(),
                    u.active(), at);
        }
        boolean active = payload instanceof UserDeactivated ? false
                : payload instanceof UserReactivated || u.active();
        // a user event the read model shows nothing else of still marks the user as changed
        return new User(u.id(), u.displayName(), u.teamId(), u.role(), u.timeZone(), u.workingHours(), active, at);
    }
}
