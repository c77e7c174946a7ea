package dev.eventcrm.projections;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code crm.projections.*}.
 *
 * @param enabled         whether the runner consumes {@code crm.kafka.topic} at all
 * @param groupId         Kafka consumer group; also part of the keys of the offsets stored in MongoDB
 * @param instanceId      optional static group membership ({@code group.instance.id}), unique per instance: a
 *                        restarted instance takes its partitions back at once instead of waiting for the dead
 *                        member's session to expire
 * @param historyUrl      base URL of the command-service serving aggregate histories (gap healing)
 * @param historyTimeout  timeout of one history request
 * @param storeTimeout    timeout of one blocking MongoDB call in the runner thread
 * @param maxRetryBackoff cap of the backoff between retries of a record that failed to apply
 */
@ConfigurationProperties("crm.projections")
public record ProjectionsProperties(
        Boolean enabled,
        String groupId,
        String instanceId,
        String historyUrl,
        Duration historyTimeout,
        Duration storeTimeout,
        Duration maxRetryBackoff) {

    public ProjectionsProperties {
        enabled = enabled == null || enabled;
        groupId = groupId == null || groupId.isBlank() ? "crm-projections" : groupId;
        historyUrl = historyUrl == null || historyUrl.isBlank() ? "http://localhost:8080" : historyUrl;
        historyTimeout = historyTimeout == null ? Duration.ofSeconds(5) : historyTimeout;
        storeTimeout = storeTimeout == null ? Duration.ofSeconds(10) : storeTimeout;
        maxRetryBackoff = maxRetryBackoff == null ? Duration.ofSeconds(5) : maxRetryBackoff;
    }

    /** All defaults. */
    public static ProjectionsProperties defaults() {
        return new ProjectionsProperties(null, null, null, null, null, null, null);
    }

    public boolean isEnabled() {
        return enabled;
    }
}
