package dev.eventcrm.command.pipeline;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * Pipelines and deal closing ({@code crm.pipelines.*}).
 *
 * @param stageCacheTtl how long a command-service instance may decide a deal move (forward or regression) on a
 *                      stage order another instance has changed since; never whether the stage exists
 * @param lossReasons   the reasons a deal may be lost for; {@code unspecified} is always accepted as well
 */
@ConfigurationProperties("crm.pipelines")
public record PipelineProperties(
        @DefaultValue("5s") Duration stageCacheTtl,
        @DefaultValue({"price", "competitor", "no-budget", "no-decision", "timing", "unreachable", "other"})
        List<String> lossReasons) {
}
