package dev.eventcrm.query;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code crm.query.*}.
 *
 * @param defaultPageSize        page size of list endpoints when no {@code limit} is given
 * @param maxPageSize            largest accepted {@code limit}
 * @param readYourWritesTimeout  how long {@code minVersion} reads wait for the read model before answering 504
 * @param streamPollInterval     how often the shared poller looks for new changes
 * @param streamHeartbeat        interval of SSE comment heartbeats that keep idle connections open
 */
@ConfigurationProperties("crm.query")
public record QueryProperties(
        @DefaultValue("50") int defaultPageSize,
        @DefaultValue("200") int maxPageSize,
        @DefaultValue("2s") Duration readYourWritesTimeout,
        @DefaultValue("50ms") Duration streamPollInterval,
        @DefaultValue("15s") Duration streamHeartbeat) {

    public QueryProperties {
        if (maxPageSize < 1 || defaultPageSize < 1 || defaultPageSize > maxPageSize) {
            throw new IllegalArgumentException("crm.query: need 1 <= default-page-size <= max-page-size, got "
                    + defaultPageSize + " and " + maxPageSize);
        }
        requirePositive("read-your-writes-timeout", readYourWritesTimeout);
        requirePositive("stream-poll-interval", streamPollInterval);
        requirePositive("stream-heartbeat", streamHeartbeat);
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("crm.query." + name + " must be positive, got " + value);
        }
    }
}
