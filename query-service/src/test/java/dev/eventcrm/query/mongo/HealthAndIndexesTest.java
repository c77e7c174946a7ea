package dev.eventcrm.query.mongo;

import java.time.Duration;
import java.util.List;

import dev.eventcrm.query.QueryServiceIntegrationTest;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class HealthAndIndexesTest extends QueryServiceIntegrationTest {

    @Autowired
    IndexInitializer indexes;

    @Test
    void healthReportsTheReadModelDatabaseUp() {
        client.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components.queryMongo.status").isEqualTo("UP")
                .jsonPath("$.components.queryMongo.details.database").isEqualTo("crm-query-test");
    }

    @Test
    void createsTheQueryIndexesAtStartupAndAgainWithoutError() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(indexKeys("changes")).contains(new Document("position", 1),
                    new Document("aggregateId", 1).append("position", 1));
            assertThat(indexKeys("deals")).contains(new Document("stage", 1).append("_id", 1),
                    new Document("ownerId", 1).append("_id", 1), new Document("pipelineId", 1).append("_id", 1),
                    new Document("pipelineId", 1).append("stage", 1).append("updatedAt", -1).append("_id", 1));
            assertThat(indexKeys("users")).contains(new Document("teamId", 1).append("_id", 1),
                    new Document("role", 1).append("_id", 1));
            assertThat(indexKeys("tasks")).contains(
                    new Document("assigneeId", 1).append("status", 1).append("dueAt", 1).append("_id", 1),
                    new Document("status", 1).append("dueAt", 1).append("_id", 1),
                    new Document("contactId", 1).append("dueAt", 1).append("_id", 1),
                    new Document("dealId", 1).append("dueAt", 1).append("_id", 1));
            assertThat(indexKeys("timeline")).contains(
                    new Document("contactId", 1).append("occurredAt", 1).append("_id", 1),
                    new Document("dealId", 1).append("occurredAt", 1).append("_id", 1));
            assertThat(indexKeys("contacts")).contains(new Document("mergedInto", 1));
            assertThat(indexKeys("invoices")).contains(
                    new Document("status", 1).append("dueDate", 1).append("_id", 1),
                    new Document("dealId", 1).append("dueDate", 1).append("_id", 1),
                    new Document("contactId", 1).append("dueDate", 1).append("_id", 1));
            assertThat(indexKeys("quotas")).contains(new Document("managerId", 1), new Document("teamId", 1));
        });
        List<Document> changeIndexes = Flux.from(database.getCollection("changes").listIndexes()).collectList()
                .block(TIMEOUT);
        assertThat(changeIndexes).filteredOn(index -> index.get("key").equals(new Document("position", 1)))
                .singleElement().satisfies(index -> assertThat(index.getBoolean("unique")).isTrue());

        indexes.createMissing().block(TIMEOUT);
    }

    /** As after a projection rebuild replaced the collection an index was created on: the next check creates it. */
    @Test
    void anIndexThatGoesMissingIsCreatedAgainByTheNextCheck() {
        Document byManager = new Document("managerId", 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> indexKeys("quotas").contains(byManager));
        Mono.from(database.getCollection("quotas").dropIndex("managerId_1")).block(TIMEOUT);
        assertThat(indexKeys("quotas")).doesNotContain(byManager);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(indexKeys("quotas")).contains(byManager));
    }

    private List<Object> indexKeys(String collection) {
        return Flux.from(database.getCollection(collection).listIndexes()).map(index -> index.get("key"))
                .collectList().block(TIMEOUT);
    }
}
