package dev.eventcrm.command.contact;

import dev.eventcrm.command.RuleViolation;
import dev.eventcrm.command.StaleVersion;
import dev.eventcrm.command.lookup.AggregateLookup;
import dev.eventcrm.command.lookup.InMemoryAggregateLookup;
import dev.eventcrm.events.contact.ContactArchived;
import dev.eventcrm.events.contact.ContactCompanyChanged;
import dev.eventcrm.events.contact.ContactCreated;
import dev.eventcrm.events.contact.ContactLocationChanged;
import dev.eventcrm.events.contact.ContactOwnerAssigned;
import dev.eventcrm.events.contact.ContactPersonalDataChanged;
import dev.eventcrm.events.contact.ContactSourceChanged;
import dev.eventcrm.events.contact.ContactTimeZoneChanged;
import dev.eventcrm.events.contact.ContactRestored;
import dev.eventcrm.events.contact.ContactPersonalData;
import dev.eventcrm.events.contact.PhoneNumber;
import dev.eventcrm.command.owner.InMemoryOwnership;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasProperty;

class ContactTest {

    private static final ContactPersonalData ANNA = new ContactPersonalData("Anna Petrova",
            List.of("8 (912) 345-67-89"), List.of("Anna@Example.com"),
            List.of(new PhoneNumber("+79123456789", "8 (912) 345-67-89")));

