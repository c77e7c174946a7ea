package dev.eventcrm.projections.contact;

import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.projections.testing.InMemoryEventHistory;
import dev.eventcrm.projections.testing.MongoTestServer;
import dev.eventcrm.projections.core.Projection;
import dev.eventcrm.projections.testing.CountedCalls;
import dev.eventcrm.projections.testing.TestEvents;
import dev.eventcrm.projections.event.ParsedEvent;
import dev.eventcrm.events.contact.ContactArchived;
import dev.eventcrm.events.contact.ContactCompanyChanged;
import dev.eventcrm.events.contact.ContactCreated;
import dev.eventcrm.events.contact.ContactLocationChanged;
import dev.eventcrm.events.contact.ContactMerged;
import dev.eventcrm.events.contact.ContactMergedInto;
import dev.eventcrm.events.contact.ContactOwnerAssigned;
import dev.eventcrm.events.contact.ContactPersonalDataChanged;
import dev.eventcrm.events.contact.ContactSourceChanged;
import dev.eventcrm.events.contact.ContactTimeZoneChanged;
import dev.eventcrm.events.contact.ContactRestored;
import dev.eventcrm.events.contact.ContactPersonalData;
import dev.eventcrm.events.contact.PhoneNumber;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import java.util.Date;

import static dev.eventcrm.events.call.CallOutcome.CONNECTED;
import static dev.eventcrm.events.call.CallOutcome.VOICEMAIL;
import static dev.eventcrm.projections.testing.MongoTestServer.TIMEOUT;
import static dev.eventcrm.projections.testing.MongoTestServer.byId;
import static dev.eventcrm.projections.testing.TestEvents.T0;
import static dev.eventcrm.projections.testing.TestEvents.callLogged;
import static dev.eventcrm.projections.testing.TestEvents.contactCreated;
import static dev.eventcrm.projections.testing.TestEvents.dealOpened;
import static org.assertj.core.api.Assertions.assertThat;

class ContactCardProjectionTest {
    private static MongoTestServer mongo;
    private MongoDatabase database;
    private Projection cards;

    @BeforeAll
    static void startMongo() {
        mongo = new MongoTestServer();
    }

    @AfterAll
    static void stopMongo() {
        mongo.close();
    }

    @BeforeEach
    void freshCards() {
        database = mongo.freshDatabase();
        cards = ContactCardProjection.create(database, new InMemoryEventHistory(), TIMEOUT);
        cards.prepare();
    }

    private Document contact(String id) {
        return byId(database, ContactCardProjection.COLLECTION, id);
    }

    @Test
    void contactCreatedFillsTheCardFromItsPersonalData() {
        cards.applyBatch(List.of(contactCreated("c1", "Ada", T0)));

        Document card = contact("c1");
        assertThat(card.getString("id")).isEqualTo("c1");
        assertThat(card.getString("name")).isEqualTo("Ada");
        assertThat(card.getList("phones", Document.class)).singleElement().satisfies(phone -> {
            assertThat(phone.getString("e164")).isEqualTo("+493012345678");
            assertThat(phone.getString("typed")).isEqualTo("030 12345678");
        });
        assertThat(card.getString("timeZone")).as("from the phone's area").isEqualTo("Europe/Berlin");
        assertThat(card.getList("search", String.class)).containsExactly("ada", "ada@example.com", "+493012345678",
                "493012345678", "3012345678");
        assertThat(card.getList("emails", String.class)).containsExactly("ada@example.com");
        assertThat(card.getString("city")).isEqualTo("Berlin");
        assertThat(card.getString("country")).isEqualTo("DE");
        assertThat(card.getString("source")).isEqualTo("web");
        assertThat(card.getString("ownerId")).isEqualTo("owner-1");
        assertThat(card.getDate("createdAt")).isEqualTo(Date.from(T0));
        assertThat(card.getInteger("callCount")).isZero();
        assertThat(card.getLong("version")).isZero();
    }

