package dev.eventcrm.query.task;

import dev.eventcrm.query.QueryServiceIntegrationTest;
import dev.eventcrm.query.web.IdCursor;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.eventcrm.query.task.TaskFixtures.completed;
import static dev.eventcrm.query.task.TaskFixtures.task;
import static dev.eventcrm.query.task.TaskFixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

class TaskQueryTest extends QueryServiceIntegrationTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT =
            new ParameterizedTypeReference<>() { };

    /** 14:30 in UTC: 16:30 on the 24th in Kaliningrad (UTC+2), 00:30 on the 25th in Vladivostok (UTC+10). */
    private static final Instant NOW = Instant.parse("2026-11-24T14:30:00Z");

    @Test
    void returnsTheTaskWithItsVersionAsEntityTag() {
        String id = "task-" + UUID.randomUUID();
        insert("tasks", completed(task(id, "anna", Instant.parse("2026-11-25T09:00:00Z")).append("dealId", "d1"),
                Instant.parse("2026-11-25T09:10:00Z"), "demo booked", 2));

        client.get().uri("/api/v1/tasks/{id}", id).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"2\"")
                .expectBody()
                .jsonPath("$._id").doesNotExist()
                .jsonPath("$.applied").doesNotExist()
                .jsonPath("$.rev").doesNotExist()
                .jsonPath("$.id").isEqualTo(id)
                .jsonPath("$.type").isEqualTo("CALL")
                .jsonPath("$.dueAt").isEqualTo("2026-11-25T09:00:00.000Z")
                .jsonPath("$.assigneeId").isEqualTo("anna")
                .jsonPath("$.contactId").isEqualTo("c-" + id)
                .jsonPath("$.dealId").isEqualTo("d1")
                .jsonPath("$.note").isEqualTo("call " + id)
                .jsonPath("$.status").isEqualTo("COMPLETED")
                .jsonPath("$.result").isEqualTo("demo booked")
                .jsonPath("$.completedAt").isEqualTo("2026-11-25T09:10:00.000Z")
                .jsonPath("$.version").isEqualTo(2);
    }

    @Test
    void unknownTaskIsNotFoundProblem() {
        client.get().uri("/api/v1/tasks/{id}", "task-missing").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").isEqualTo("Task task-missing does not exist");
    }

    @Test
    void minVersionAnswersOnceReachedAndTimesOutOtherwise() {
        String id = "task-" + UUID.randomUUID();
        insert("tasks", task(id, "anna", NOW).append("version", 1L));

        client.get().uri("/api/v1/tasks/{id}?minVersion=1", id).exchange()
                .expectStatus().isOk().expectHeader().valueEquals("ETag", "\"1\"");
        client.get().uri("/api/v1/tasks/{id}?minVersion=2", id).exchange()
                .expectStatus().isEqualTo(HttpStatus.GATEWAY_TIMEOUT)
                .expectBody().jsonPath("$.type").isEqualTo("https://eventcrm.dev/problems/read-model-behind");
        client.get().uri("/api/v1/tasks/{id}?minVersion=x", id).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("minVersion");
    }

    @Test
    void overdueIsOpenAndDueBeforeNowAndNextHourIsOpenAndDueWithinTheHourFromNow() {
        clock.set(NOW);
        String m = "m-" + UUID.randomUUID();
        insert("tasks", task(m + "-late", m, NOW.minus(Duration.ofDays(2))));
        insert("tasks", task(m + "-just-late", m, NOW.minusMillis(1)));
        insert("tasks", completed(task(m + "-done", m, NOW.minus(Duration.ofHours(3))), NOW, null, 1));
        insert("tasks", task(m + "-now", m, NOW));
        insert("tasks", task(m + "-soon", m, NOW.plus(Duration.ofMinutes(59))));
        insert("tasks", task(m + "-in-an-hour", m, NOW.plus(Duration.ofHours(1))));
        insert("tasks", task("other-" + m, "other-" + m, NOW.minus(Duration.ofHours(1))));

        assertThat(ids("/api/v1/tasks?assigneeId=" + m + "&due=overdue"))
                .containsExactly(m + "-late", m + "-just-late");
        assertThat(ids("/api/v1/tasks?assigneeId=" + m + "&due=next-hour"))
                .containsExactly(m + "-now", m + "-soon");
        assertThat(ids("/api/v1/tasks?assigneeId=" + m + "&due=overdue&status=OPEN"))
                .containsExactly(m + "-late", m + "-just-late");

        // an hour later the windows have moved with the clock
        clock.set(NOW.plus(Duration.ofHours(1)));
        assertThat(ids("/api/v1/tasks?assigneeId=" + m + "&due=overdue")).containsExactly(m + "-late",
                m + "-just-late", m + "-now", m + "-soon");
        assertThat(ids("/api/v1/tasks?assigneeId=" + m + "&due=next-hour")).containsExactly(m + "-in-an-hour");
    }

    @Test
    void todayIsTheAssigneesCalendarDayInTheirTimeZone() {
        clock.set(NOW);
        String vlad = "vlad-" + UUID.randomUUID();
        String kali = "kali-" + UUID.randomUUID();
        insert("users", user(vlad, "Asia/Vladivostok"));
        insert("users", user(kali, "Europe/Kaliningrad"));
        for (String assignee : List.of(vlad, kali)) {
            // Kaliningrad's 24th: 23rd 22:00Z to 24th 22:00Z; Vladivostok's 25th: 24th 14:00Z to 25th 14:00Z
            insert("tasks", task(assignee + "-a", assignee, Instant.parse("2026-11-23T21:59:59.999Z")));
            insert("tasks", completed(task(assignee + "-b", assignee, Instant.parse("2026-11-23T22:00:00Z")),
                    NOW, "done", 1));
            insert("tasks", task(assignee + "-c", assignee, Instant.parse("2026-11-24T13:59:59.999Z")));
            insert("tasks", task(assignee + "-d", assignee, Instant.parse("2026-11-24T14:00:00Z")));
            insert("tasks", task(assignee + "-e", assignee, Instant.parse("2026-11-24T21:59:59.999Z")));
            insert("tasks", task(assignee + "-f", assignee, Instant.parse("2026-11-24T22:00:00Z")));
            insert("tasks", task(assignee + "-g", assignee, Instant.parse("2026-11-25T13:59:59.999Z")));
            insert("tasks", task(assignee + "-h", assignee, Instant.parse("2026-11-25T14:00:00Z")));
        }

        assertThat(ids("/api/v1/tasks?assigneeId=" + kali + "&due=today"))
                .containsExactly(kali + "-b", kali + "-c", kali + "-d", kali + "-e");
        assertThat(ids("/api/v1/tasks?assigneeId=" + vlad + "&due=today"))
                .containsExactly(vlad + "-d", vlad + "-e", vlad + "-f", vlad + "-g");
        assertThat(ids("/api/v1/tasks?assigneeId=" + kali + "&due=today&status=OPEN"))
                .containsExactly(kali + "-c", kali + "-d", kali + "-e");
    }

    @Test
    void todayOfAUserTheReadModelDoesNotKnowIsInTheInstallationsZone() {
        // the tests' crm.users.default-time-zone is Asia/Vladivostok, where it is already the 25th
        clock.set(NOW);
        String unknown = "new-" + UUID.randomUUID();
        insert("tasks", task(unknown + "-24th", unknown, Instant.parse("2026-11-24T10:00:00Z")));
        insert("tasks", task(unknown + "-25th", unknown, Instant.parse("2026-11-24T20:00:00Z")));

        assertThat(ids("/api/v1/tasks?assigneeId=" + unknown + "&due=today")).containsExactly(unknown + "-25th");
    }

    @Test
    void filtersByStatusAssigneeContactAndDealInDueOrder() {
        String m = "m-" + UUID.randomUUID();
        insert("tasks", task(m + "-3", m, NOW.plus(Duration.ofDays(3))).append("dealId", "deal-" + m));
        insert("tasks", task(m + "-1", m, NOW.plus(Duration.ofDays(1))).append("contactId", "contact-" + m));
        insert("tasks", completed(task(m + "-2", m, NOW.plus(Duration.ofDays(2))), NOW, "ok", 1)
                .append("contactId", "contact-" + m));
        insert("tasks", task(m + "-0", "other-" + m, NOW).append("dealId", "deal-" + m));

        assertThat(ids("/api/v1/tasks?assigneeId=" + m)).containsExactly(m + "-1", m + "-2", m + "-3");
        assertThat(ids("/api/v1/tasks?assigneeId=" + m + "&status=OPEN")).containsExactly(m + "-1", m + "-3");
        assertThat(ids("/api/v1/tasks?assigneeId=" + m + "&status=COMPLETED")).containsExactly(m + "-2");
        assertThat(ids("/api/v1/tasks?contactId=contact-" + m)).containsExactly(m + "-1", m + "-2");
        assertThat(ids("/api/v1/tasks?dealId=deal-" + m)).containsExactly(m + "-0", m + "-3");
        assertThat(ids("/api/v1/tasks?dealId=deal-" + m + "&assigneeId=" + m)).containsExactly(m + "-3");
    }

    @Test
    void theCursorWalksTasksDueAtTheSameMomentOnceEach() {
        clock.set(NOW);
        String m = "m-" + UUID.randomUUID();
        Instant due = NOW.minus(Duration.ofMinutes(5));
        insert("tasks", task(m + "-c", m, due));
        insert("tasks", task(m + "-a", m, due));
        insert("tasks", task(m + "-b", m, due));
        insert("tasks", task(m + "-0", m, due.minusSeconds(60)));
        insert("tasks", task(m + "-z", m, due.plusMillis(1)));

        List<String> walked = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Map<String, Object> page = page("/api/v1/tasks?assigneeId=" + m + "&due=overdue&limit=2"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            walked.addAll(idsOf(page));
            cursor = (String) page.get("nextCursor");
            pages++;
        } while (cursor != null);
        assertThat(walked).containsExactly(m + "-0", m + "-a", m + "-b", m + "-c", m + "-z");
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void badParametersAreFieldErrors() {
        Map<String, String> queries = Map.of(
                "/api/v1/tasks?due=today", "due",
                "/api/v1/tasks?assigneeId=m1&due=tomorrow", "due",
                "/api/v1/tasks?status=DONE", "status",
                "/api/v1/tasks?assigneeId=m1&due=overdue&status=COMPLETED", "status",
                "/api/v1/tasks?limit=0", "limit",
                "/api/v1/tasks?cursor=%25%25", "cursor",
                "/api/v1/tasks?cursor=" + IdCursor.encode("no-time"), "cursor");
        queries.forEach((uri, field) -> client.get().uri(uri).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo(field));
    }

    private List<String> ids(String uri) {
        return idsOf(page(uri));
    }

    private Map<String, Object> page(String uri) {
        return client.get().uri(uri).exchange().expectStatus().isOk()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private static List<String> idsOf(Map<String, Object> page) {
        return ((List<Map<String, Object>>) page.get("items")).stream().map(item -> (String) item.get("id")).toList();
    }
}
