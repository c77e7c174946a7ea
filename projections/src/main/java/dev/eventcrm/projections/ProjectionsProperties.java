package dev.eventcrm.projections;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code crm.projections.*}.
 *
 * @param enabled            whether the runner consumes {@code crm.kafka.topic} at all
 * @param groupId            Kafka consumer group of the runner (positions themselves are kept per projection in MongoDB)
 * @param instanceId         optional static group membership ({@code group.instance.id}), unique per instance: a
 *                           restarted instance takes its partitions back at once instead of waiting for the dead
 *                           member's session to expire
 * @param historyUrl         base URL of the command-service serving aggregate histories (gap healing) and the global
 *                           event log (rebuilds)
 * @param historyTimeout     timeout of one history request
 * @param storeTimeout       timeout of one blocking MongoDB call in the runner thread
 * @param maxRetryBackoff    cap of the backoff between retries of a batch that failed to apply
 * @param maxBatch           most records folded and written together ({@code max.poll.records})
 * @param storeCommitCommand a command that makes the store durable after each batch (the embedded MongoDB's
 *                           {@code crmCommit}); unset for a real MongoDB
 * @param rebuildPageSize    events read from the event store and written together during a rebuild
 * @param autoRebuild        whether a projection whose stored version differs from the code's (or that is new) is
 *                           rebuilt from the event store at startup
 */
@ConfigurationProperties("crm.projections")
public record ProjectionsProperties(
        Boolean enabled,
        String groupId,
        String instanceId,
        String historyUrl,
        Duration historyTimeout,
        Duration storeTimeout,
        Duration maxRetryBackoff,
        Integer maxBatch,
        String storeCommitCommand,
        Integer rebuildPageSize,
        Boolean autoRebuild) {

    public ProjectionsProperties {
        enabled = enabled == null || enabled;
        groupId = groupId == null || groupId.isBlank() ? "crm-projections" : groupId;
        historyUrl = historyUrl == null || historyUrl.isBlank() ? "http://localhost:8080" : historyUrl;
        historyTimeout = historyTimeout == null ? Duration.ofSeconds(5) : historyTimeout;
        storeTimeout = storeTimeout == null ? Duration.ofSeconds(10) : storeTimeout;
        maxRetryBackoff = maxRetryBackoff == null ? Duration.ofSeconds(5) : maxRetryBackoff;
        maxBatch = maxBatch == null ? 1000 : maxBatch;
        rebuildPageSize = rebuildPageSize == null ? 2000 : rebuildPageSize;
        autoRebuild = autoRebuild == null || autoRebuild;
    }

    /** All defaults. */
    public static ProjectionsProperties defaults() {
        return new ProjectionsProperties(null, null, null, null, null, null, null, null, null, null, null);
    }

    public boolean isEnabled() {
        return enabled;
    }
}
