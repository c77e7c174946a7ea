package dev.eventcrm.command.eventstore;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Aggregates kept in memory between commands ({@code crm.aggregates.*}).
 *
 * @param cacheSize     aggregates cached per type (sound with one writer per aggregate; see README, scaling)
 * @param snapshotEvery a snapshot every this many events, so that a cache miss never replays a long stream
 */
@ConfigurationProperties("crm.aggregates")
public record AggregateProperties(
        @DefaultValue("50000") int cacheSize,
        @DefaultValue("100") int snapshotEvery) {
}
