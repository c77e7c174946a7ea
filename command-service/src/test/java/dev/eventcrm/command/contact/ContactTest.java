package dev.eventcrm.command.contact;

import dev.eventcrm.events.contact.ContactCreated;
import dev.eventcrm.events.contact.ContactPersonalData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.util.List;

class ContactTest {

    @Test
    void creatingAContactKeepsPersonalDataInItsOwnPartOfTheEvent() {
        ContactPersonalData personal = new ContactPersonalData("Anna Petrova", List.of("+79123456789"),
                List.of("anna@example.com"));
        new AggregateTestFixture<>(Contact.class)
                .givenNoPriorActivity()
                .when(new CreateContact("c1", personal, "Yekaterinburg", "RU", "web", "m1"))
                .expectEvents(new ContactCreated("c1", personal, "Yekaterinburg", "RU", "web", "m1"));
    }
}