    private final InMemoryAggregateLookup lookup = new InMemoryAggregateLookup();
    private final InMemoryContactIdentities identities = new InMemoryContactIdentities();
    private final InMemoryOwnership ownership = new InMemoryOwnership();
    private AggregateTestFixture<Contact> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Contact.class);
        fixture.registerInjectableResource(lookup);
        fixture.registerInjectableResource(identities);
        fixture.registerInjectableResource(ownership);
    }

    private static CreateContact create(String id, boolean allowDuplicate) {
        return new CreateContact(id, ANNA, "Yekaterinburg", "RU", "web", "m1", "Asia/Yekaterinburg", null,
                allowDuplicate);
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

    private static final ContactCreated CREATED_WITHOUT_ZONE = new ContactCreated("c1", ANNA, "Yekaterinburg", "RU",
            "web", "m1", null);
    private static final PhoneNumber SECOND = new PhoneNumber("+79001234567", "+7 900 123-45-67");

    private static ChangeContactDetails change(String name, List<PhoneNumber> phones, ChangeContactDetails.Change city,
                                               boolean allowDuplicate) {
        return new ChangeContactDetails("c1", name, phones, null, city, null, null, null, null, allowDuplicate, null);
    }

    @Test
    void onlyTheChangedFieldsOfAContactBecomeEvents() {
        fixture.given(CREATED_WITHOUT_ZONE)
                .when(new ChangeContactDetails("c1", "Anna Petrova", null, null,
                        new ChangeContactDetails.Change("Perm"), null, new ChangeContactDetails.Change(null),
                        new ChangeContactDetails.Change("Asia/Yekaterinburg"), null, false, null))
                .expectEvents(new ContactLocationChanged("c1", "Perm", "RU"),
                        new ContactSourceChanged("c1", "web", null),
                        new ContactTimeZoneChanged("c1", null, "Asia/Yekaterinburg"))
                .expectResultMessagePayload(3L);
    }

    @Test
    void anUnchangedPatchStoresNothing() {
        fixture.given(CREATED_WITHOUT_ZONE)
                .when(change("Anna Petrova", ANNA.phoneNumbers(), new ChangeContactDetails.Change("Yekaterinburg"),
                        false))
                .expectNoEvents()
                .expectResultMessagePayload(0L);
    }

    @Test
    void aNewPhoneChangesThePersonalDataAndNamesWhatChanged() {
        fixture.given(CREATED_WITHOUT_ZONE)
                .when(change(null, List.of(ANNA.phoneNumbers().get(0), SECOND), null, false))
                .expectEvents(new ContactPersonalDataChanged("c1", new ContactPersonalData("Anna Petrova",
                        List.of("8 (912) 345-67-89", "+7 900 123-45-67"), List.of("Anna@Example.com"),
                        List.of(ANNA.phoneNumbers().get(0), SECOND)), List.of("phones")));
        assertThat(identities.holders()).containsEntry("phone:+79001234567", "c1");
    }

    @Test
    void aPhoneOfAnotherContactIsADuplicateUnlessAllowed() {
        identities.with("phone:+79001234567", "c2");
        fixture.given(CREATED_WITHOUT_ZONE)
                .when(change(null, List.of(SECOND), null, false))
                .expectNoEvents()
                .expectException(hasProperty("rule", equalTo("duplicate-contact")));
        fixture.given(CREATED_WITHOUT_ZONE)
                .when(change(null, List.of(SECOND), null, true))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void anArchivedContactIsRestoredBeforeItChanges() {
        fixture.given(CREATED_WITHOUT_ZONE, new ContactArchived("c1", "manual"))
                .when(change("Anna Orlova", null, null, false))
                .expectNoEvents()
                .expectException(hasProperty("rule", equalTo("contact-archived")));
    }

    @Test
    void assigningAContactsOwnerRecordsThePreviousOne() {
        fixture.given(CREATED_WITHOUT_ZONE)
                .when(new AssignContactOwner("c1", "m2", null))
                .expectEvents(new ContactOwnerAssigned("c1", "m1", "m2"))
                .expectResultMessagePayload(1L);
    }

    @Test
    void aContactCreatedInAnExistingCompanyNamesIt() {
        lookup.with("co1", AggregateLookup.COMPANY);

        fixture.givenNoPriorActivity()
                .when(new CreateContact("c1", ANNA, null, null, null, "m1", null, "co1", false))
                .expectEvents(new ContactCreated("c1", ANNA, null, null, null, "m1", null, "co1"));
    }

    @Test
    void aContactOfAnUnknownCompanyIsRefusedNamingCompanyId() {
        lookup.with("d1", AggregateLookup.DEAL);

        for (String unknown : List.of("co-missing", "d1")) {
            fixture.givenNoPriorActivity()
                    .when(new CreateContact("c1", ANNA, null, null, null, "m1", null, unknown, false))
                    .expectNoEvents()
                    .expectException(hasProperty("field", equalTo("companyId")));
        }
        assertThat(identities.holders()).as("nothing claimed by a refused contact stays").isEmpty();
        assertThat(lookup.registered()).doesNotContainKey("c1");
    }

    private static ChangeContactDetails company(String companyId) {
        return new ChangeContactDetails("c1", null, null, null, null, null, null, null,
                new ChangeContactDetails.Change(companyId), false, null);
    }

    @Test
    void aContactMovesToAnotherCompanyAndLeavesIt() {
        lookup.with("co1", AggregateLookup.COMPANY).with("co2", AggregateLookup.COMPANY);
        ContactCreated inCompany = new ContactCreated("c1", ANNA, null, null, null, "m1", null, "co1");

        fixture.given(inCompany)
                .when(company("co2"))
                .expectEvents(new ContactCompanyChanged("c1", "co1", "co2"))
                .expectResultMessagePayload(1L);
        fixture.given(inCompany, new ContactCompanyChanged("c1", "co1", "co2"))
                .when(company(null))
                .expectEvents(new ContactCompanyChanged("c1", "co2", null))
                .expectResultMessagePayload(2L);
        fixture.given(inCompany)
                .when(company("co1"))
                .expectNoEvents()
                .expectResultMessagePayload(0L);
    }

    @Test
    void aContactCannotJoinAnUnknownCompany() {
        fixture.given(CREATED_WITHOUT_ZONE)
                .when(company("co-missing"))
                .expectNoEvents()
                .expectException(hasProperty("field", equalTo("companyId")));
    }
}
