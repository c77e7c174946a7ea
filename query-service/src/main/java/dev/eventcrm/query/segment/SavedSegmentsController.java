package dev.eventcrm.query.segment;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/v1/segments} and {@code GET /api/v1/segments/{id}}: saved dynamic segments, each with its filter and
 * its member count as of now (the members: {@code GET /api/v1/contacts?savedSegment={id}}). A deleted segment is
 * neither listed nor found.
 */
@RestController
@RequestMapping(path = "/api/v1/segments", produces = MediaType.APPLICATION_JSON_VALUE)
class SavedSegmentsController {
    private final SavedSegments segments;

    SavedSegmentsController(SavedSegments segments) {
        this.segments = segments;
    }

    @GetMapping
    Mono<SavedSegmentView.Page> all() {
        return segments.all();
    }

    @GetMapping("/{id}")
    Mono<SavedSegmentView> one(@PathVariable String id) {
        return segments.one(id);
    }
}
