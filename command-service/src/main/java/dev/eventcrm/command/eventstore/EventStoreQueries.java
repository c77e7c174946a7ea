package dev.eventcrm.command.eventstore;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** Reads on the event store that Axon's API does not offer. */
@Component
public class EventStoreQueries {

    private final JdbcTemplate jdbc;

    EventStoreQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The aggregate type ("Deal", "Contact", ...) of an existing aggregate. */
    public Optional<String> aggregateType(String aggregateId) {
        return jdbc.queryForList(
                "SELECT type FROM DomainEventEntry WHERE aggregateIdentifier = ? AND sequenceNumber = 0",
                String.class, aggregateId).stream().findFirst();
    }

    public boolean exists(String aggregateId, String aggregateType) {
        return aggregateType(aggregateId).filter(aggregateType::equals).isPresent();
    }
}
