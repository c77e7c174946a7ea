package dev.eventcrm.query.user;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.eventcrm.query.QueryServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;

import static dev.eventcrm.query.user.UserFixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

class UserQueryTest extends QueryServiceIntegrationTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT =
            new ParameterizedTypeReference<>() { };

    @Test
    void returnsTheUserWithItsVersionAsEntityTag() {
        // ids are what X-Actor-Id sends: / @ + are allowed in them
        String id = "anna+" + UUID.randomUUID() + "@north/sales";
        insert("users", user(id, "north", "manager", true, 3));

        client.get().uri("/api/v1/users/{id}", id).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"3\"")
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$._id").doesNotExist()
                .jsonPath("$.applied").doesNotExist()
                .jsonPath("$.rev").doesNotExist()
                .jsonPath("$.id").isEqualTo(id)
                .jsonPath("$.displayName").isEqualTo("User " + id)
                .jsonPath("$.teamId").isEqualTo("north")
                .jsonPath("$.role").isEqualTo("manager")
                .jsonPath("$.timeZone").isEqualTo("Europe/Moscow")
                .jsonPath("$.workingHours.days").isEqualTo(List.of("MON", "TUE", "FRI"))
                .jsonPath("$.workingHours.from").isEqualTo("08:30")
                .jsonPath("$.workingHours.to").isEqualTo("17:00")
                .jsonPath("$.active").isEqualTo(true)
                .jsonPath("$.version").isEqualTo(3)
                .jsonPath("$.updatedAt").isEqualTo("2026-11-23T09:30:00.000Z");
    }

    @Test
    void unknownUserIsNotFoundProblem() {
        client.get().uri("/api/v1/users/{id}", "user-missing").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://eventcrm.dev/problems/not-found")
                .jsonPath("$.detail").isEqualTo("User user-missing does not exist");
    }

    @Test
    void listsUsersOfATeamByRoleAndActivityInIdOrderPageByPage() {
        String team = "team-" + UUID.randomUUID();
        insert("users", user(team + "-d", team, "manager", true, 0));
        insert("users", user(team + "-a", team, "manager", true, 1));
        insert("users", user(team + "-c", team, "manager", false, 2));
        insert("users", user(team + "-b", team, "head-of-sales", true, 0));
        insert("users", user(team + "-e", "other-" + team, "manager", true, 0));

        assertThat(ids("/api/v1/users?teamId=" + team)).containsExactly(team + "-a", team + "-b", team + "-c",
                team + "-d");
        assertThat(ids("/api/v1/users?teamId=" + team + "&role=manager&active=true"))
                .containsExactly(team + "-a", team + "-d");
        assertThat(ids("/api/v1/users?teamId=" + team + "&active=false")).containsExactly(team + "-c");

        Map<String, Object> first = page("/api/v1/users?teamId=" + team + "&role=manager&limit=2");
        assertThat(idsOf(first)).containsExactly(team + "-a", team + "-c");
        Map<String, Object> second = page("/api/v1/users?teamId=" + team + "&role=manager&limit=2&cursor="
                + first.get("nextCursor"));
        assertThat(idsOf(second)).containsExactly(team + "-d");
        assertThat(second.get("nextCursor")).isNull();
    }

    @Test
    void aBadFilterIsAFieldError() {
        client.get().uri("/api/v1/users?active=yes").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("active");
        client.get().uri("/api/v1/users?limit=0").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("limit");
    }

    @SuppressWarnings("unchecked")
    @Test
    void teamsAreCountedFromTheirUsers() {
        String prefix = "teams-" + UUID.randomUUID() + "-";
        insert("users", user(prefix + "1", prefix + "north", "manager", true, 0));
        insert("users", user(prefix + "2", prefix + "north", "manager", false, 0));
        insert("users", user(prefix + "3", prefix + "north", "head-of-sales", true, 0));
        insert("users", user(prefix + "4", prefix + "east", "manager", true, 0));
        insert("users", user(prefix + "5", null, "manager", true, 0));

        List<Map<String, Object>> items = (List<Map<String, Object>>) page("/api/v1/teams").get("items");
        assertThat(items.stream().map(item -> (String) item.get("id")).toList()).isSorted().doesNotContainNull();
        assertThat(items).filteredOn(item -> ((String) item.get("id")).startsWith(prefix)).containsExactly(
                Map.of("id", prefix + "east", "members", 1, "activeMembers", 1),
                Map.of("id", prefix + "north", "members", 3, "activeMembers", 2));
    }

    private List<String> ids(String uri) {
        return idsOf(page(uri));
    }

    @SuppressWarnings("unchecked")
    private static List<String> idsOf(Map<String, Object> page) {
        return ((List<Map<String, Object>>) page.get("items")).stream().map(item -> (String) item.get("id"))
                .toList();
    }

    private Map<String, Object> page(String uri) {
        return client.get().uri(uri).exchange()
                .expectStatus().isOk()
                .expectBody(JSON_OBJECT)
                .returnResult().getResponseBody();
    }
}
