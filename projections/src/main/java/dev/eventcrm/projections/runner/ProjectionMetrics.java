package dev.eventcrm.projections.runner;

import dev.eventcrm.projections.event.ParsedEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code crm.projection.events} (projection, type), {@code crm.projection.lag} (projection: now - recordedAt when
 * applied) and {@code crm.projection.dead.letters}.
 */
public class ProjectionMetrics {
    public static final String EVENTS = "crm.projection.events";
    public static final String LAG = "crm.projection.lag";
    public static final String DEAD_LETTERS = "crm.projection.dead.letters";

    private final MeterRegistry registry;
    private final Map<String, Counter> events = new ConcurrentHashMap<>();
    private final Map<String, Timer> lags = new ConcurrentHashMap<>();
    private final Counter deadLetters;

    public ProjectionMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.deadLetters = Counter.builder(DEAD_LETTERS)
                .description("Records of crm.events no projection could read, stored in dead_letters")
                .register(registry);
    }

    public void applied(String projection, ParsedEvent event) {
        events.computeIfAbsent(projection + '|' + event.type(), key -> Counter.builder(EVENTS)
                .description("Events applied to a read model")
                .tag("projection", projection).tag("type", event.type())
                .register(registry)).increment();
        Duration lag = Duration.between(event.recordedAt(), Instant.now());
        lags.computeIfAbsent(projection, key -> Timer.builder(LAG)
                .description("Time from recording an event to applying it to a read model")
                .tag("projection", projection)
                .publishPercentileHistogram()
                .register(registry)).record(lag.isNegative() ? Duration.ZERO : lag);
    }

    public void deadLettered() {
        deadLetters.increment();
    }
}
