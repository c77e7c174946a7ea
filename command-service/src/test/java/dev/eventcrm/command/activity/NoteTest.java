package dev.eventcrm.command.activity;

import dev.eventcrm.command.lookup.AggregateLookup;
import dev.eventcrm.command.lookup.InMemoryAggregateLookup;
import dev.eventcrm.events.activity.NoteAdded;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasProperty;

class NoteTest {

    private AggregateTestFixture<Note> fixture;
    private InMemoryAggregateLookup lookup;

    @BeforeEach
    void setUp() {
        lookup = new InMemoryAggregateLookup().with("c1", AggregateLookup.CONTACT).with("d1", AggregateLookup.DEAL);
        fixture = new AggregateTestFixture<>(Note.class);
        fixture.registerInjectableResource(lookup);
    }

    @Test
    void aNoteKeepsItsText() {
        fixture.givenNoPriorActivity()
                .when(new AddNote("n1", "c1", "d1", "prefers calls after 16:00"))
                .expectEvents(new NoteAdded("n1", "c1", "d1", "prefers calls after 16:00"));
        assertThat(lookup.registered()).containsEntry("n1", AggregateLookup.NOTE);
    }

    @Test
    void aNoteRequiresAnExistingContact() {
        fixture.givenNoPriorActivity()
                .when(new AddNote("n1", "c404", null, "text"))
                .expectNoEvents()
                .expectException(allOf(hasProperty("rule", equalTo("unknown-contact")),
                        hasProperty("field", equalTo("contactId"))));
    }

    @Test
    void aNoteAboutADealRequiresAnExistingDeal() {
        fixture.givenNoPriorActivity()
                .when(new AddNote("n1", "c1", "c1", "text"))
                .expectNoEvents()
                .expectException(allOf(hasProperty("rule", equalTo("unknown-deal")),
                        hasProperty("field", equalTo("dealId"))));
        assertThat(lookup.registered()).doesNotContainKey("n1");
    }
}
