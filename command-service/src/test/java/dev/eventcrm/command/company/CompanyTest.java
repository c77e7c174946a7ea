package dev.eventcrm.command.company;

import dev.eventcrm.api.ApiException;
import dev.eventcrm.command.RuleViolation;
import dev.eventcrm.command.StaleVersion;
import dev.eventcrm.command.lookup.AggregateLookup;
import dev.eventcrm.command.lookup.InMemoryAggregateLookup;
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
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasProperty;

class CompanyTest {

    private static final String INN = "7707083893";
    private static final PhoneNumber OFFICE = new PhoneNumber("+74951234567", "8 (495) 123-45-67");
    private static final PhoneNumber SALES = new PhoneNumber("+74957654321", "+7 495 765-43-21");
    private static final CompanyCreated CREATED = new CompanyCreated("co1", "Uralsteel", INN, List.of(OFFICE),
            List.of("Info@Uralsteel.example"), "uralsteel.example", "Yekaterinburg", "RU", "web", "m1");

    private final InMemoryAggregateLookup lookup = new InMemoryAggregateLookup();
    private final InMemoryCompanyIdentities identities = new InMemoryCompanyIdentities();
    private final InMemoryCompanyNames names = new InMemoryCompanyNames();
    private AggregateTestFixture<Company> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Company.class);
        fixture.registerInjectableResource(lookup);
        fixture.registerInjectableResource(names);
        fixture.registerInjectableResource(identities);
    }

    private static CreateCompany create(String id, boolean allowDuplicate) {
        return new CreateCompany(id, "Uralsteel", INN, List.of(OFFICE), List.of("Info@Uralsteel.example"),
                "uralsteel.example", "Yekaterinburg", "RU", "web", "m1", allowDuplicate);
    }

    private static ChangeCompanyDetails.Change to(String value) {
        return new ChangeCompanyDetails.Change(value);
    }

    @Test
    void aCompanyIsFoundByItsNameWrittenAnotherWayAndAfterARename() {
        fixture.givenNoPriorActivity()
                .when(new CreateCompany("co1", "ООО «Ромашка»", null, List.of(), List.of(), null, null, null, null,
                        "m1", false))
                .expectSuccessfulHandlerExecution();
        assertThat(names.withName("ооо \"ромашка\"")).containsExactly("co1");
    }

    @Test
    void creatingACompanyRegistersItAndClaimsItsInnPhonesAndLowerCaseEmails() {
        fixture.givenNoPriorActivity()
                .when(create("co1", false))
                .expectEvents(CREATED);

        assertThat(lookup.registered()).containsEntry("co1", AggregateLookup.COMPANY);
        assertThat(identities.holders()).containsExactlyInAnyOrderEntriesOf(Map.of("inn:" + INN, "co1",
                "phone:+74951234567", "co1", "email:info@uralsteel.example", "co1"));
    }

    @Test
    void aCompanyRepeatingAnExistingInnIsRefusedWithTheExistingId() {
        identities.with("inn:" + INN, "co0");

        fixture.givenNoPriorActivity()
                .when(create("co1", false))
                .expectNoEvents()
                .expectException(hasProperty("details", equalTo(Map.of("existingId", "co0"))))
                .expectException(hasProperty("rule", equalTo(Company.DUPLICATE)));
        assertThat(lookup.registered()).doesNotContainKey("co1");
    }

    @Test
    void aDuplicateIsCreatedWhenAllowedAndTheIdentitiesStayWithTheFirst() {
        identities.with("phone:+74951234567", "co0");

        fixture.givenNoPriorActivity()
                .when(create("co1", true))
                .expectEvents(new CompanyCreated("co1", "Uralsteel", INN, List.of(OFFICE),
                        List.of("Info@Uralsteel.example"), "uralsteel.example", "Yekaterinburg", "RU", "web", "m1"));
        assertThat(identities.holders()).containsEntry("phone:+74951234567", "co0").containsEntry("inn:" + INN, "co1");
    }

    @Test
    void onlyTheChangedFieldsOfACompanyBecomeEvents() {
        fixture.given(CREATED)
                .when(new ChangeCompanyDetails("co1", "Uralsteel Group", to(INN), List.of(OFFICE, SALES), null,
                        to(null), to("Yekaterinburg"), to("RU"), to("referral"), false, null))
                .expectEvents(new CompanyRenamed("co1", "Uralsteel", "Uralsteel Group"),
                        new CompanyPhonesChanged("co1", List.of(OFFICE, SALES)),
                        new CompanyWebsiteChanged("co1", "uralsteel.example", null),
                        new CompanySourceChanged("co1", "web", "referral"))
                .expectResultMessagePayload(4L);
        assertThat(identities.holders()).containsEntry("phone:+74957654321", "co1");
    }

    @Test
    void eachOtherFieldHasItsEvent() {
        String newInn = "500100732259";
        fixture.given(CREATED)
                .when(new ChangeCompanyDetails("co1", null, to(newInn), null, List.of("sales@uralsteel.example"),
                        null, to("Perm"), null, null, false, 0L))
                .expectEvents(new CompanyInnChanged("co1", INN, newInn),
                        new CompanyEmailsChanged("co1", List.of("sales@uralsteel.example")),
                        new CompanyLocationChanged("co1", "Perm", "RU"))
                .expectResultMessagePayload(3L);
    }

    @Test
    void anUnchangedPatchStoresNothing() {
        fixture.given(CREATED)
                .when(new ChangeCompanyDetails("co1", "Uralsteel", to(INN), List.of(OFFICE),
                        List.of("Info@Uralsteel.example"), to("uralsteel.example"), null, to("RU"), null, false, null))
                .expectNoEvents()
                .expectResultMessagePayload(0L);
    }

    @Test
    void aNewPhoneOfAnotherCompanyIsADuplicateUnlessAllowed() {
        identities.with("phone:+74957654321", "co2");
        ChangeCompanyDetails addSales = new ChangeCompanyDetails("co1", null, null, List.of(OFFICE, SALES), null,
                null, null, null, null, false, null);

        fixture.given(CREATED)
                .when(addSales)
                .expectNoEvents()
                .expectException(hasProperty("details", equalTo(Map.of("existingId", "co2"))));
        fixture.given(CREATED)
                .when(new ChangeCompanyDetails("co1", null, null, List.of(OFFICE, SALES), null, null, null, null,
                        null, true, null))
                .expectEvents(new CompanyPhonesChanged("co1", List.of(OFFICE, SALES)));
    }

    @Test
    void anArchivedCompanyIsRestoredBeforeItChanges() {
        fixture.given(CREATED, new CompanyArchived("co1", "manual"))
                .when(new ChangeCompanyDetails("co1", "Other", null, null, null, null, null, null, null, false, null))
                .expectNoEvents()
                .expectException(hasProperty("rule", equalTo("company-archived")));
    }

    @Test
    void archivingAndRestoringFollowEachOther() {
        fixture.given(CREATED)
                .when(new ArchiveCompany("co1", "closed down", 0L))
                .expectEvents(new CompanyArchived("co1", "closed down"))
                .expectResultMessagePayload(1L);
        fixture.given(CREATED, new CompanyArchived("co1", "manual"))
                .when(new RestoreCompany("co1", null))
                .expectEvents(new CompanyRestored("co1"))
                .expectResultMessagePayload(2L);
        fixture.given(CREATED, new CompanyArchived("co1", "manual"))
                .when(new ArchiveCompany("co1", "manual", null))
                .expectNoEvents()
                .expectException(hasProperty("rule", equalTo("company-archived")));
        fixture.given(CREATED)
                .when(new RestoreCompany("co1", null))
                .expectNoEvents()
                .expectException(hasProperty("rule", equalTo("company-not-archived")));
    }

    @Test
    void aStaleIfMatchVersionRefusesTheCommand() {
        fixture.given(CREATED, new CompanyArchived("co1", "manual"), new CompanyRestored("co1"))
                .when(new ArchiveCompany("co1", "manual", 0L))
                .expectNoEvents()
                .expectException(StaleVersion.class);
    }

    @Test
    void assigningTheOwnerRecordsThePreviousOneAndRefusesTheSameOwner() {
        fixture.given(CREATED)
                .when(new AssignCompanyOwner("co1", "m2", null))
                .expectEvents(new CompanyOwnerAssigned("co1", "m1", "m2"))
                .expectResultMessagePayload(1L);
        fixture.given(CREATED)
                .when(new AssignCompanyOwner("co1", "m1", null))
                .expectNoEvents()
                .expectException(RuleViolation.class);
    }

    @Test
    void anInnNeedsItsCheckDigits() {
        assertThat(Inn.checked("inn", "7707 083893")).isEqualTo(INN);
        assertThat(Inn.checked("inn", "500100732259")).isEqualTo("500100732259");
        for (String bad : List.of("7707083894", "500100732258", "770708389", "77070838931", "77070838a3")) {
            assertThatThrownBy(() -> Inn.checked("inn", bad)).as(bad).isInstanceOf(ApiException.class);
        }
    }
}
