package dev.eventcrm.command.user;

import dev.eventcrm.command.RuleViolation;
import dev.eventcrm.command.StaleVersion;
import dev.eventcrm.command.lookup.AggregateLookup;
import dev.eventcrm.events.user.UserCreated;
import dev.eventcrm.events.user.UserDeactivated;
import dev.eventcrm.events.user.UserMovedToTeam;
import dev.eventcrm.events.user.UserReactivated;
import dev.eventcrm.events.user.UserRenamed;
import dev.eventcrm.events.user.UserRoleChanged;
import dev.eventcrm.events.user.UserTimeZoneChanged;
import dev.eventcrm.events.user.UserWorkingHoursChanged;
import dev.eventcrm.events.user.WorkingHours;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;
import org.springframework.dao.DuplicateKeyException;

import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A user of the CRM, under the id the client chose (what {@code X-Actor-Id} names them by), so the id is the one
 * thing checked across aggregates: it must be free in the aggregate lookup.
 */
@Aggregate
public class User {

    public static final String EXISTS = "user-exists";

    @AggregateIdentifier
    private String userId;
    private String displayName;
    private String teamId;
    private String role;
    private String timeZone;
    private WorkingHours workingHours;
    private boolean active;

    protected User() {
        // required by Axon to rebuild the aggregate from its events
    }

    @CommandHandler
    public User(CreateUser command, AggregateLookup lookup) {
        if (lookup.exists(command.userId(), AggregateLookup.USER)) {
            throw exists("User " + command.userId() + " already exists");
        }
        requireValid(command.workingHours());
        try {
            lookup.register(command.userId(), AggregateLookup.USER);
        } catch (DuplicateKeyException taken) {
            // A concurrent create of the same id held this insert until it committed (or the id is another kind of
            // record's): the id is taken either way, and the transaction is rolled back by this refusal.
            throw exists("Id " + command.userId() + " is already taken");
        }
        apply(new UserCreated(command.userId(), command.displayName(), command.teamId(), command.role(),
                command.timeZone(), command.workingHours()));
    }

    /** Only what changed becomes an event; an empty change answers the current version. */
    @CommandHandler
    public long handle(ChangeUserDetails command) {
        StaleVersion.require(userId, command.expectedVersion());
        WorkingHours newHours = new WorkingHours(
                Objects.requireNonNullElse(command.days(), workingHours.days()),
                Objects.requireNonNullElse(command.from(), workingHours.from()),
                Objects.requireNonNullElse(command.to(), workingHours.to()));
        // checked before any event is applied: a refused patch stores none of its parts
        requireValid(newHours);
        if (command.displayName() != null && !command.displayName().equals(displayName)) {
            apply(new UserRenamed(userId, displayName, command.displayName()));
        }
        if (command.teamId() != null && !Objects.equals(command.teamId().teamId(), teamId)) {
            apply(new UserMovedToTeam(userId, teamId, command.teamId().teamId()));
        }
        if (command.role() != null && !command.role().equals(role)) {
            apply(new UserRoleChanged(userId, role, command.role()));
        }
        if (command.timeZone() != null && !command.timeZone().equals(timeZone)) {
            apply(new UserTimeZoneChanged(userId, timeZone, command.timeZone()));
        }
        if (!newHours.equals(workingHours)) {
            apply(new UserWorkingHoursChanged(userId, workingHours, newHours));
        }
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public long handle(DeactivateUser command) {
        StaleVersion.require(userId, command.expectedVersion());
        if (!active) {
            throw new RuleViolation("user-deactivated", "User " + userId + " is already deactivated");
        }
        apply(new UserDeactivated(userId));
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public long handle(ReactivateUser command) {
        StaleVersion.require(userId, command.expectedVersion());
        if (active) {
            throw new RuleViolation("user-active", "User " + userId + " is active");
        }
        apply(new UserReactivated(userId));
        return AggregateLifecycle.getVersion();
    }

    Users.Schedule schedule() {
        return new Users.Schedule(timeZone, workingHours);
    }

    /** The days are checked where they are read (each once, named by its index); here what needs them whole. */
    private static void requireValid(WorkingHours hours) {
        if (hours.days().isEmpty()) {
            throw new RuleViolation("invalid-working-hours", "workingHours.days", "must name at least one day");
        }
        if (!hours.from().isBefore(hours.to())) {
            throw new RuleViolation("invalid-working-hours", "workingHours.from",
                    "must be before workingHours.to (" + hours.to() + "); hours past midnight are not supported");
        }
    }

    private static RuleViolation exists(String message) {
        return new RuleViolation(EXISTS, message);
    }

    @EventSourcingHandler
    void on(UserCreated event) {
        userId = event.userId();
        displayName = event.displayName();
        teamId = event.teamId();
        role = event.role();
        timeZone = event.timeZone();
        workingHours = event.workingHours();
        active = true;
    }

    @EventSourcingHandler
    void on(UserRenamed event) {
        displayName = event.displayName();
    }

    @EventSourcingHandler
    void on(UserMovedToTeam event) {
        teamId = event.teamId();
    }

    @EventSourcingHandler
    void on(UserRoleChanged event) {
        role = event.role();
    }

    @EventSourcingHandler
    void on(UserTimeZoneChanged event) {
        timeZone = event.timeZone();
    }

    @EventSourcingHandler
    void on(UserWorkingHoursChanged event) {
        workingHours = event.workingHours();
    }

    @EventSourcingHandler
    void on(UserDeactivated event) {
        active = false;
    }

    @EventSourcingHandler
    void on(UserReactivated event) {
        active = true;
    }
}
