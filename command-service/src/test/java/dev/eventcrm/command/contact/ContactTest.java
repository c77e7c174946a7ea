package dev.eventcrm.command.contact;

import dev.eventcrm.command.lookup.AggregateLookup;
import dev.eventcrm.command.lookup.InMemoryAggregateLookup;
import dev.eventcrm.events.contact.ContactCreated;
import dev.eventcrm.events.contact.ContactPersonalData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ContactTest {

    @Test
    void creatingAContactKeepsPersonalDataInItsOwnPartOfTheEvent() {
        ContactPersonalData personal = new ContactPersonalData("Anna Petrova", List.of("+79123456789"),
                List.of("anna@example.com"));
        InMemoryAggregateLookup lookup = new InMemoryAggregateLookup();
        AggregateTestFixture<Contact> fixture = new AggregateTestFixture<>(Contact.class);
        fixture.registerInjectableResource(lookup);
        fixture.givenNoPriorActivity()
                .when(new CreateContact("c1", personal, "Yekaterinburg", "RU", "web", "m1"))
                .expectEvents(new ContactCreated("c1", personal, "Yekaterinburg", "RU", "web", "m1"));
        assertThat(lookup.registered()).containsEntry("c1", AggregateLookup.CONTACT);
    }
}
