package dev.eventcrm.command.contact;

import dev.eventcrm.command.lookup.AggregateLookup;
import dev.eventcrm.command.lookup.InMemoryAggregateLookup;
import dev.eventcrm.events.contact.ContactCreated;
import dev.eventcrm.events.contact.ContactPersonalData;
import dev.eventcrm.events.contact.PhoneNumber;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ContactTest {

    @Test
    void creatingAContactKeepsPersonalDataInItsOwnPartOfTheEvent() {
        ContactPersonalData personal = new ContactPersonalData("Anna Petrova", List.of("8 (912) 345-67-89"),
                List.of("anna@example.com"), List.of(new PhoneNumber("+79123456789", "8 (912) 345-67-89")));
        InMemoryAggregateLookup lookup = new InMemoryAggregateLookup();
        AggregateTestFixture<Contact> fixture = new AggregateTestFixture<>(Contact.class);
        fixture.registerInjectableResource(lookup);
        fixture.givenNoPriorActivity()
                .when(new CreateContact("c1", personal, "Yekaterinburg", "RU", "web", "m1", "Asia/Yekaterinburg"))
                .expectEvents(new ContactCreated("c1", personal, "Yekaterinburg", "RU", "web", "m1",
                        "Asia/Yekaterinburg"));
        assertThat(lookup.registered()).containsEntry("c1", AggregateLookup.CONTACT);
    }
}
