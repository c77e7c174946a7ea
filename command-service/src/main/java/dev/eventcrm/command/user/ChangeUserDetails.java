package dev.eventcrm.command.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;

/**
 * A JSON Merge Patch of a user: a null member is left as it is. The working hours merge member by member, so
 * {@code {"workingHours":{"to":"17:00"}}} keeps the days and the start.
 *
 * @param teamId null: unchanged; a {@link TeamChange} holding null: the user leaves their team
 */
public record ChangeUserDetails(@TargetAggregateIdentifier String userId, String displayName, TeamChange teamId,
                                String role, String timeZone, List<DayOfWeek> days, LocalTime from, LocalTime to,
                                Long expectedVersion) implements UserCommand {

    public record TeamChange(String teamId) {
    }
}
