package dev.eventcrm.query.segment;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/v1/reports/segments}: the listed contacts per RFM segment, lifecycle stage, engagement window,
 * country, city and source, and the customers' value per currency, as of now. The definitions are in the README
 * ("Segmentation and customer value").
 */
@RestController
@RequestMapping(path = "/api/v1/reports", produces = MediaType.APPLICATION_JSON_VALUE)
class SegmentsController {
    private final Segments segments;

    SegmentsController(Segments segments) {
        this.segments = segments;
    }

    @GetMapping("/segments")
    Mono<SegmentsView> segments() {
        return segments.report();
    }
}
