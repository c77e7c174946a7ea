package dev.eventcrm.query.company;

import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.eventcrm.query.QueryServiceIntegrationTest;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /companies} over documents as the companies projection stores them (folded name words, e-mails, E.164
 * and digit forms of each phone); each test's companies have an owner of their own.
 */
class CompanyQueryTest extends QueryServiceIntegrationTest {

    private String owner;

    @BeforeEach
    void companies() {
        owner = "owner-" + UUID.randomUUID();
        insert("companies", company("a-uralsteel", "Uralsteel", "Yekaterinburg", "web", List.of("uralsteel",
                "info@uralsteel.example", "+73432123456", "73432123456", "3432123456"))
                .append("inn", "7707083893")
                .append("phones", List.of(new Document("e164", "+73432123456")
                        .append("typed", "8 (343) 212-34-56"))));
        insert("companies", company("b-elka", "ООО «Ёлка» Trading", "Moscow", "referral", List.of("ооо", "елка",
                "trading", "sales@elka.example", "+74951234567", "74951234567", "4951234567")));
        insert("companies", company("c-archived", "Uralsteel Old", "Yekaterinburg", "web",
                List.of("uralsteel", "old")).append("archived", true));
    }

    private Document company(String id, String name, String city, String source, List<String> search) {
        String key = id + "-" + owner;
        return new Document("_id", key).append("id", key).append("name", name).append("city", city)
                .append("country", "RU").append("source", source).append("ownerId", owner).append("search", search)
                .append("archived", false).append("createdAt", new Date(1_795_000_000_000L)).append("version", 3L);
    }

    @SuppressWarnings("unchecked")
    private List<String> names(Map<String, String> params) {
        Map<String, Object> page = client.get().uri(uri -> {
                    uri.path("/api/v1/companies").queryParam("ownerId", owner);
                    params.forEach(uri::queryParam);
                    return uri.build();
                })
                .exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { }).returnResult().getResponseBody();
        return ((List<Map<String, Object>>) page.get("items")).stream().map(item -> (String) item.get("name")).toList();
    }

    private List<String> search(String q) {
        return names(Map.of("q", q));
    }

    @Test
    void aPhoneNumberIsFoundInEveryFormatItIsTyped() {
        assertThat(search("8 (495) 123-45-67")).containsExactly("ООО «Ёлка» Trading");
        assertThat(search("+7 495 123 45 67")).containsExactly("ООО «Ёлка» Trading");
        assertThat(search("74951234567")).containsExactly("ООО «Ёлка» Trading");
        assertThat(search("495 12")).as("the leading digits of a number being typed")
                .containsExactly("ООО «Ёлка» Trading");
    }

    @Test
    void aNameIsFoundByThePrefixOfAnyWordIgnoringCaseAndAccentsAndAnEmailByItsPrefix() {
        assertThat(search("URAL")).containsExactly("Uralsteel");
        assertThat(search("ёлк")).containsExactly("ООО «Ёлка» Trading");
        assertThat(search("елка trad")).containsExactly("ООО «Ёлка» Trading");
        assertThat(search("elka")).as("a word's prefix, not any substring").isEmpty();
        assertThat(search("Sales@Elka.")).containsExactly("ООО «Ёлка» Trading");
    }

    @Test
    void filtersCombineAndArchivedCompaniesAreListedOnlyWhenAskedFor() {
        assertThat(names(Map.of("city", "Yekaterinburg"))).containsExactly("Uralsteel");
        assertThat(names(Map.of("source", "referral", "country", "RU"))).containsExactly("ООО «Ёлка» Trading");
        assertThat(names(Map.of("city", "Moscow", "source", "web"))).isEmpty();
        assertThat(names(Map.of("archived", "true"))).containsExactly("Uralsteel Old");
        assertThat(names(Map.of("q", "uralsteel", "archived", "true"))).containsExactly("Uralsteel Old");
    }

    @Test
    void pagesFollowTheCursor() {
        CompanyPage first = client.get().uri(uri -> uri.path("/api/v1/companies").queryParam("ownerId", owner)
                        .queryParam("limit", 1).build()).exchange().expectStatus().isOk()
                .expectBody(CompanyPage.class).returnResult().getResponseBody();
        assertThat(first.items()).extracting(CompanyView::name).containsExactly("Uralsteel");
        CompanyPage second = client.get().uri(uri -> uri.path("/api/v1/companies").queryParam("ownerId", owner)
                        .queryParam("limit", 1).queryParam("cursor", first.nextCursor()).build()).exchange()
                .expectStatus().isOk().expectBody(CompanyPage.class).returnResult().getResponseBody();
        assertThat(second.items()).extracting(CompanyView::name).containsExactly("ООО «Ёлка» Trading");
        assertThat(second.nextCursor()).as("the archived one is not listed").isNull();
    }

    @Test
    void oneCompanyWithItsVersionAsETagWithoutInternalFields() {
        String id = "a-uralsteel-" + owner;
        client.get().uri("/api/v1/companies/{id}", id).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"3\"")
                .expectBody()
                .jsonPath("$._id").doesNotExist()
                .jsonPath("$.search").doesNotExist()
                .jsonPath("$.id").isEqualTo(id)
                .jsonPath("$.name").isEqualTo("Uralsteel")
                .jsonPath("$.inn").isEqualTo("7707083893")
                .jsonPath("$.phones[0].e164").isEqualTo("+73432123456")
                .jsonPath("$.phones[0].typed").isEqualTo("8 (343) 212-34-56")
                .jsonPath("$.emails").isEmpty()
                .jsonPath("$.website").isEmpty()
                .jsonPath("$.createdAt").isEqualTo("2026-11-18T11:06:40.000Z")
                .jsonPath("$.version").isEqualTo(3);
        client.get().uri("/api/v1/companies/{id}?minVersion=3", id).exchange().expectStatus().isOk();
    }

    @Test
    void anUnknownCompanyIsA404ProblemAndAVersionNotYetShownA504() {
        client.get().uri("/api/v1/companies/{id}", "no-such-company").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.status").isEqualTo(404);
        client.get().uri("/api/v1/companies/{id}?minVersion=4", "a-uralsteel-" + owner).exchange()
                .expectStatus().isEqualTo(504);
        client.get().uri("/api/v1/companies/{id}?minVersion=-1", "a-uralsteel-" + owner).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("minVersion");
    }
}
