package dev.eventcrm.projections.company;

import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.events.company.CompanyArchived;
import dev.eventcrm.events.company.CompanyCreated;
import dev.eventcrm.events.company.CompanyEmailsChanged;
import dev.eventcrm.events.company.CompanyInnChanged;
import dev.eventcrm.events.company.CompanyLocationChanged;
import dev.eventcrm.events.company.CompanyOwnerAssigned;
import dev.eventcrm.events.company.CompanyPhonesChanged;
import dev.eventcrm.events.company.CompanyRenamed;
import dev.eventcrm.events.company.CompanyRestored;
import dev.eventcrm.events.company.CompanySourceChanged;
import dev.eventcrm.events.company.CompanyWebsiteChanged;
import dev.eventcrm.events.contact.PhoneNumber;
import dev.eventcrm.projections.core.Projection;
import dev.eventcrm.projections.event.ParsedEvent;
import dev.eventcrm.projections.testing.InMemoryEventHistory;
import dev.eventcrm.projections.testing.MongoTestServer;
import dev.eventcrm.projections.testing.TestEvents;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Date;
import java.util.List;

import static dev.eventcrm.projections.testing.MongoTestServer.TIMEOUT;
import static dev.eventcrm.projections.testing.MongoTestServer.byId;
import static dev.eventcrm.projections.testing.TestEvents.T0;
import static dev.eventcrm.projections.testing.TestEvents.contactCreated;
import static org.assertj.core.api.Assertions.assertThat;

class CompaniesProjectionTest {
    private static final PhoneNumber OFFICE = new PhoneNumber("+74951234567", "8 (495) 123-45-67");

    private static MongoTestServer mongo;
    private MongoDatabase database;
    private Projection companies;

    @BeforeAll
    static void startMongo() {
        mongo = new MongoTestServer();
    }

    @AfterAll
    static void stopMongo() {
        mongo.close();
    }

    @BeforeEach
    void freshCompanies() {
        database = mongo.freshDatabase();
        companies = CompaniesProjection.create(database, new InMemoryEventHistory(), TIMEOUT);
        companies.prepare();
    }

    private Document company(String id) {
        return byId(database, CompaniesProjection.COLLECTION, id);
    }

    private static ParsedEvent event(long sequence, Record payload) {
        return TestEvents.event("Company", "co1", sequence, T0.plusSeconds(sequence), payload);
    }

    @Test
    void aCreatedCompanyHasItsFieldsAndTheSearchTermsOfAContact() {
        companies.applyBatch(List.of(event(0, new CompanyCreated("co1", "ООО «Ёлка» Trading", "7707083893",
                List.of(OFFICE), List.of("Info@Elka.example"), "elka.example", "Moscow", "RU", "web", "m1"))));

        Document company = company("co1");
        assertThat(company.getString("id")).isEqualTo("co1");
        assertThat(company.getString("name")).isEqualTo("ООО «Ёлка» Trading");
        assertThat(company.getString("inn")).isEqualTo("7707083893");
        assertThat(company.getList("phones", Document.class)).singleElement().satisfies(phone -> {
            assertThat(phone.getString("e164")).isEqualTo("+74951234567");
            assertThat(phone.getString("typed")).isEqualTo("8 (495) 123-45-67");
        });
        assertThat(company.getList("emails", String.class)).containsExactly("Info@Elka.example");
        assertThat(company.getString("website")).isEqualTo("elka.example");
        assertThat(company.getString("city")).isEqualTo("Moscow");
        assertThat(company.getString("country")).isEqualTo("RU");
        assertThat(company.getString("source")).isEqualTo("web");
        assertThat(company.getString("ownerId")).isEqualTo("m1");
        assertThat(company.getBoolean("archived")).isFalse();
        assertThat(company.getDate("createdAt")).isEqualTo(Date.from(T0));
        assertThat(company.getLong("version")).isZero();
        assertThat(company.getList("search", String.class)).containsExactly("ооо", "елка", "trading",
                "info@elka.example", "+74951234567", "74951234567", "4951234567");
    }

    @Test
    void everyChangeIsFoldedIntoTheDocument() {
        PhoneNumber sales = new PhoneNumber("+74957654321", "+7 495 765-43-21");
        companies.applyBatch(List.of(
                event(0, new CompanyCreated("co1", "Elka", null, List.of(OFFICE), List.of(), null, "Moscow", "RU",
                        "web", "m1")),
                event(1, new CompanyRenamed("co1", "Elka", "Sosna")),
                event(2, new CompanyInnChanged("co1", null, "500100732259")),
                event(3, new CompanyPhonesChanged("co1", List.of(sales))),
                event(4, new CompanyEmailsChanged("co1", List.of("sales@sosna.example"))),
                event(5, new CompanyWebsiteChanged("co1", null, "https://sosna.example")),
                event(6, new CompanyLocationChanged("co1", "Perm", null)),
                event(7, new CompanySourceChanged("co1", "web", null)),
                event(8, new CompanyOwnerAssigned("co1", "m1", "m2")),
                event(9, new CompanyArchived("co1", "manual"))));

        Document company = company("co1");
        assertThat(company.getString("name")).isEqualTo("Sosna");
        assertThat(company.getString("inn")).isEqualTo("500100732259");
        assertThat(company.getList("phones", Document.class)).extracting(phone -> phone.getString("e164"))
                .containsExactly("+74957654321");
        assertThat(company.getList("emails", String.class)).containsExactly("sales@sosna.example");
        assertThat(company.getString("website")).isEqualTo("https://sosna.example");
        assertThat(company.getString("city")).isEqualTo("Perm");
        assertThat(company.getString("country")).isNull();
        assertThat(company.getString("source")).isNull();
        assertThat(company.getString("ownerId")).isEqualTo("m2");
        assertThat(company.getBoolean("archived")).isTrue();
        assertThat(company.getLong("version")).isEqualTo(9L);
        assertThat(company.getList("search", String.class)).contains("sosna", "+74957654321", "sales@sosna.example")
                .doesNotContain("elka", "+74951234567");

        companies.applyBatch(List.of(event(10, new CompanyRestored("co1"))));
        assertThat(company("co1").getBoolean("archived")).isFalse();
    }

    @Test
    void eventsOfOtherAggregatesMakeNoCompany() {
        companies.applyBatch(List.of(contactCreated("c1", "Ada", T0)));

        assertThat(company("c1")).isNull();
    }
}
