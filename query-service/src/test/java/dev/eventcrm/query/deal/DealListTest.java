package dev.eventcrm.query.deal;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.eventcrm.query.QueryServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.core.ParameterizedTypeReference;

import static dev.eventcrm.query.deal.DealFixtures.deal;
import static dev.eventcrm.query.pipeline.PipelineFixtures.pipeline;
import static dev.eventcrm.query.pipeline.PipelineFixtures.stage;
import static org.assertj.core.api.Assertions.assertThat;

class DealListTest extends QueryServiceIntegrationTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    @Test
    void pagesThroughFilteredDealsInIdOrderWithAStableCursorWhileDealsAreAdded() {
        String owner = "owner-" + UUID.randomUUID();
        String prefix = "list-" + UUID.randomUUID() + "-";
        for (String suffix : List.of("05", "01", "03", "02", "04")) {
            insert("deals", deal(prefix + suffix, "QUALIFIED", owner, 0));
        }
        insert("deals", deal(prefix + "06", "WON", owner, 0));
        insert("deals", deal(prefix + "07", "QUALIFIED", "someone-else", 0));

        Map<String, Object> first = page("stage=QUALIFIED&ownerId=" + owner + "&limit=2");
        assertThat(ids(first)).containsExactly(prefix + "01", prefix + "02");
        assertThat(first.get("nextCursor")).isNotNull();

        // Lands before the cursor (must not appear) and after it (must appear exactly once).
        insert("deals", deal(prefix + "00", "QUALIFIED", owner, 0));
        insert("deals", deal(prefix + "035", "QUALIFIED", owner, 0));

        List<String> seen = new ArrayList<>(ids(first));
        Object cursor = first.get("nextCursor");
        while (cursor != null) {
            Map<String, Object> next = page("stage=QUALIFIED&ownerId=" + owner + "&limit=2&cursor=" + cursor);
            seen.addAll(ids(next));
            cursor = next.get("nextCursor");
        }
        assertThat(seen).containsExactly(prefix + "01", prefix + "02", prefix + "03", prefix + "035",
                prefix + "04", prefix + "05");
    }

    @Test
    void dealsAreFilteredByLeadSource() {
        String owner = "owner-" + UUID.randomUUID();
        String fromAds = "source-" + UUID.randomUUID();
        insert("deals", deal(fromAds, "QUALIFIED", owner, 0).append("source", "ads-november"));
        insert("deals", deal("source-" + UUID.randomUUID(), "QUALIFIED", owner, 0));

        assertThat(ids(page("ownerId=" + owner + "&source=ads-november"))).containsExactly(fromAds);
        assertThat(ids(page("ownerId=" + owner + "&source=web"))).hasSize(1).doesNotContain(fromAds);
    }

    @Test
    void lastFullPageHasNoNextCursor() {
        String owner = "owner-" + UUID.randomUUID();
        insert("deals", deal("exact-" + UUID.randomUUID(), "QUALIFIED", owner, 0));
        insert("deals", deal("exact-" + UUID.randomUUID(), "QUALIFIED", owner, 0));

        Map<String, Object> page = page("ownerId=" + owner + "&limit=2");
        assertThat(ids(page)).hasSize(2);
        assertThat(page).containsEntry("nextCursor", null);
    }

    @Test
    void itemsHaveTheDealShape() {
        String owner = "owner-" + UUID.randomUUID();
        insert("deals", deal("shape-" + UUID.randomUUID(), "QUALIFIED", owner, 7));

        client.get().uri("/api/v1/deals?ownerId={o}", owner).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.items[0].amount.value").isEqualTo("1500.00")
                .jsonPath("$.items[0].openedAt").isEqualTo("2026-11-22T20:11:25.123Z")
                .jsonPath("$.items[0].version").isEqualTo(7)
                .jsonPath("$.items[0]._id").doesNotExist()
                .jsonPath("$.items[0].applied").doesNotExist()
                .jsonPath("$.nextCursor").isEmpty();
    }

    @Test
    void limitAboveMaximumOrBelowOneOrNonNumericIsValidationFailure() {
        for (String bad : List.of("201", "0", "-3", "many")) {
            client.get().uri("/api/v1/deals?limit={l}", bad).exchange()
                    .expectStatus().isBadRequest()
                    .expectBody()
                    .jsonPath("$.type").isEqualTo("https://eventcrm.dev/problems/validation-failed")
                    .jsonPath("$.errors[0].field").isEqualTo("limit");
        }
        client.get().uri("/api/v1/deals?limit=200").exchange().expectStatus().isOk();
    }

    @Test
    void malformedCursorIsValidationFailure() {
        String notUtf8 = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[] {(byte) 0xff, (byte) 0xfe});
        for (String bad : List.of("***", notUtf8, "a")) {
            client.get().uri("/api/v1/deals?cursor={c}", bad).exchange()
                    .expectStatus().isBadRequest()
                    .expectBody()
                    .jsonPath("$.type").isEqualTo("https://eventcrm.dev/problems/validation-failed")
                    .jsonPath("$.errors[0].field").isEqualTo("cursor");
        }
    }

    private Map<String, Object> page(String query) {
        return client.get().uri("/api/v1/deals?" + query).exchange()
                .expectStatus().isOk()
                .expectBody(JSON).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    @Test
    void anUnknownStageInTheFilterIsABadRequestNamingStage() {
        client.get().uri("/api/v1/deals?stage=SIGNED").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("stage")
                .jsonPath("$.errors[0].message").value(message -> assertThat((String) message).contains("QUALIFIED"));
    }

    @Test
    void theStageFilterKnowsTheStagesOfCustomPipelines() {
        String pipelineId = "custom-" + UUID.randomUUID();
        String stage = "DEMO-" + UUID.randomUUID();
        String owner = "owner-" + UUID.randomUUID();
        insert("pipelines", pipeline(pipelineId, "Partners", 1, stage("INTRO", "Intro", 10, "OPEN"),
                stage(stage, "Demo", 40, "OPEN"), stage("SIGNED", "Signed", 100, "WON")));
        String id = "custom-deal-" + UUID.randomUUID();
        insert("deals", deal(id, stage, owner, 2).append("pipelineId", pipelineId));
        insert("deals", deal("default-deal-" + UUID.randomUUID(), "QUALIFIED", owner, 2));

        assertThat(ids(page("stage=" + stage + "&ownerId=" + owner))).containsExactly(id);
        assertThat(ids(page("pipelineId=" + pipelineId + "&stage=" + stage + "&ownerId=" + owner)))
                .containsExactly(id);
        assertThat(ids(page("pipelineId=" + pipelineId + "&ownerId=" + owner))).containsExactly(id);

        client.get().uri("/api/v1/deals?pipelineId={p}&stage=QUALIFIED", pipelineId).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("stage")
                .jsonPath("$.errors[0].message").value(message -> assertThat((String) message).contains(stage)
                        .contains("INTRO").doesNotContain("QUALIFIED"));
        client.get().uri("/api/v1/deals?stage=NOT-{s}", stage).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("stage");
    }

    @Test
    void anUnknownPipelineInTheFilterIsABadRequestNamingPipelineId() {
        client.get().uri("/api/v1/deals?pipelineId=no-such-pipeline&stage=QUALIFIED").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://eventcrm.dev/problems/validation-failed")
                .jsonPath("$.errors[0].field").isEqualTo("pipelineId");
    }

    @Test
    void theStatusFilterKeepsDealsOfThatStatus() {
        String owner = "owner-" + UUID.randomUUID();
        String won = "won-" + UUID.randomUUID();
        insert("deals", deal(won, "WON", owner, 3).append("status", "WON"));
        insert("deals", deal("open-" + UUID.randomUUID(), "QUALIFIED", owner, 1));

        assertThat(ids(page("status=WON&ownerId=" + owner))).containsExactly(won);
        assertThat(ids(page("status=OPEN&ownerId=" + owner))).hasSize(1).doesNotContain(won);
        client.get().uri("/api/v1/deals?status=won").exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("status")
                .jsonPath("$.errors[0].message").value(message -> assertThat((String) message).contains("LOST"));
    }

    @Test
    void withoutNextStepListsOnlyOpenDealsThatHaveNone() {
        String owner = "owner-" + UUID.randomUUID();
        String forgotten = "forgotten-" + UUID.randomUUID();
        insert("deals", deal(forgotten, "QUALIFIED", owner, 2).append("nextSteps", List.of())
                .append("nextStepTaskId", null));
        String planned = "planned-" + UUID.randomUUID();
        insert("deals", deal(planned, "QUALIFIED", owner, 2));
        insert("deals", deal("won-" + UUID.randomUUID(), "WON", owner, 3).append("status", "WON")
                .append("nextSteps", List.of()).append("nextStepTaskId", null));

        assertThat(ids(page("withoutNextStep=true&ownerId=" + owner))).containsExactly(forgotten);
        assertThat(ids(page("withoutNextStep=false&ownerId=" + owner))).hasSize(3);
        client.get().uri("/api/v1/deals/{id}", forgotten).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.nextStepTaskId").isEmpty();
        client.get().uri("/api/v1/deals/{id}", planned).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.nextStepTaskId").isEqualTo("task-" + planned);
        client.get().uri("/api/v1/deals?withoutNextStep=yes").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("withoutNextStep");
    }

    private static List<String> ids(Map<String, Object> page) {
        return ((List<Map<String, Object>>) page.get("items")).stream().map(item -> (String) item.get("id")).toList();
    }
}
