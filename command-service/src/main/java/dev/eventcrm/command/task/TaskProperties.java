package dev.eventcrm.command.task;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Tasks ({@code crm.tasks.*}).
 *
 * @param reminderLead how long before a task's due time its assignee is reminded, besides the reminder at the due
 *                     time itself; 0 for that one only
 */
@ConfigurationProperties("crm.tasks")
public record TaskProperties(@DefaultValue("15m") Duration reminderLead) {

    public TaskProperties {
        if (reminderLead.isNegative()) {
            throw new IllegalArgumentException("crm.tasks.reminder-lead must not be negative, got " + reminderLead);
        }
    }
}
