package dev.eventcrm.command.contact;

import dev.eventcrm.command.RuleViolation;
import dev.eventcrm.command.StaleVersion;
import dev.eventcrm.command.lookup.AggregateLookup;
import dev.eventcrm.command.lookup.InMemoryAggregateLookup;
import dev.eventcrm.events.contact.ContactArchived;
import dev.eventcrm.events.contact.ContactCreated;
import dev.eventcrm.events.contact.ContactRestored;
import dev.eventcrm.events.contact.ContactPersonalData;
import dev.eventcrm.events.contact.PhoneNumber;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ContactTest {

    private static final ContactPersonalData ANNA = new ContactPersonalData("Anna Petrova",
            List.of("8 (912) 345-67-89"), List.of("Anna@Example.com"),
            List.of(new PhoneNumber("+79123456789", "8 (912) 345-67-89")));

    private final InMemoryAggregateLookup lookup = new InMemoryAggregateLookup();
    private final InMemoryContactIdentities identities = new InMemoryContactIdentities();
    private AggregateTestFixture<Contact> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Contact.class);
        fixture.registerInjectableResource(lookup);
        fixture.registerInjectableResource(identities);
    }

    private static CreateContact create(String id, boolean allowDuplicate) {
        return new CreateContact(id, ANNA, "Yekaterinburg", "RU", "web", "m1", "Asia/Yekaterinburg", allowDuplicate);
    }

    @Test
    void creatingAContactKeepsPersonalDataInItsOwnPartOfTheEvent() {
        fixture.givenNoPriorActivity()
                .when(create("c1", false))
                .expectEvents(new ContactCreated("c1", ANNA, "Yekaterinburg", "RU", "web", "m1",
                        "Asia/Yekaterinburg"));
        assertThat(lookup.registered()).containsEntry("c1", AggregateLookup.CONTACT);
    }

    @Test
    void aNewContactClaimsItsPhoneNumbersAndLowerCaseEmails() {
        fixture.givenNoPriorActivity().when(create("c1", false)).expectSuccessfulHandlerExecution();

        assertThat(identities.holders()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "phone:+79123456789", "c1", "email:anna@example.com", "c1"));
    }

    @Test
    void aContactRepeatingAnExistingPhoneNumberIsRefusedWithTheExistingId() {
        identities.with("phone:+79123456789", "c0");

        fixture.givenNoPriorActivity()
                .when(create("c1", false))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("c0"));
        assertThat(lookup.registered()).doesNotContainKey("c1");
    }

    @Test
    void aDuplicateIsCreatedWhenTheRequestAllowsIt() {
        identities.with("email:anna@example.com", "c0");

        fixture.givenNoPriorActivity()
                .when(create("c1", true))
                .expectEvents(new ContactCreated("c1", ANNA, "Yekaterinburg", "RU", "web", "m1",
                        "Asia/Yekaterinburg"));
        assertThat(identities.holders()).containsEntry("email:anna@example.com", "c0")
                .containsEntry("phone:+79123456789", "c1");
    }

    private static final ContactCreated CREATED = new ContactCreated("c1", ANNA, "Yekaterinburg", "RU", "web", "m1",
            "Asia/Yekaterinburg");

    @Test
    void anArchivedContactCanBeRestored() {
        fixture.given(CREATED, new ContactArchived("c1", "manual"))
                .when(new RestoreContact("c1", 1L))
                .expectEvents(new ContactRestored("c1"))
                .expectResultMessagePayload(2L);
    }

    @Test
    void archivingRecordsTheReason() {
        fixture.given(CREATED)
                .when(new ArchiveContact("c1", "moved abroad", null))
                .expectEvents(new ContactArchived("c1", "moved abroad"))
                .expectResultMessagePayload(1L);
    }

    @Test
    void cannotArchiveAnArchivedContact() {
        fixture.given(CREATED, new ContactArchived("c1", "manual"))
                .when(new ArchiveContact("c1", "manual", null))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("already archived"));
    }

    @Test
    void cannotRestoreAContactThatIsNotArchived() {
        fixture.given(CREATED)
                .when(new RestoreContact("c1", null))
                .expectNoEvents()
                .expectException(RuleViolation.class);
    }

    @Test
    void aStaleIfMatchVersionRefusesTheArchive() {
        fixture.given(CREATED, new ContactArchived("c1", "manual"), new ContactRestored("c1"))
                .when(new ArchiveContact("c1", "manual", 0L))
                .expectNoEvents()
                .expectException(StaleVersion.class);
    }
}
