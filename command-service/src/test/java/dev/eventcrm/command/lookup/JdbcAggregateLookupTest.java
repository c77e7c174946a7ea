package dev.eventcrm.command.lookup;

import dev.eventcrm.command.eventstore.AggregateProperties;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Which answers the lookup remembers: only aggregates found by a committed transaction. */
class JdbcAggregateLookupTest {

    private JdbcTemplate jdbc;
    private TransactionTemplate transaction;
    private JdbcAggregateLookup lookup;

    @BeforeEach
    void eventStore() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:lookup-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/h2").load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        lookup = new JdbcAggregateLookup(jdbc, new AggregateProperties(100, 100));
    }

    private void forget(String id) {
        jdbc.update("DELETE FROM aggregate_lookup WHERE aggregate_id = ?", id);
    }

    @Test
    void anAggregateFoundOnceIsFoundAgainWithoutTheDatabase() {
        lookup.register("deal-1", AggregateLookup.DEAL);
        Boolean found = transaction.execute(status -> lookup.exists("deal-1", AggregateLookup.DEAL));
        assertThat(found).isTrue();

        forget("deal-1"); // rows are never deleted; here it shows that the second answer is not read from the table
        assertThat(lookup.exists("deal-1", AggregateLookup.DEAL)).isTrue();
        assertThat(lookup.exists("deal-1", AggregateLookup.CONTACT)).as("the type is part of the key").isFalse();
    }

    @Test
    void aMissIsNotRememberedSoAnAggregateCreatedLaterIsFound() {
        assertThat(lookup.exists("deal-2", AggregateLookup.DEAL)).isFalse();

        lookup.register("deal-2", AggregateLookup.DEAL);

        assertThat(lookup.exists("deal-2", AggregateLookup.DEAL)).isTrue();
    }

    @Test
    void aRowSeenInsideTheTransactionThatCreatedItIsForgottenWhenThatTransactionRollsBack() {
        Boolean seenInside = transaction.execute(status -> {
            lookup.register("deal-3", AggregateLookup.DEAL);
            boolean exists = lookup.exists("deal-3", AggregateLookup.DEAL);
            status.setRollbackOnly();
            return exists;
        });

        assertThat(seenInside).isTrue();
        assertThat(lookup.exists("deal-3", AggregateLookup.DEAL)).isFalse();
    }
}
