package dev.eventcrm.query.task;

import com.mongodb.client.model.Filters;
import dev.eventcrm.api.ApiException;
import dev.eventcrm.query.QueryProperties;
import dev.eventcrm.query.user.UserZones;
import dev.eventcrm.query.web.QueryParams;
import dev.eventcrm.query.web.VersionTag;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;

import static dev.eventcrm.query.mongo.Documents.instant;
import static dev.eventcrm.query.mongo.Documents.longValue;

/** Tasks as the {@code tasks} read model holds them: a manager's day, what is overdue, what is due next. */
@RestController
@RequestMapping(path = "/api/v1/tasks", produces = MediaType.APPLICATION_JSON_VALUE)
class TaskController {

    private static final Set<String> STATUSES = Set.of("OPEN", "COMPLETED", "CANCELLED");
    private static final String OPEN = "OPEN";

    private final TaskRepository tasks;
    private final UserZones zones;
    private final QueryProperties properties;
    private final Clock clock;

    TaskController(TaskRepository tasks, UserZones zones, QueryProperties properties, Clock clock) {
        this.tasks = tasks;
        this.zones = zones;
        this.properties = properties;
        this.clock = clock;
    }

    /** With {@code minVersion}, waits until the read model has caught up with the caller's own write. */
    @GetMapping("/{id}")
    Mono<ResponseEntity<TaskView>> get(@PathVariable String id, @RequestParam(required = false) String minVersion) {
        Long min = QueryParams.nonNegativeLong("minVersion", minVersion);
        Mono<Document> found = min == null ? tasks.findById(id)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Task " + id + " does not exist")))
                : tasks.findAtLeastVersion(id, min, properties.readYourWritesTimeout(),
                        properties.streamPollInterval()).switchIfEmpty(Mono.defer(() -> behind(id, min)));
        return found.map(TaskView::from).map(view -> VersionTag.ok(view.version(), view));
    }

    /**
     * Tasks by assignee, status, contact and deal (each if given), in due order (then id), cursor-paginated.
     * {@code due}: {@code overdue} (open, due before now), {@code next-hour} (open, due from now to an hour from
     * now) or {@code today} (due on the assignee's calendar day, in their time zone, whatever the status: so it
     * needs {@code assigneeId}). "Now" is the query's, so a cursor from an earlier page keeps the order but the
     * window moves with the clock.
     */
    @GetMapping
    Mono<TaskPage> list(@RequestParam(required = false) String assigneeId,
                        @RequestParam(required = false) String status,
                        @RequestParam(required = false) String due,
                        @RequestParam(required = false) String contactId,
                        @RequestParam(required = false) String dealId,
                        @RequestParam(required = false) String limit,
                        @RequestParam(required = false) String cursor) {
        int size = QueryParams.intInRange("limit", limit, properties.defaultPageSize(), 1,
                properties.maxPageSize());
        DueCursor after = DueCursor.decode(cursor);
        String assignee = QueryParams.optional(assigneeId);
        String state = knownStatus(QueryParams.optional(status));
        String window = QueryParams.optional(due);
        List<Bson> conditions = new ArrayList<>();
        QueryParams.equalIfGiven(conditions, "assigneeId", assignee);
        QueryParams.equalIfGiven(conditions, "status", state);
        QueryParams.equalIfGiven(conditions, "contactId", contactId);
        QueryParams.equalIfGiven(conditions, "dealId", dealId);
        Instant now = clock.instant();
        Mono<List<Bson>> filters = switch (window == null ? "" : window) {
            case "" -> Mono.just(conditions);
            case "overdue" -> Mono.just(open(conditions, state, Filters.lt("dueAt", Date.from(now))));
            case "next-hour" -> Mono.just(open(conditions, state, Filters.and(Filters.gte("dueAt", Date.from(now)),
                    Filters.lt("dueAt", Date.from(now.plus(Duration.ofHours(1)))))));
            case "today" -> {
                if (assignee == null) {
                    throw ApiException.invalid("due", "today is the assignee's calendar day: give assigneeId");
                }
                yield zones.of(assignee).map(zone -> with(conditions, today(now, zone)));
            }
            default -> throw ApiException.invalid("due", "must be one of overdue, today, next-hour");
        };
        return filters.flatMap(where -> tasks.findPage(where, after, size)).map(docs -> {
            boolean more = docs.size() > size;
            List<Document> page = more ? docs.subList(0, size) : docs;
            Document last = page.isEmpty() ? null : page.get(page.size() - 1);
            String next = more ? DueCursor.encode(instant(last, "dueAt"), String.valueOf(last.get("_id"))) : null;
            return new TaskPage(page.stream().map(TaskView::from).toList(), next);
        });
    }

    /** From the start of the zone's day at {@code now} to the start of the next (23 or 25 hours on a DST change). */
    private static Bson today(Instant now, ZoneId zone) {
        LocalDate day = LocalDate.ofInstant(now, zone);
        return Filters.and(Filters.gte("dueAt", Date.from(day.atStartOfDay(zone).toInstant())),
                Filters.lt("dueAt", Date.from(day.plusDays(1).atStartOfDay(zone).toInstant())));
    }

    /** Overdue and next-hour are about open tasks: another status asked for with them is a contradiction. */
    private static List<Bson> open(List<Bson> conditions, String status, Bson window) {
        if (status != null && !status.equals(OPEN)) {
            throw ApiException.invalid("status", "overdue and next-hour tasks are OPEN ones");
        }
        List<Bson> filters = with(conditions, window);
        if (status == null) {
            filters.add(Filters.eq("status", OPEN));
        }
        return filters;
    }

    private static List<Bson> with(List<Bson> conditions, Bson condition) {
        List<Bson> filters = new ArrayList<>(conditions);
        filters.add(condition);
        return filters;
    }

    private static String knownStatus(String status) {
        if (status != null && !STATUSES.contains(status)) {
            throw ApiException.invalid("status", "must be one of OPEN, COMPLETED, CANCELLED");
        }
        return status;
    }

    private Mono<Document> behind(String id, long minVersion) {
        return tasks.findById(id)
                .map(doc -> "Task " + id + " is at version " + longValue(doc, "version", -1)
                        + " in the read model, not yet at " + minVersion + "; retry shortly")
                .defaultIfEmpty("Task " + id + " is not in the read model yet (waiting for version " + minVersion
                        + "); retry shortly")
                .flatMap(detail -> Mono.error(ApiException.of(HttpStatus.GATEWAY_TIMEOUT, "read-model-behind",
                        "Read model behind", detail)));
    }
}
