package dev.eventcrm.query.funnel;

import java.time.Duration;

import dev.eventcrm.query.QueryProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Loads the funnel's deals when the service starts and brings them up to date every
 * {@code crm.query.funnel-refresh-interval} without waiting for a request: so the first request after a quiet spell,
 * or after the projections caught up on many events, reads a few changes instead of every deal.
 */
@Component
class FunnelRefresher implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(FunnelRefresher.class);

    private final FunnelTable table;
    private final QueryProperties properties;
    private volatile Disposable refreshing;

    FunnelRefresher(FunnelTable table, QueryProperties properties) {
        this.table = table;
        this.properties = properties;
    }

    @Override
    public void start() {
        refreshing = Flux.interval(Duration.ZERO, properties.funnelRefreshInterval())
                .onBackpressureDrop()
                .concatMap(tick -> table.current().onErrorResume(error -> {
                    log.warn("Bringing the funnel's deals up to date failed, retrying: {}", error.toString());
                    return Mono.empty();
                }), 1)
                .subscribe();
    }

    @Override
    public void stop() {
        refreshing.dispose();
        refreshing = null;
    }

    @Override
    public boolean isRunning() {
        return refreshing != null;
    }
}
