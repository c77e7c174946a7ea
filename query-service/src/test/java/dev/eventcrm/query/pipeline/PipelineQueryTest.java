package dev.eventcrm.query.pipeline;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.eventcrm.query.QueryServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;

import static dev.eventcrm.query.pipeline.PipelineFixtures.pipeline;
import static dev.eventcrm.query.pipeline.PipelineFixtures.stage;
import static org.assertj.core.api.Assertions.assertThat;

class PipelineQueryTest extends QueryServiceIntegrationTest {

    @Test
    void returnsThePipelineWithItsStagesInOrderAndItsVersionAsEntityTag() {
        String id = "pipeline-" + UUID.randomUUID();
        insert("pipelines", pipeline(id, "Enterprise", 4, stage("LEAD", "Lead", 10, "OPEN"),
                stage("DEMO", "Demo", 40, "OPEN"), stage("WON", "Won", 100, "WON"), stage("LOST", "Lost", 0, "LOST")));

        client.get().uri("/api/v1/pipelines/{id}", id).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"4\"")
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$._id").doesNotExist()
                .jsonPath("$.applied").doesNotExist()
                .jsonPath("$.rev").doesNotExist()
                .jsonPath("$.id").isEqualTo(id)
                .jsonPath("$.name").isEqualTo("Enterprise")
                .jsonPath("$.stages[*].id").isEqualTo(List.of("LEAD", "DEMO", "WON", "LOST"))
                .jsonPath("$.stages[1].name").isEqualTo("Demo")
                .jsonPath("$.stages[1].probability").isEqualTo(40)
                .jsonPath("$.stages[1].kind").isEqualTo("OPEN")
                .jsonPath("$.stages[2].kind").isEqualTo("WON")
                .jsonPath("$.version").isEqualTo(4)
                .jsonPath("$.updatedAt").isEqualTo("2026-11-23T09:30:00.000Z");
    }

    @SuppressWarnings("unchecked")
    @Test
    void listsThePipelinesInIdOrder() {
        String prefix = "list-" + UUID.randomUUID() + "-";
        insert("pipelines", pipeline(prefix + "b", "Partners", 0, stage("NEW", "New", 10, "OPEN")));
        insert("pipelines", pipeline(prefix + "a", "Enterprise", 2, stage("LEAD", "Lead", 10, "OPEN")));

        Map<String, Object> list = client.get().uri("/api/v1/pipelines").exchange()
                .expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { })
                .returnResult().getResponseBody();
        List<Map<String, Object>> items = (List<Map<String, Object>>) list.get("items");
        List<String> ids = items.stream().map(item -> (String) item.get("id")).toList();
        assertThat(ids).isSorted();
        assertThat(ids.stream().filter(itemId -> itemId.startsWith(prefix))).containsExactly(prefix + "a",
                prefix + "b");
        assertThat(items).filteredOn(item -> item.get("id").equals(prefix + "a")).singleElement()
                .satisfies(item -> assertThat(item).containsEntry("name", "Enterprise").containsEntry("version", 2)
                        .doesNotContainKey("applied"));
    }

    @Test
    void unknownPipelineIsNotFoundProblem() {
        client.get().uri("/api/v1/pipelines/{id}", "pipeline-missing").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://eventcrm.dev/problems/not-found")
                .jsonPath("$.detail").isEqualTo("Pipeline pipeline-missing does not exist");
    }
}
