package dev.eventcrm.projections.user;

import dev.eventcrm.events.user.WorkingHours;
import dev.eventcrm.projections.fold.StateCodec;
import org.bson.Document;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;

import static dev.eventcrm.projections.fold.Bson.date;
import static dev.eventcrm.projections.fold.Bson.instant;

/**
 * A {@code users} document: the field names are the contract with query-service. Working hours are stored as the
 * API takes them: days {@code MON} ... {@code SUN}, times {@code HH:mm}.
 */
final class UserCodec implements StateCodec<User> {

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    @Override
    public Document encode(User user) {
        return new Document("id", user.id())
                .append("displayName", user.displayName())
                .append("teamId", user.teamId())
                .append("role", user.role())
                .append("timeZone", user.timeZone())
                .append("workingHours", user.workingHours() == null ? null : encode(user.workingHours()))
                .append("active", user.active())
                .append("updatedAt", date(user.updatedAt()));
    }

    @Override
    public User decode(String id, Document document) {
        Document hours = document.get("workingHours", Document.class);
        return new User(id, document.getString("displayName"), document.getString("teamId"),
                document.getString("role"), document.getString("timeZone"), hours == null ? null : decode(hours),
                Boolean.TRUE.equals(document.getBoolean("active")), instant(document, "updatedAt"));
    }

    private static Document encode(WorkingHours hours) {
        return new Document("days", hours.days().stream().map(day -> day.name().substring(0, 3)).toList())
                .append("from", HH_MM.format(hours.from()))
                .append("to", HH_MM.format(hours.to()));
    }

    private static WorkingHours decode(Document hours) {
        return new WorkingHours(hours.getList("days", String.class).stream()
                .map(name -> Arrays.stream(DayOfWeek.values()).filter(day -> day.name().startsWith(name))
                        .findFirst().orElseThrow())
                .toList(), LocalTime.parse(hours.getString("from")), LocalTime.parse(hours.getString("to")));
    }
}
