package dev.eventcrm.command.automation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Automation's scheduling ({@code crm.automation.*}).
 *
 * @param deadlinePoll     how often each instance looks for due deadlines: a deadline fires at most this late
 * @param heartbeat        how often an instance marks the deadlines it is running as alive
 * @param missedHeartbeats after this many missed heartbeats, a deadline claimed by an instance that died is run again
 *                         by another (its handlers are idempotent)
 * @param deadlineThreads  deadlines run in parallel per instance
 * @param shutdownWait     how long a stopping instance lets running deadlines finish; one cut off runs again later
 */
@ConfigurationProperties("crm.automation")
public record AutomationProperties(
        @DefaultValue("1s") Duration deadlinePoll,
        @DefaultValue("10s") Duration heartbeat,
        @DefaultValue("4") int missedHeartbeats,
        @DefaultValue("2") int deadlineThreads,
        @DefaultValue("10s") Duration shutdownWait) {
}
