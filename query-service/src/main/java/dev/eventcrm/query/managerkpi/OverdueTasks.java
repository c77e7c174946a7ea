package dev.eventcrm.query.managerkpi;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.eventcrm.query.mongo.ReadModelStamps;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * "Tasks overdue now" per manager: the open tasks due up to the end of today, read once per stamp of the
 * {@code manager-kpis} projection and day, answer every "now" of that day (the buckets change only with a batch,
 * which moves the stamp). Requests that miss at once share one read.
 */
@Component
class OverdueTasks {
    static final String PROJECTION = "manager-kpis";

    private final ManagerKpiRepository repository;
    private final ReadModelStamps stamps;
    private final AsyncCache<Key, OpenTasksDue> kept = Caffeine.newBuilder().maximumSize(2).buildAsync();

    OverdueTasks(ManagerKpiRepository repository, ReadModelStamps stamps) {
        this.repository = repository;
        this.stamps = stamps;
    }

    private record Key(String stamp, LocalDate today) {
    }

    /** Manager -> open tasks assigned to them due before {@code now}; days cut in {@code zone}. */
    Mono<Map<String, Long>> at(Instant now, ZoneId zone) {
        LocalDate today = LocalDate.ofInstant(now, zone);
        return stamps.of(PROJECTION).flatMap(stamp -> Mono.fromFuture(kept.get(new Key(stamp, today),
                        (key, executor) -> repository.openTasksDue(today).toFuture()), true))
                .map(due -> due.overdueAt(now));
    }
}
