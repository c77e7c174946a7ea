package dev.eventcrm.query.contact;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.eventcrm.query.QueryServiceIntegrationTest;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

class ContactQueryTest extends QueryServiceIntegrationTest {

    @Test
    void returnsTheContactWithoutInternalFields() {
        String id = "contact-" + UUID.randomUUID();
        insert("contacts", contact(id, 2));

        client.get().uri("/api/v1/contacts/{id}", id).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$._id").doesNotExist()
                .jsonPath("$.applied").doesNotExist()
                .jsonPath("$.id").isEqualTo(id)
                .jsonPath("$.name").isEqualTo("Ada Lovelace")
                .jsonPath("$.search").doesNotExist()
                .jsonPath("$.rev").doesNotExist()
                .jsonPath("$.phones[0].e164").isEqualTo("+442079460000")
                .jsonPath("$.phones[0].typed").isEqualTo("+44 20 7946 0000")
                .jsonPath("$.timeZone").isEqualTo("Europe/London")
                .jsonPath("$.emails[0]").isEqualTo("ada@example.org")
                .jsonPath("$.city").isEqualTo("London")
                .jsonPath("$.country").isEqualTo("GB")
                .jsonPath("$.source").isEqualTo("referral")
                .jsonPath("$.ownerId").isEqualTo("owner-1")
                .jsonPath("$.callCount").isEqualTo(1)
                .jsonPath("$.lastCallOutcome").isEqualTo("NO_ANSWER")
                .jsonPath("$.lastCallAt").isEqualTo("2026-11-22T20:11:25.123Z")
                .jsonPath("$.createdAt").isEqualTo("2026-11-20T09:00:00.000Z")
                .jsonPath("$.version").isEqualTo(2);
    }

    @Test
    void theCardShowsTheClientsCurrentLocalTimeAndOffset() {
        String id = "contact-" + UUID.randomUUID();
        insert("contacts", contact(id, 0).append("timeZone", "Asia/Yekaterinburg"));
        Instant before = Instant.now();

        Map<String, Object> body = client.get().uri("/api/v1/contacts/{id}", id).exchange()
                .expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { }).returnResult().getResponseBody();

        assertThat(body).containsEntry("timeZone", "Asia/Yekaterinburg").containsEntry("utcOffset", "+05:00");
        LocalDateTime local = LocalDateTime.parse((String) body.get("localTime"));
        LocalDateTime expected = LocalDateTime.ofInstant(before, ZoneId.of("Asia/Yekaterinburg"));
        assertThat(Duration.between(expected, local).abs()).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void aContactWithoutTimeZoneHasNoLocalTime() {
        String id = "contact-" + UUID.randomUUID();
        insert("contacts", contact(id, 0).append("timeZone", null));

        client.get().uri("/api/v1/contacts/{id}", id).exchange()
                .expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { })
                .value(body -> assertThat(body).containsEntry("timeZone", null).containsEntry("utcOffset", null)
                        .containsEntry("localTime", null));
    }

    @Test
    void contactWithoutCallsShowsNullCallFieldsRatherThanOmittingThem() {
        String id = "contact-" + UUID.randomUUID();
        insert("contacts", contact(id, 0).append("callCount", 0).append("lastCallOutcome", null)
                .append("lastCallAt", null).append("applied", List.of()));

        client.get().uri("/api/v1/contacts/{id}", id).exchange()
                .expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { })
                .value(body -> assertThat(body)
                        .containsEntry("callCount", 0)
                        .containsEntry("lastCallOutcome", null)
                        .containsEntry("lastCallAt", null));
    }

    @Test
    void theContactsVersionIsItsStrongEntityTag() {
        String id = "contact-" + UUID.randomUUID();
        insert("contacts", contact(id, 2));

        client.get().uri("/api/v1/contacts/{id}", id).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"2\"")
                .expectHeader().valueEquals("Cache-Control", "no-store");
    }

    @Test
    void unknownContactIsNotFoundProblem() {
        client.get().uri("/api/v1/contacts/{id}", "contact-missing").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://eventcrm.dev/problems/not-found");
    }

    @Test
    void contactKnownOnlyFromCallsIsNotFound() {
        String id = "contact-" + UUID.randomUUID();
        insert("contacts", new Document("_id", id).append("id", id).append("callCount", 1)
                .append("applied", List.of(new Document("aggregateId", "call-9").append("sequence", 0L))).append("createdAt", null).append("version", -1L));

        client.get().uri("/api/v1/contacts/{id}", id).exchange().expectStatus().isNotFound();
    }

    @Test
    void minVersionWaitsForTheContactsOwnWrite() {
        String id = "contact-" + UUID.randomUUID();
        insert("contacts", contact(id, 0));
        client.get().uri("/api/v1/contacts/{id}?minVersion=0", id).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.version").isEqualTo(0);

        client.get().uri("/api/v1/contacts/{id}?minVersion=1", id).exchange()
                .expectStatus().isEqualTo(504)
                .expectBody().jsonPath("$.type").isEqualTo("https://eventcrm.dev/problems/read-model-behind");
        client.get().uri("/api/v1/contacts/{id}?minVersion=-1", id).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("minVersion");
    }

    @Test
    void withCallWaitsUntilTheCardCountsThatCall() {
        String id = "contact-" + UUID.randomUUID();
        insert("contacts", contact(id, 0));
        client.get().uri("/api/v1/contacts/{id}?withCall=call-1", id).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.callCount").isEqualTo(1);
        client.get().uri("/api/v1/contacts/{id}?withCall=call-2", id).exchange()
                .expectStatus().isEqualTo(504);
    }

    @Test
    void aMergedContactsIdAnswersTheSurvivorAndTheMergedOneIsNotListed() {
        String survivor = "contact-" + UUID.randomUUID();
        String merged = "contact-" + UUID.randomUUID();
        insert("contacts", contact(survivor, 3));
        insert("contacts", contact(merged, 1).append("name", "A. Lovelace").append("mergedInto", survivor));

        client.get().uri("/api/v1/contacts/{id}", merged).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("Content-Location", "/api/v1/contacts/" + survivor)
                .expectHeader().valueEquals("ETag", "\"3\"")
                .expectBody().jsonPath("$.id").isEqualTo(survivor).jsonPath("$.name").isEqualTo("Ada Lovelace");
        client.get().uri("/api/v1/contacts?q=lovelace&limit=100").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.items[?(@.id == '" + merged + "')]").doesNotExist()
                .jsonPath("$.items[?(@.id == '" + survivor + "')]").exists();
    }

    private static Document contact(String id, long version) {
        return new Document("_id", id)
                .append("id", id)
                .append("name", "Ada Lovelace")
                .append("phones", List.of(new Document("e164", "+442079460000").append("typed", "+44 20 7946 0000")))
                .append("timeZone", "Europe/London")
                .append("search", List.of("ada", "lovelace", "ada@example.org", "+442079460000", "442079460000",
                        "2079460000"))
                .append("rev", "token")
                .append("emails", List.of("ada@example.org"))
                .append("city", "London")
                .append("country", "GB")
                .append("source", "referral")
                .append("ownerId", "owner-1")
                .append("callCount", 1)
                .append("lastCallOutcome", "NO_ANSWER")
                .append("lastCallAt", Date.from(Instant.parse("2026-11-22T20:11:25.123Z")))
                .append("applied", List.of(new Document("aggregateId", "call-1").append("sequence", 0L)))
                .append("createdAt", Date.from(Instant.parse("2026-11-20T09:00:00.000Z")))
                .append("version", version);
    }
}
