package dev.eventcrm.command.automation;

import com.github.kagkarlsson.scheduler.Scheduler;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Runs due deadlines only while the whole application is up: started when it is ready, stopped when it begins to
 * close (before the data source and Axon stop), waiting for deadlines in progress.
 */
@Component
class DeadlineSchedulerLifecycle {

    private final Scheduler scheduler;

    DeadlineSchedulerLifecycle(Scheduler scheduler) {
        this.scheduler = scheduler;
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
