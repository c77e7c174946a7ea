package dev.eventcrm.command.eventstore;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class UniqueViolationResolverTest {

    private final UniqueViolationResolver resolver = new UniqueViolationResolver();

    @Test
    void aUniqueViolationIsRecognisedBySqlStateWhereverItIsInTheCauseChain() {
        // PostgreSQL reports vendor code 0 for every error: only the SQLState tells
        SQLException postgres = new SQLException("duplicate key value violates unique constraint", "23505", 0);
        assertThat(resolver.isDuplicateKeyViolation(postgres)).isTrue();
        assertThat(resolver.isDuplicateKeyViolation(new RuntimeException(new IllegalStateException(postgres))))
                .isTrue();
        assertThat(resolver.isDuplicateKeyViolation(new SQLException("Unique index violation", "23505", 23505)))
                .isTrue();
    }

    @Test
    void otherFailuresAreNotConflicts() {
        assertThat(resolver.isDuplicateKeyViolation(new SQLException("not null", "23502", 0))).isFalse();
        assertThat(resolver.isDuplicateKeyViolation(new SQLException("connection lost", "08006", 0))).isFalse();
        assertThat(resolver.isDuplicateKeyViolation(new IllegalStateException())).isFalse();
    }
}
