package dev.eventcrm.command.eventstore;

import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Caches and snapshot triggers named by the aggregates' {@code @Aggregate} annotations. One cache per aggregate type:
 * an id of one type looked up in another type's repository must miss, never return a foreign aggregate.
 */
@Configuration(proxyBeanMethods = false)
public class AggregateCaching {

    public static final String DEAL_CACHE = "dealCache";
    public static final String CONTACT_CACHE = "contactCache";
    public static final String SNAPSHOT_TRIGGER = "eventCountSnapshotTrigger";

    @Bean(DEAL_CACHE)
    Cache dealCache(AggregateProperties properties) {
        return new BoundedAggregateCache(properties.cacheSize());
    }

    @Bean(CONTACT_CACHE)
    Cache contactCache(AggregateProperties properties) {
        return new BoundedAggregateCache(properties.cacheSize());
    }

    @Bean(SNAPSHOT_TRIGGER)
    SnapshotTriggerDefinition eventCountSnapshotTrigger(Snapshotter snapshotter, AggregateProperties properties) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, properties.snapshotEvery());
    }
}
