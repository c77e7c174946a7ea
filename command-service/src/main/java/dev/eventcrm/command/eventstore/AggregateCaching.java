package dev.eventcrm.command.eventstore;

import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.snapshotting.RevisionSnapshotFilter;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import dev.eventcrm.command.company.Company;
import dev.eventcrm.command.contact.Contact;
import dev.eventcrm.command.deal.Deal;
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
    public static final String DEAL_SNAPSHOT_FILTER = "dealSnapshotFilter";
    /** Bumped whenever the Deal's fields change: snapshots of another revision are ignored and the events replayed. */
    public static final String DEAL_REVISION = "2";
    public static final String CONTACT_SNAPSHOT_FILTER = "contactSnapshotFilter";
    /** 3: the contact's company. */
    public static final String CONTACT_REVISION = "3";
    public static final String COMPANY_CACHE = "companyCache";
    public static final String COMPANY_SNAPSHOT_FILTER = "companySnapshotFilter";
    public static final String COMPANY_REVISION = "1";

    @Bean(DEAL_CACHE)
    Cache dealCache(AggregateProperties properties) {
        return new BoundedAggregateCache(properties.cacheSize());
    }

    @Bean(CONTACT_CACHE)
    Cache contactCache(AggregateProperties properties) {
        return new BoundedAggregateCache(properties.cacheSize());
    }

    @Bean(COMPANY_CACHE)
    Cache companyCache(AggregateProperties properties) {
        return new BoundedAggregateCache(properties.cacheSize());
    }

    @Bean(DEAL_SNAPSHOT_FILTER)
    SnapshotFilter dealSnapshotFilter() {
        return RevisionSnapshotFilter.builder().type(Deal.class).revision(DEAL_REVISION).build();
    }

    @Bean(CONTACT_SNAPSHOT_FILTER)
    SnapshotFilter contactSnapshotFilter() {
        return RevisionSnapshotFilter.builder().type(Contact.class).revision(CONTACT_REVISION).build();
    }

    @Bean(COMPANY_SNAPSHOT_FILTER)
    SnapshotFilter companySnapshotFilter() {
        return RevisionSnapshotFilter.builder().type(Company.class).revision(COMPANY_REVISION).build();
    }

    @Bean(SNAPSHOT_TRIGGER)
    SnapshotTriggerDefinition eventCountSnapshotTrigger(Snapshotter snapshotter, AggregateProperties properties) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, properties.snapshotEvery());
    }
}