    @Test
    void anExplicitTimeZoneWinsAndNameWordsAreFoldedForSearch() {
        ParsedEvent created = TestEvents.event("Contact", "c2", 0, T0, new ContactCreated("c2",
                new ContactPersonalData("José Ёлкин-Müller", List.of("8 (912) 345-67-89"), List.of("Jose@Example.com"),
                        List.of(new PhoneNumber("+79123456789", "8 (912) 345-67-89"))),
                "Moscow", "RU", "web", "owner-1", "Asia/Yekaterinburg"));

        cards.applyBatch(List.of(created));

        Document card = contact("c2");
        assertThat(card.getString("timeZone")).isEqualTo("Asia/Yekaterinburg");
        assertThat(card.getList("search", String.class)).containsExactly("jose", "елкин", "muller",
                "jose@example.com", "+79123456789", "79123456789", "9123456789");
    }

    @Test
    void aContactCreatedBeforeNumbersWereNormalisedKeepsItsNumbersAsTyped() {
        ParsedEvent created = TestEvents.event("Contact", "c3", 0, T0, new ContactCreated("c3",
                new ContactPersonalData("Old", List.of("+49 30 1234"), List.of(), null),
                null, null, null, "owner-1", null));

        cards.applyBatch(List.of(created));

        Document card = contact("c3");
        assertThat(card.getList("phones", Document.class)).singleElement().satisfies(phone -> {
            assertThat(phone.getString("e164")).isNull();
            assertThat(phone.getString("typed")).isEqualTo("+49 30 1234");
        });
        assertThat(card.getString("timeZone")).isNull();
        assertThat(card.getList("search", String.class)).containsExactly("old");
    }

    @Test
    void patchedFieldsChangeTheCardAndAZoneFromThePhoneFollowsANewPhone() {
        cards.applyBatch(List.of(contactCreated("c5", "Ada", T0),
                TestEvents.event("Contact", "c5", 1, T0.plusSeconds(1), new ContactPersonalDataChanged("c5",
                        new ContactPersonalData("Ada Lovelace", List.of("8 (343) 212-34-56"), List.of(),
                                List.of(new PhoneNumber("+73432123456", "8 (343) 212-34-56"))),
                        List.of("name", "phones", "emails"))),
                TestEvents.event("Contact", "c5", 2, T0.plusSeconds(2), new ContactLocationChanged("c5", "Perm",
                        null)),
                TestEvents.event("Contact", "c5", 3, T0.plusSeconds(3), new ContactSourceChanged("c5", null,
                        "referral")),
                TestEvents.event("Contact", "c5", 4, T0.plusSeconds(4), new ContactOwnerAssigned("c5", "owner-1",
                        "owner-2"))));

        Document card = contact("c5");
        assertThat(card.getString("name")).isEqualTo("Ada Lovelace");
        assertThat(card.getString("timeZone")).as("from the new phone's area").isEqualTo("Asia/Yekaterinburg");
        assertThat(card.getList("search", String.class)).contains("lovelace", "+73432123456")
                .doesNotContain("+493012345678");
        assertThat(card.getString("city")).isEqualTo("Perm");
        assertThat(card.getString("country")).isNull();
        assertThat(card.getString("source")).isEqualTo("referral");
        assertThat(card.getString("ownerId")).isEqualTo("owner-2");

        cards.applyBatch(List.of(TestEvents.event("Contact", "c5", 5, T0.plusSeconds(5),
                new ContactTimeZoneChanged("c5", null, "Europe/Samara"))));
        assertThat(contact("c5").getString("timeZone")).as("a given zone wins").isEqualTo("Europe/Samara");
        cards.applyBatch(List.of(TestEvents.event("Contact", "c5", 6, T0.plusSeconds(6),
                new ContactTimeZoneChanged("c5", "Europe/Samara", null))));
        assertThat(contact("c5").getString("timeZone")).as("back to the phone's").isEqualTo("Asia/Yekaterinburg");
    }

