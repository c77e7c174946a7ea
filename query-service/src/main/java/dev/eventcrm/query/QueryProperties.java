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
 * @param streamPollInterval     how often the change-feed reader polls the durable head when not woken (and how
 *                               often {@code minVersion} reads look again)
 * @param streamHeartbeat        interval of SSE comment heartbeats that keep idle connections open
 * @param streamSubscriberBuffer changes buffered per SSE subscriber; a subscriber that falls further behind has its
 *                               stream completed and resumes with {@code Last-Event-ID}
 * @param streamRingSize         recent changes kept in memory, from which subscribers join the live stream
 * @param streamProgressInterval how often projection rebuild progress is looked up while anyone subscribes
 * @param boardDealsPerStage     deal cards per stage on a pipeline board when no {@code dealsPerStage} is given
 * @param maxBoardDealsPerStage  largest accepted {@code dealsPerStage}
 * @param reportCacheDeals       deals of counted funnel cohorts kept in memory (least recently used go first); a
 *                               kept cohort is brought up to date with the deals changed since it was counted
 *                               before it answers
 * @param funnelRefreshInterval  how often the funnel's deals in memory are brought up to date without a request, so
 *                               that the first request after a quiet spell or a catch-up finds them nearly current
 * @param indexCheckInterval     how often the read-model indexes are looked for and the missing ones created again: a
 *                               projection rebuild replaces its collection with one built beside it, and an index
 *                               created on the old one after the rebuild copied its indexes is gone with it
 */
@ConfigurationProperties("crm.query")
public record QueryProperties(
        @DefaultValue("50") int defaultPageSize,
        @DefaultValue("200") int maxPageSize,
        @DefaultValue("2s") Duration readYourWritesTimeout,
        @DefaultValue("50ms") Duration streamPollInterval,
        @DefaultValue("15s") Duration streamHeartbeat,
        @DefaultValue("1000") int streamSubscriberBuffer,
        @DefaultValue("10000") int streamRingSize,
        @DefaultValue("500ms") Duration streamProgressInterval,
        @DefaultValue("50") int boardDealsPerStage,
        @DefaultValue("500") int maxBoardDealsPerStage,
        @DefaultValue("500000") long reportCacheDeals,
        @DefaultValue("1s") Duration funnelRefreshInterval,
        @DefaultValue("1m") Duration indexCheckInterval) {

    public QueryProperties {
        if (maxPageSize < 1 || defaultPageSize < 1 || defaultPageSize > maxPageSize) {
            throw new IllegalArgumentException("crm.query: need 1 <= default-page-size <= max-page-size, got "
                    + defaultPageSize + " and " + maxPageSize);
        }
        if (maxBoardDealsPerStage < 1 || boardDealsPerStage < 1 || boardDealsPerStage > maxBoardDealsPerStage) {
            throw new IllegalArgumentException("crm.query: need 1 <= board-deals-per-stage <= "
                    + "max-board-deals-per-stage, got " + boardDealsPerStage + " and " + maxBoardDealsPerStage);
        }
        if (reportCacheDeals < 0) {
            throw new IllegalArgumentException("crm.query.report-cache-deals must not be negative, got "
                    + reportCacheDeals);
        }
        requirePositive("read-your-writes-timeout", readYourWritesTimeout);
        requirePositive("stream-poll-interval", streamPollInterval);
        requirePositive("stream-heartbeat", streamHeartbeat);
        requirePositive("stream-progress-interval", streamProgressInterval);
        requirePositive("funnel-refresh-interval", funnelRefreshInterval);
        requirePositive("index-check-interval", indexCheckInterval);
        if (streamSubscriberBuffer < 1 || streamRingSize < 1) {
            throw new IllegalArgumentException("crm.query: stream-subscriber-buffer and stream-ring-size must be "
                    + "positive, got " + streamSubscriberBuffer + " and " + streamRingSize);
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("crm.query." + name + " must be positive, got " + value);
        }
    }
}
