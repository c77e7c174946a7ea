package dev.eventcrm.query.pipeline;

import dev.eventcrm.api.ApiException;
import dev.eventcrm.query.web.VersionTag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The pipelines as the read model holds them (the board is {@code BoardController}'s). */
@RestController
@RequestMapping(path = "/api/v1/pipelines", produces = MediaType.APPLICATION_JSON_VALUE)
class PipelineController {

    private final PipelineRepository pipelines;

    PipelineController(PipelineRepository pipelines) {
        this.pipelines = pipelines;
    }

    @GetMapping
    Mono<PipelineList> list() {
        return pipelines.findAll().map(PipelineView::from).collectList().map(PipelineList::new);
    }

    @GetMapping("/{id}")
    Mono<ResponseEntity<PipelineView>> get(@PathVariable String id) {
        return pipelines.findById(id)
                .map(PipelineView::from)
                .map(view -> VersionTag.ok(view.version(), view))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Pipeline " + id + " does not exist")));
    }
}
