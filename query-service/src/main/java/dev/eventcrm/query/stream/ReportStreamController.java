package dev.eventcrm.query.stream;

import dev.eventcrm.query.web.QueryParams;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /api/v1/reports/stream?reports=funnel,forecast}: one {@code event: ReportChanged} per change of the
 * reports asked for (all when absent), {@code data: {"reports":[...],"type","aggregateId"}}, {@code id} = the change
 * feed's position, so {@code Last-Event-ID} resumes as on {@code /api/v1/stream}. The change feed is folded after
 * every report's projection, so a report read on this message already includes the change.
 */
@RestController
class ReportStreamController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ChangeFeedHub hub;

    ReportStreamController(ChangeFeedHub hub) {
        this.hub = hub;
    }

    @GetMapping(path = "/api/v1/reports/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Mono<Void> stream(@RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
                      @RequestParam(required = false) String reports, ServerWebExchange exchange) {
        Set<String> wanted = ReportChanges.reports(reports);
        Long resumeAfter = QueryParams.nonNegativeLong("Last-Event-ID", lastEventId);
        Mono<Long> start = resumeAfter != null ? Mono.just(resumeAfter) : hub.startPosition();
        ChangeFilter filter = new ChangeFilter(ReportChanges.types(wanted), null, null);

        ServerHttpResponse response = exchange.getResponse();
        response.getHeaders().setContentType(MediaType.TEXT_EVENT_STREAM);
        response.getHeaders().setCacheControl("no-cache");
        response.getHeaders().set("X-Accel-Buffering", "no");
        DataBufferFactory buffers = response.bufferFactory();
        Flux<Frame> frames = start.flatMapMany(after -> hub.follow(after, filter).startWith(Frame.CONNECTED))
                .map(frame -> frame.isChange() ? reportChanged(frame, wanted) : frame);
        return response.writeWith(frames.map(frame -> buffers.wrap(frame.bytes())));
    }

    private static Frame reportChanged(Frame change, Set<String> wanted) {
        Map<String, Object> data = new LinkedHashMap<>();
        List<String> changed = ReportChanges.changedBy(change.type(), wanted);
        data.put("reports", changed);
        data.put("type", change.type());
        data.put("aggregateId", change.aggregateId());
        String sse = "id:" + change.position() + "\nevent:ReportChanged\ndata:" + JSON.writeValueAsString(data)
                + "\n\n";
        return new Frame(change.position(), "ReportChanged", change.aggregateId(), null,
                sse.getBytes(StandardCharsets.UTF_8));
    }
}
