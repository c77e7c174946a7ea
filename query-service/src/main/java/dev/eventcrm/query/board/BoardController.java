package dev.eventcrm.query.board;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.eventcrm.api.ApiException;
import dev.eventcrm.query.QueryProperties;
import dev.eventcrm.query.deal.DealView;
import dev.eventcrm.query.pipeline.PipelineStages;
import dev.eventcrm.query.pipeline.PipelineView;
import dev.eventcrm.query.web.QueryParams;
import org.bson.Document;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static dev.eventcrm.query.mongo.Documents.string;

/**
 * {@code GET /api/v1/pipelines/{id}/board}: every stage of the pipeline in order, empty ones and WON/LOST included.
 * Deals in a stage the pipeline no longer has (the command side removes only empty stages, so this should not
 * happen) are not dropped: each such stage follows the pipeline's own, in id order, with a null name and
 * probability 0.
 */
@RestController
@RequestMapping(path = "/api/v1/pipelines", produces = MediaType.APPLICATION_JSON_VALUE)
class BoardController {

    /** Stages whose cards are read at the same time. */
    private static final int CONCURRENT_STAGES = 4;

    private final BoardRepository deals;
    private final PipelineStages pipelines;
    private final QueryProperties properties;

    BoardController(BoardRepository deals, PipelineStages pipelines, QueryProperties properties) {
        this.deals = deals;
        this.pipelines = pipelines;
        this.properties = properties;
    }

    @GetMapping("/{id}/board")
    Mono<BoardView> board(@PathVariable String id, @RequestParam(required = false) String dealsPerStage) {
        int perStage = QueryParams.intInRange("dealsPerStage", dealsPerStage, properties.boardDealsPerStage(), 1,
                properties.maxBoardDealsPerStage());
        return pipelines.of(id)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Pipeline " + id + " does not exist")))
                .zipWith(tallies(id))
                .flatMap(stagesAndTallies -> Flux.fromIterable(columns(stagesAndTallies.getT1(),
                                stagesAndTallies.getT2().keySet()))
                        .flatMapSequential(stage -> column(id, stage,
                                stagesAndTallies.getT2().getOrDefault(stage.id(), new StageTally()), perStage),
                                CONCURRENT_STAGES)
                        .collectList())
                .map(columns -> new BoardView(id, columns));
    }

    private Mono<Map<String, StageTally>> tallies(String pipelineId) {
        return deals.stagesAndAmounts(pipelineId).collect(HashMap::new, (tallies, deal) ->
                tallies.computeIfAbsent(string(deal, "stage"), stage -> new StageTally()).add(deal));
    }

    /** The pipeline's stages, then those only deals still name. */
    private static List<PipelineView.Stage> columns(List<PipelineView.Stage> stages, Set<String> occupied) {
        List<PipelineView.Stage> columns = new ArrayList<>(stages);
        Set<String> orphans = new TreeSet<>(occupied);
        stages.forEach(stage -> orphans.remove(stage.id()));
        orphans.forEach(stage -> columns.add(new PipelineView.Stage(stage, null, 0, null)));
        return columns;
    }

    private Mono<BoardView.StageColumn> column(String pipelineId, PipelineView.Stage stage, StageTally tally,
                                               int perStage) {
        Mono<List<Document>> cards = tally.count() == 0 ? Mono.just(List.of())
                : deals.newest(pipelineId, stage.id(), perStage);
        return cards.map(documents -> new BoardView.StageColumn(stage.id(), stage.name(), stage.probability(),
                tally.count(), tally.totals(stage.probability()), documents.stream().map(DealView::from).toList()));
    }
}
