package dev.eventcrm.command.segment;

import dev.eventcrm.command.StaleVersion;
import dev.eventcrm.command.lookup.AggregateLookup;
import dev.eventcrm.command.lookup.InMemoryAggregateLookup;
import dev.eventcrm.events.segment.SegmentDeleted;
import dev.eventcrm.events.segment.SegmentFilter;
import dev.eventcrm.events.segment.SegmentSaved;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.eventcrm.events.segment.LifecycleStage.CUSTOMER;
import static dev.eventcrm.events.segment.RfmSegment.AT_RISK;
import static dev.eventcrm.events.segment.RfmSegment.CHAMPIONS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasProperty;
import static org.hamcrest.Matchers.instanceOf;

class SegmentTest {
    private static final SegmentFilter GERMAN_CHAMPIONS = new SegmentFilter(List.of(CHAMPIONS), null, List.of("DE"),
            null, null, 1, null, null, null);
    private static final SegmentSaved SAVED = new SegmentSaved("s1", "German champions", GERMAN_CHAMPIONS);

    private AggregateTestFixture<Segment> fixture;
    private InMemoryAggregateLookup lookup;

    @BeforeEach
    void setUp() {
        lookup = new InMemoryAggregateLookup();
        fixture = new AggregateTestFixture<>(Segment.class);
        fixture.registerInjectableResource(lookup);
    }

    @Test
    void aSegmentIsSavedWithItsTrimmedNameAndRegistered() {
        fixture.givenNoPriorActivity()
                .when(new SaveSegment("s1", "  German champions ", GERMAN_CHAMPIONS))
                .expectEvents(SAVED);
        assertThat(lookup.registered()).containsEntry("s1", AggregateLookup.SEGMENT);
    }

    @Test
    void aRedefinitionIsANewEventOfTheWholeDefinition() {
        SegmentFilter atRisk = new SegmentFilter(List.of(AT_RISK), List.of(CUSTOMER), null, null, null, null, 0, null,
                null);
        fixture.given(SAVED)
                .when(new RedefineSegment("s1", "Slipping customers", atRisk, 0L))
                .expectEvents(new SegmentSaved("s1", "Slipping customers", atRisk))
                .expectResultMessagePayload(1L);
    }

    @Test
    void theSameDefinitionStoresNothing() {
        fixture.given(SAVED)
                .when(new RedefineSegment("s1", "German champions",
                        new SegmentFilter(List.of(CHAMPIONS), List.of(), List.of("DE"), List.of(), null, 1, null,
                                null, null), null))
                .expectNoEvents()
                .expectResultMessagePayload(0L);
    }

    @Test
    void aStaleVersionIsRefused() {
        fixture.given(SAVED, SAVED)
                .when(new RedefineSegment("s1", "Other", GERMAN_CHAMPIONS, 0L))
                .expectNoEvents()
                .expectException(instanceOf(StaleVersion.class));
    }

    @Test
    void aDeletedSegmentCanNeitherBeRedefinedNorDeletedAgain() {
        fixture.given(SAVED)
                .when(new DeleteSegment("s1", 0L))
                .expectEvents(new SegmentDeleted("s1"))
                .expectResultMessagePayload(1L);
        fixture.given(SAVED, new SegmentDeleted("s1"))
                .when(new RedefineSegment("s1", "Back", GERMAN_CHAMPIONS, null))
                .expectNoEvents()
                .expectException(hasProperty("rule", equalTo("segment-deleted")));
        fixture.given(SAVED, new SegmentDeleted("s1"))
                .when(new DeleteSegment("s1", null))
                .expectNoEvents()
                .expectException(hasProperty("rule", equalTo("segment-deleted")));
    }

    @Test
    void aBlankNameIsAFieldError() {
        fixture.givenNoPriorActivity()
                .when(new SaveSegment("s2", " ", GERMAN_CHAMPIONS))
                .expectNoEvents()
                .expectException(allOf(hasProperty("rule", equalTo("segment-name-blank")),
                        hasProperty("field", equalTo("name"))));
        assertThat(lookup.registered()).doesNotContainKey("s2");
    }

    @Test
    void activityBoundsAreNotNegativeAndAMinimumIsNotAboveItsMaximum() {
        fixture.givenNoPriorActivity()
                .when(new SaveSegment("s2", "Busy", new SegmentFilter(null, null, null, null, null, -1, null, null,
                        null)))
                .expectException(hasProperty("field", equalTo("filter.minActivities30d")));
        fixture.givenNoPriorActivity()
                .when(new SaveSegment("s2", "Busy", new SegmentFilter(null, null, null, null, null, null, null, 5, 2)))
                .expectException(allOf(hasProperty("rule", equalTo("segment-bounds-crossed")),
                        hasProperty("field", equalTo("filter.maxActivities90d"))));
    }

    @Test
    void aBlankCountryCityOrSourceIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new SaveSegment("s2", "Nowhere", new SegmentFilter(null, null, null, List.of(" "), null, null,
                        null, null, null)))
                .expectException(hasProperty("rule", equalTo("segment-value-blank")));
    }
}
