package dev.eventcrm.command.eventstore;

import dev.eventcrm.command.CommandServiceApplication;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The H2 event store keeps payloads in the row, not in H2's LOB storage (see V13_1__inline_binary_payloads.sql). */
@SpringBootTest(classes = CommandServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "crm.eventstore.url=jdbc:h2:mem:command-api;DB_CLOSE_DELAY=-1",
                "crm.publication.enabled=false",
                "axon.axonserver.enabled=false"})
@AutoConfigureWebTestClient // the API tests' configuration, so their context is reused
class H2EventStoreSchemaTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void eventPayloadsMetadataAndStoredAnswersAreNoLobs() {
        List<String> types = jdbc.queryForList("SELECT TABLE_NAME || '.' || COLUMN_NAME || ' ' || DATA_TYPE "
                + "FROM INFORMATION_SCHEMA.COLUMNS WHERE (TABLE_NAME IN ('DOMAINEVENTENTRY', 'SNAPSHOTEVENTENTRY') "
                + "AND COLUMN_NAME IN ('PAYLOAD', 'METADATA')) OR (TABLE_NAME = 'IDEMPOTENCY_KEY' AND COLUMN_NAME = 'BODY')",
                String.class);
        assertThat(types).containsExactlyInAnyOrder(
                "DOMAINEVENTENTRY.PAYLOAD BINARY VARYING", "DOMAINEVENTENTRY.METADATA BINARY VARYING",
                "SNAPSHOTEVENTENTRY.PAYLOAD BINARY VARYING", "SNAPSHOTEVENTENTRY.METADATA BINARY VARYING",
                "IDEMPOTENCY_KEY.BODY CHARACTER VARYING");
    }
}
