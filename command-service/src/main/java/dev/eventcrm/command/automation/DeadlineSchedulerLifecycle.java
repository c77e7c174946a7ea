package dev.eventcrm.command.automation;

import com.github.kagkarlsson.scheduler.Scheduler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Runs due deadlines only while the whole application is up: started when it is ready, stopped when it begins to
 * close (before the data source and Axon stop), letting deadlines in progress finish.
 * <p>
 * Unlike the buses, the deadline manager registers no correlation data providers: without them an event applied by a
 * deadline handler would carry no audit metadata at all, instead of the metadata its deadline was scheduled with.
 */
@Component
class DeadlineSchedulerLifecycle {

    private final Scheduler scheduler;

    DeadlineSchedulerLifecycle(Scheduler scheduler, DeadlineManager deadlineManager,
                               List<CorrelationDataProvider> correlationDataProviders) {
        this.scheduler = scheduler;
        deadlineManager.registerHandlerInterceptor(new CorrelationDataInterceptor<>(correlationDataProviders));
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        scheduler.start();
    }

    @EventListener(ContextClosedEvent.class)
    void stop() {
        scheduler.stop();
    }
}
