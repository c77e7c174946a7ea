package dev.eventcrm.command.pipeline;

import dev.eventcrm.command.RuleViolation;
import dev.eventcrm.command.lookup.AggregateLookup;
import dev.eventcrm.command.lookup.InMemoryAggregateLookup;
import dev.eventcrm.events.pipeline.PipelineCreated;
import dev.eventcrm.events.pipeline.PipelineRenamed;
import dev.eventcrm.events.pipeline.PipelineStage;
import dev.eventcrm.events.pipeline.PipelineStageAdded;
import dev.eventcrm.events.pipeline.PipelineStageChanged;
import dev.eventcrm.events.pipeline.PipelineStageRemoved;
import dev.eventcrm.events.pipeline.PipelineStagesReordered;
import dev.eventcrm.events.pipeline.StageKind;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasProperty;

class PipelineTest {

    private static final PipelineStage LEAD = new PipelineStage("LEAD", "Lead", 5, StageKind.OPEN);
    private static final PipelineStage DEMO = new PipelineStage("DEMO", "Demo", 40, StageKind.OPEN);
    private static final PipelineStage SIGNED = new PipelineStage("SIGNED", "Signed", 100, StageKind.WON);
    private static final PipelineStage DROPPED = new PipelineStage("DROPPED", "Dropped", 0, StageKind.LOST);
    private static final PipelineCreated CREATED =
            new PipelineCreated("p1", "B2B", List.of(LEAD, DEMO, SIGNED, DROPPED));

    private AggregateTestFixture<Pipeline> fixture;
    private InMemoryAggregateLookup lookup;
    private InMemoryPipelines pipelines;

    @BeforeEach
    void setUp() {
        lookup = new InMemoryAggregateLookup();
        pipelines = new InMemoryPipelines();
        fixture = new AggregateTestFixture<>(Pipeline.class);
        fixture.registerInjectableResource(lookup);
        fixture.registerInjectableResource(pipelines);
    }

    @Test
    void creatingAPipelineRecordsItsStagesInOrder() {
        fixture.givenNoPriorActivity()
                .when(new CreatePipeline("p1", "B2B", List.of(LEAD, DEMO, SIGNED, DROPPED)))
                .expectEvents(CREATED);
        assertThat(lookup.registered()).containsEntry("p1", AggregateLookup.PIPELINE);
        assertThat(pipelines.find("p1").orElseThrow().ids()).containsExactly("LEAD", "DEMO", "SIGNED", "DROPPED");
    }

    @Test
    void aPipelineNeedsOpenWonAndLostStages() {
        fixture.givenNoPriorActivity()
                .when(new CreatePipeline("p1", "B2B", List.of(LEAD, SIGNED)))
                .expectNoEvents()
                .expectException(hasProperty("rule", equalTo("missing-stage-kind")));
    }

    @Test
    void stageIdsAreUniqueInAPipeline() {
        fixture.givenNoPriorActivity()
                .when(new CreatePipeline("p1", "B2B", List.of(LEAD, SIGNED, DROPPED,
                        new PipelineStage("LEAD", "Lead again", 10, StageKind.OPEN))))
                .expectNoEvents()
                .expectException(hasProperty("field", equalTo("stages[3].id")));
    }

    @Test
    void renamingRecordsBothNames() {
        fixture.given(CREATED)
                .when(new RenamePipeline("p1", "Enterprise", null))
                .expectEvents(new PipelineRenamed("p1", "B2B", "Enterprise"))
                .expectResultMessagePayload(1L);
    }

    @Test
    void anOpenStageIsAddedAfterTheLastOpenOneUnlessPlaced() {
        PipelineStage trial = new PipelineStage("TRIAL", "Trial", 60, StageKind.OPEN);
        fixture.given(CREATED)
                .when(new AddPipelineStage("p1", trial, null, null))
                .expectEvents(new PipelineStageAdded("p1", trial, 2));
        assertThat(pipelines.find("p1").orElseThrow().ids())
                .containsExactly("LEAD", "DEMO", "TRIAL", "SIGNED", "DROPPED");
    }

    @Test
    void aRemovedStageIdIsNeverReused() {
        fixture.given(CREATED, new PipelineStageRemoved("p1", "DEMO"))
                .when(new AddPipelineStage("p1", DEMO, 1, null))
                .expectNoEvents()
                .expectException(hasProperty("rule", equalTo("stage-id-taken")));
    }

    @Test
    void changingAStageKeepsItsIdAndKind() {
        fixture.given(CREATED)
                .when(new ChangePipelineStage("p1", "DEMO", "Live demo", 45, null))
                .expectEvents(new PipelineStageChanged("p1", DEMO,
                        new PipelineStage("DEMO", "Live demo", 45, StageKind.OPEN)));
    }

    @Test
    void anEmptyStageIsRemoved() {
        pipelines.with("p1", CREATED.stages());
        fixture.given(CREATED)
                .when(new RemovePipelineStage("p1", "DEMO", null))
                .expectEvents(new PipelineStageRemoved("p1", "DEMO"));
        assertThat(pipelines.find("p1").orElseThrow().ids()).containsExactly("LEAD", "SIGNED", "DROPPED");
    }

    @Test
    void aStageThatHoldsDealsCannotBeRemoved() {
        pipelines.with("p1", CREATED.stages()).withDeal("d1", "p1", "DEMO");
        fixture.given(CREATED)
                .when(new RemovePipelineStage("p1", "DEMO", null))
                .expectNoEvents()
                .expectException(hasProperty("rule", equalTo("stage-not-empty")));
    }

    @Test
    void theLastWonStageCannotBeRemoved() {
        fixture.given(CREATED)
                .when(new RemovePipelineStage("p1", "SIGNED", null))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectException(hasProperty("rule", equalTo("last-stage-of-kind")));
    }

    @Test
    void reorderingNamesEveryStage() {
        fixture.given(CREATED)
                .when(new ReorderPipelineStages("p1", List.of("DEMO", "LEAD", "SIGNED", "DROPPED"), null))
                .expectEvents(new PipelineStagesReordered("p1", List.of("LEAD", "DEMO", "SIGNED", "DROPPED"),
                        List.of("DEMO", "LEAD", "SIGNED", "DROPPED")));
    }

    @Test
    void aReorderingMustBeAPermutation() {
        fixture.given(CREATED)
                .when(new ReorderPipelineStages("p1", List.of("DEMO", "LEAD", "SIGNED"), null))
                .expectNoEvents()
                .expectException(hasProperty("field", equalTo("stageIds")));
    }
}
