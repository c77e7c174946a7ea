package dev.eventcrm.query.contact;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.eventcrm.query.QueryServiceIntegrationTest;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * {@code GET /contacts?q=} over search terms as the contact-card projection stores them (folded name words, e-mails,
 * E.164 and digit forms of each phone); each test's contacts have an owner of their own.
 */
class ContactSearchTest extends QueryServiceIntegrationTest {

    private String owner;

    @BeforeEach
    void contacts() {
        owner = "owner-" + UUID.randomUUID();
        insert("contacts", contact("a-ada", "Ada Lovelace", "London", List.of("ada", "lovelace", "ada@example.org",
                "+442079460000", "442079460000", "2079460000")).append("companyId", "co-" + owner));
        insert("contacts", contact("b-jose", "José Müller", "Berlin", List.of("jose", "muller", "jose@example.com",
                "+493012345678", "493012345678", "3012345678")));
        insert("contacts", contact("c-anna", "Анна Ёлкина", "Yekaterinburg", List.of("анна", "елкина",
                "+79123456789", "79123456789", "9123456789")).append("companyId", "co-" + owner));
        insert("contacts", contact("d-placeholder", null, null, List.of("ada")).append("version", -1L));
        insert("contacts", contact("e-archived", "Ada Archived", "London", List.of("ada", "archived"))
                .append("archived", true));
    }

    private Document contact(String id, String name, String city, List<String> search) {
        String key = id + "-" + owner;
        return new Document("_id", key).append("id", key).append("name", name).append("city", city)
                .append("ownerId", owner).append("search", search).append("version", 0L);
    }

    @SuppressWarnings("unchecked")
    private List<String> names(String query) {
        Map<String, Object> page = client.get().uri(uri -> uri.path("/api/v1/contacts")
                        .queryParam("ownerId", owner).queryParam("q", query).build())
                .exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { }).returnResult().getResponseBody();
        return ((List<Map<String, Object>>) page.get("items")).stream().map(item -> (String) item.get("name")).toList();
    }

    @Test
    void aPhoneNumberIsFoundInEveryFormatItIsTyped() {
        assertThat(names("8 (912) 345-67-89")).containsExactly("Анна Ёлкина");
        assertThat(names("+7 912 345 67 89")).containsExactly("Анна Ёлкина");
        assertThat(names("79123456789")).containsExactly("Анна Ёлкина");
        assertThat(names("912 345")).as("the leading digits of a number being typed").containsExactly("Анна Ёлкина");
        assertThat(names("+49 30 12345678")).containsExactly("José Müller");
    }

    @Test
    void aNameIsFoundByThePrefixOfAnyWordIgnoringCaseAndAccents() {
        assertThat(names("LOVE")).containsExactly("Ada Lovelace");
        assertThat(names("jose mull")).containsExactly("José Müller");
        assertThat(names("Müller")).containsExactly("José Müller");
        assertThat(names("ёлк")).containsExactly("Анна Ёлкина");
        assertThat(names("елкина анна")).containsExactly("Анна Ёлкина");
        assertThat(names("ada müller")).as("every word must match").isEmpty();
    }

    @Test
    void anEmailIsFoundByItsPrefixAndRegexCharactersAreLiteral() {
        assertThat(names("Jose@Example.")).containsExactly("José Müller");
        assertThat(names("jose@example.c.m")).isEmpty();
    }

    @Test
    void filtersCombineAndPagesFollowTheCursor() {
        assertThat(client.get().uri(uri -> uri.path("/api/v1/contacts").queryParam("ownerId", owner)
                        .queryParam("city", "Berlin").build()).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.items[0].name").isEqualTo("José Müller")
                .jsonPath("$.items.length()").isEqualTo(1));

        String next = client.get().uri(uri -> uri.path("/api/v1/contacts").queryParam("ownerId", owner)
                        .queryParam("limit", 2).build()).exchange().expectStatus().isOk()
                .expectBody(ContactPage.class).returnResult().getResponseBody().nextCursor();
        assertThat(next).isNotNull();
        ContactPage last = client.get().uri(uri -> uri.path("/api/v1/contacts").queryParam("ownerId", owner)
                        .queryParam("limit", 2).queryParam("cursor", next).build()).exchange().expectStatus().isOk()
                .expectBody(ContactPage.class).returnResult().getResponseBody();
        assertThat(last.items()).extracting(ContactView::name).containsExactly("Анна Ёлкина");
        assertThat(last.nextCursor()).as("the placeholder of a contact known only from calls is no contact").isNull();
    }

    @Test
    void aCompanysContactsAreListedWithTheirCompanyId() {
        ContactPage page = client.get().uri(uri -> uri.path("/api/v1/contacts").queryParam("companyId", "co-" + owner)
                .build()).exchange().expectStatus().isOk().expectBody(ContactPage.class).returnResult().getResponseBody();
        assertThat(page.items()).extracting(ContactView::name, ContactView::companyId)
                .containsExactly(tuple("Ada Lovelace", "co-" + owner), tuple("Анна Ёлкина", "co-" + owner));
        assertThat(names("ada")).as("without the filter, contacts of any company or none").hasSize(1);
        assertThat(client.get().uri(uri -> uri.path("/api/v1/contacts").queryParam("companyId", "co-" + owner)
                        .queryParam("q", "jose").build()).exchange().expectStatus().isOk()
                .expectBody(ContactPage.class).returnResult().getResponseBody().items()).isEmpty();
    }

    /** The company's name is read when the contact is: a company renamed later shows its new name at once. */
    @Test
    void aContactShowsItsCompanysNameNow() {
        insert("companies", new Document("_id", "co-" + owner).append("id", "co-" + owner).append("name", "Uralsteel"));
        ContactPage page = client.get().uri(uri -> uri.path("/api/v1/contacts").queryParam("ownerId", owner).build())
                .exchange().expectStatus().isOk().expectBody(ContactPage.class).returnResult().getResponseBody();
        assertThat(page.items()).extracting(ContactView::name, ContactView::companyName)
                .contains(tuple("Ada Lovelace", "Uralsteel"), tuple("José Müller", null));

        set("companies", "co-" + owner, new Document("name", "Uralsteel JSC"));
        client.get().uri("/api/v1/contacts/{id}", "a-ada-" + owner).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.companyId").isEqualTo("co-" + owner)
                .jsonPath("$.companyName").isEqualTo("Uralsteel JSC");
        client.get().uri("/api/v1/contacts/{id}", "b-jose-" + owner).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.companyName").isEmpty();
    }

    @Test
    void archivedContactsAreListedOnlyWhenAskedFor() {
        assertThat(names("ada")).containsExactly("Ada Lovelace");
        assertThat(client.get().uri(uri -> uri.path("/api/v1/contacts").queryParam("ownerId", owner)
                        .queryParam("archived", "true").build()).exchange().expectStatus().isOk()
                .expectBody(ContactPage.class).returnResult().getResponseBody().items())
                .extracting(ContactView::name, ContactView::archived).containsExactly(tuple("Ada Archived", true));
        client.get().uri(uri -> uri.path("/api/v1/contacts").queryParam("archived", "yes").build()).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("archived");
    }

    @Test
    void aQueryWithoutLettersOrDigitsOrTooLongIsABadRequestNamingQ() {
        client.get().uri(uri -> uri.path("/api/v1/contacts").queryParam("q", "--").build()).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("q");
        client.get().uri(uri -> uri.path("/api/v1/contacts").queryParam("q", "a".repeat(201)).build()).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("q");
    }
}
