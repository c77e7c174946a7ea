package dev.eventcrm.command.nextstep;

import dev.eventcrm.events.task.TaskType;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The default next step that automation gives a deal left without one ({@code crm.automation.next-step.*}).
 *
 * @param defaultDue  how long after it is created the default next step is due
 * @param defaultType its task type
 * @param defaultNote its note
 */
@ConfigurationProperties("crm.automation.next-step")
public record NextStepProperties(
        @DefaultValue("1d") Duration defaultDue,
        @DefaultValue("OTHER") TaskType defaultType,
        @DefaultValue("Plan the next step") String defaultNote) {
}
