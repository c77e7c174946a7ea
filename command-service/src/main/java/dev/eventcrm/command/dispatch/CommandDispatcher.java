package dev.eventcrm.command.dispatch;

import dev.eventcrm.api.ApiException;
import dev.eventcrm.command.CommandServiceProperties;
import dev.eventcrm.command.RuleViolation;
import dev.eventcrm.command.StaleVersion;
import dev.eventcrm.events.EventMetadata;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Sends a command to its aggregate with the audit metadata, inside one database transaction that also records the
 * Idempotency-Key, off the event loop (JDBC blocks). A key replayed with the same request returns the first
 * response and stores nothing; with another request it is refused.
 */
@Component
public class CommandDispatcher {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    public static final String CORRELATION_ID = "X-Correlation-Id";
    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {
    };

    private final CommandGateway commandGateway;
    private final TransactionTemplate transaction;
    private final IdempotencyStore idempotency;
    private final List<CommitListener> commitListeners;
    private final JsonMapper json;
    private final String defaultActor;

    CommandDispatcher(CommandGateway commandGateway, PlatformTransactionManager transactionManager,
                      IdempotencyStore idempotency, List<CommitListener> commitListeners, JsonMapper json,
                      CommandServiceProperties properties) {
        this.commandGateway = commandGateway;
        this.transaction = new TransactionTemplate(transactionManager);
        this.idempotency = idempotency;
        this.commitListeners = commitListeners;
        this.json = json;
        this.defaultActor = properties.commands().defaultActor();
    }

    /**
     * @param request    the HTTP request (headers, path)
     * @param body       the parsed request body, hashed to recognise a replayed Idempotency-Key
     * @param command    the command to send
     * @param occurredAt business time of the change
     * @param respond    turns the handler's result into the response
     */
    public Mono<ResponseEntity<Map<String, Object>>> dispatch(ServerHttpRequest request, Object body, Object command,
                                                              Instant occurredAt,
                                                              Function<Object, CommandResponse> respond) {
        String key = request.getHeaders().getFirst(IDEMPOTENCY_KEY);
        String scope = key == null ? null : request.getMethod().name() + " " + request.getPath().value() + " " + key;
        String requestHash = key == null ? null : hash(request, body);
        Map<String, String> metadata = metadata(request, occurredAt);
        return Mono.fromCallable(() -> send(scope, requestHash, command, metadata, respond))
                .subscribeOn(Schedulers.boundedElastic())
                .onErrorMap(CommandDispatcher::toProblem);
    }

    private ResponseEntity<Map<String, Object>> send(String scope, String requestHash, Object command,
                                                     Map<String, String> metadata,
                                                     Function<Object, CommandResponse> respond) {
        if (scope != null) {
            Optional<ResponseEntity<Map<String, Object>>> replay = replay(scope, requestHash);
            if (replay.isPresent()) {
                return replay.get();
            }
        }
        CommandResponse response;
        try {
            response = transaction.execute(status -> {
                Object result = commandGateway.sendAndWait(
                        GenericCommandMessage.asCommandMessage(command).andMetaData(metadata));
                CommandResponse answer = respond.apply(result);
                if (scope != null) {
                    idempotency.save(scope, requestHash, answer.status(), json.writeValueAsString(answer.body()));
                }
                return answer;
            });
        } catch (DuplicateKeyException concurrentSameKey) {
            // Another request with this key committed first; its response is the answer.
            return replay(scope, requestHash).orElseThrow(() -> concurrentSameKey);
        }
        commitListeners.forEach(CommitListener::eventsCommitted);
        return ResponseEntity.status(response.status()).body(response.body());
    }

    private Optional<ResponseEntity<Map<String, Object>>> replay(String scope, String requestHash) {
        return idempotency.find(scope).map(stored -> {
            if (!stored.requestHash().equals(requestHash)) {
                throw ApiException.unprocessable("idempotency-key-reused",
                        "This Idempotency-Key was already used with a different request");
            }
            return ResponseEntity.status(stored.status())
                    .header("Idempotent-Replayed", "true")
                    .body(json.readValue(stored.body(), JSON_OBJECT));
        });
    }

    private Map<String, String> metadata(ServerHttpRequest request, Instant occurredAt) {
        String commandId = UUID.randomUUID().toString();
        String correlationId = Optional.ofNullable(request.getHeaders().getFirst(CORRELATION_ID)).orElse(commandId);
        return Map.of(
                EventMetadata.ACTOR_ID, defaultActor,
                EventMetadata.CHANNEL, "API",
                EventMetadata.COMMAND_ID, commandId,
                EventMetadata.CORRELATION_ID, correlationId,
                EventMetadata.OCCURRED_AT, occurredAt.toString());
    }

    private String hash(ServerHttpRequest request, Object body) {
        String ifMatch = String.valueOf(request.getHeaders().getFirst("If-Match"));
        String canonical = request.getMethod().name() + "\n" + request.getPath().value() + "\n" + ifMatch + "\n"
                + json.writeValueAsString(body);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    private static Throwable toProblem(Throwable error) {
        if (error instanceof RuleViolation violation) {
            return violation.getField() != null
                    ? ApiException.invalid(violation.getField(), violation.getMessage())
                    : ApiException.conflict(violation.getRule(), violation.getMessage());
        }
        if (error instanceof StaleVersion stale) {
            return ApiException.conflict("version-conflict", stale.getMessage());
        }
        if (error instanceof AggregateNotFoundException notFound) {
            return ApiException.notFound("Unknown id " + notFound.getAggregateIdentifier());
        }
        if (error instanceof ConcurrencyException) {
            return ApiException.conflict("concurrent-modification",
                    "Another change to this record was committed at the same time; retry");
        }
        return error;
    }
}
