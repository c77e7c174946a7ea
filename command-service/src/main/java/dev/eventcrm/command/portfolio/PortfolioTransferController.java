package dev.eventcrm.command.portfolio;

import dev.eventcrm.api.ApiException;
import dev.eventcrm.command.dispatch.BlockingWork;
import dev.eventcrm.command.dispatch.CommandDispatcher;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.Map;
import java.util.UUID;

@RestController
@RequestMapping(path = "/api/v1/portfolio-transfers", produces = MediaType.APPLICATION_JSON_VALUE)
class PortfolioTransferController {

    record TransferRequest(@NotBlank @Size(max = 100) String fromOwnerId,
                           @NotBlank @Size(max = 100) String toOwnerId) {
    }

    private final PortfolioTransfer transfer;
    private final CommandDispatcher dispatcher;

    PortfolioTransferController(PortfolioTransfer transfer, CommandDispatcher dispatcher) {
        this.transfer = transfer;
        this.dispatcher = dispatcher;
    }

    /** 200 with the counts this request moved; a retry moves (and counts) only what is still left. */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<Map<String, Object>> transfer(@Valid @RequestBody TransferRequest body, ServerHttpRequest request) {
        if (body.fromOwnerId().equals(body.toOwnerId())) {
            throw ApiException.invalid("toOwnerId", "must differ from fromOwnerId");
        }
        CommandDispatcher.CommandOrigin given = dispatcher.origin(request, "API");
        // one correlation id for every event of the hand-over, even when the client sent none
        CommandDispatcher.CommandOrigin origin = given.correlationId() != null ? given
                : new CommandDispatcher.CommandOrigin(given.actorId(), given.channel(), UUID.randomUUID().toString());
        return BlockingWork.toCompletion(() -> transfer.transfer(body.fromOwnerId(), body.toOwnerId(), origin))
                .map(moved -> Map.<String, Object>of("deals", moved.deals(), "contacts", moved.contacts(),
                        "tasks", moved.tasks(), "correlationId", origin.correlationId()));
    }
}