    @Test
    void aMergeGivesTheSurvivorBothNumbersAndMarksTheDuplicate() {
        cards.applyBatch(List.of(contactCreated("c6", "Ada", T0), contactCreated("c7", "Ada L.", T0),
                TestEvents.event("Contact", "c7", 1, T0.plusSeconds(1), new ContactMergedInto("c7", "c6")),
                TestEvents.event("Contact", "c6", 1, T0.plusSeconds(1), new ContactMerged("c6", "c7",
                        new ContactPersonalData("Ada", List.of("030 12345678", "8 (343) 212-34-56"), List.of(),
                                List.of(new PhoneNumber("+493012345678", "030 12345678"),
                                        new PhoneNumber("+73432123456", "8 (343) 212-34-56")))))));

        assertThat(contact("c6").getList("phones", Document.class)).hasSize(2);
        assertThat(contact("c6").getList("search", String.class)).contains("+73432123456");
        assertThat(contact("c6").getString("mergedInto")).isNull();
        assertThat(contact("c7").getString("mergedInto")).isEqualTo("c6");
    }

    @Test
    void theCardFollowsTheContactsCompany() {
        ParsedEvent created = TestEvents.event("Contact", "c8", 0, T0, new ContactCreated("c8",
                new ContactPersonalData("Ada", List.of(), List.of(), List.of()), null, null, null, "owner-1", null,
                "co1"));
        cards.applyBatch(List.of(created));
        assertThat(contact("c8").getString("companyId")).isEqualTo("co1");

        cards.applyBatch(List.of(TestEvents.event("Contact", "c8", 1, T0.plusSeconds(1),
                new ContactCompanyChanged("c8", "co1", "co2"))));
        assertThat(contact("c8").getString("companyId")).isEqualTo("co2");

        cards.applyBatch(List.of(TestEvents.event("Contact", "c8", 2, T0.plusSeconds(2),
                new ContactCompanyChanged("c8", "co2", null))));
        assertThat(contact("c8").getString("companyId")).isNull();
        assertThat(contact("c8").getLong("version")).isEqualTo(2L);
    }

    @Test
    void anArchivedContactIsMarkedUntilRestored() {
        cards.applyBatch(List.of(contactCreated("c4", "Ada", T0),
                TestEvents.event("Contact", "c4", 1, T0.plusSeconds(1), new ContactArchived("c4", "manual"))));
        assertThat(contact("c4").getBoolean("archived")).isTrue();
        assertThat(contact("c4").getLong("version")).isEqualTo(1L);

        cards.applyBatch(List.of(TestEvents.event("Contact", "c4", 2, T0.plusSeconds(2), new ContactRestored("c4"))));
        assertThat(contact("c4").getBoolean("archived")).isFalse();
        assertThat(contact("c4").getLong("version")).isEqualTo(2L);
    }

    @Test
    void callBeforeContactCreatedIsKeptWhenTheContactArrives() {
        cards.applyBatch(List.of(callLogged("call-1", "c1", "d1", VOICEMAIL, T0.plusSeconds(10))));
        cards.applyBatch(List.of(callLogged("call-2", "c1", null, CONNECTED, T0.plusSeconds(20))));

        Document placeholder = contact("c1");
        assertThat(placeholder.getLong("version")).isEqualTo(-1L);
        assertThat(placeholder.get("createdAt")).isNull();
        assertThat(placeholder.get("name")).isNull();
        assertThat(placeholder.getInteger("callCount")).isEqualTo(2);

        cards.applyBatch(List.of(contactCreated("c1", "Ada", T0)));

        Document card = contact("c1");
        assertThat(card.getLong("version")).isZero();
        assertThat(card.getString("name")).isEqualTo("Ada");
        assertThat(card.getInteger("callCount")).isEqualTo(2);
        assertThat(CountedCalls.of(card)).containsExactlyInAnyOrder("call-1", "call-2");
        assertThat(card.getString("lastCallOutcome")).isEqualTo("CONNECTED");
        assertThat(card.getDate("lastCallAt")).isEqualTo(Date.from(T0.plusSeconds(20)));
    }

    @Test
    void dealEventsLeaveTheCardsAlone() {
        cards.applyBatch(List.of(dealOpened("d1", "c1", "1.00", T0)));

        assertThat(MongoTestServer.all(database, ContactCardProjection.COLLECTION)).isEmpty();
    }
}
