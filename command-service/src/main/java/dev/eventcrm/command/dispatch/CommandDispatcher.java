package dev.eventcrm.command.dispatch;

import dev.eventcrm.api.ApiException;
import dev.eventcrm.api.RequestHeaderRules;
import dev.eventcrm.command.CommandServiceProperties;
import dev.eventcrm.command.RuleViolation;
import dev.eventcrm.command.StaleVersion;
import dev.eventcrm.command.lookup.ContactAliases;
import dev.eventcrm.command.lookup.ReferencesContact;
import dev.eventcrm.events.EventMetadata;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.common.lock.DeadlockException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
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
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * Sends a command to its aggregate with the audit metadata, off the event loop (JDBC blocks).
 * <p>
 * One unit of work owns one database transaction for the whole request: the Idempotency-Key claim, the command (its
 * aggregate load and event append, in a nested unit of work) and the stored answer. Axon releases the aggregate's lock
 * when this root unit of work cleans up, after the commit, so the next command on the same aggregate always loads the
 * committed stream (or the cached aggregate, which a rollback evicts).
 * <p>
 * A command without If-Match that loses a race to another writer (ConcurrencyException, e.g. from a second instance)
 * is retried a bounded number of times, then answered 409; with If-Match the race is the client's precondition and
 * fails with 412.
 */
@Component
public class CommandDispatcher {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    public static final String CORRELATION_ID = "X-Correlation-Id";
    /** The channel of commands sent by a client of the HTTP API. */
    public static final String API = "API";
    private static final String REPLAYED = "Idempotent-Replayed";
    private static final String CONCURRENT_MODIFICATION = "concurrent-modification";
    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {
    };

    private final CommandGateway commandGateway;
    private final TransactionManager transactionManager;
    private final IdempotencyStore idempotency;
    private final ContactAliases contactAliases;
    private final List<CommitListener> commitListeners;
    private final JsonMapper json;
    private final String defaultActor;
    private final int conflictAttempts;
    private final Counter conflictsRetried;
    private final Counter conflictsRefused;

    CommandDispatcher(CommandGateway commandGateway, TransactionManager transactionManager,
                      IdempotencyStore idempotency, ContactAliases contactAliases,
                      List<CommitListener> commitListeners, JsonMapper json,
                      CommandServiceProperties properties, DispatchProperties dispatch, MeterRegistry meters) {
        this.commandGateway = commandGateway;
        this.transactionManager = transactionManager;
        this.idempotency = idempotency;
        this.contactAliases = contactAliases;
        this.commitListeners = commitListeners;
        this.json = json;
        this.defaultActor = properties.commands().defaultActor();
        this.conflictAttempts = Math.max(1, dispatch.conflictAttempts());
        this.conflictsRetried = meters.counter("crm.commands.conflicts", "outcome", "retried");
        this.conflictsRefused = meters.counter("crm.commands.conflicts", "outcome", "refused");
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
        // the controllers parse If-Match into the command; here it only decides whether a conflict may be retried
        String ifMatch = request.getHeaders().getFirst("If-Match");
        boolean conditional = ifMatch != null && !ifMatch.trim().equals("*");
        CommandOrigin origin = origin(request, API);
        return BlockingWork.toCompletion(() -> {
                    try {
                        return sendRetryingConflicts(scope, requestHash, message(command, origin, occurredAt),
                                conditional, respond).response();
                    } catch (Exception error) {
                        Throwable problem = toProblem(error, ifMatch != null);
                        if (scope != null && problem instanceof ApiException refusal
                                && !CONCURRENT_MODIFICATION.equals(refusal.getSlug())) {
                            return rememberRefusal(scope, requestHash, refusal);
                        }
                        throw error;
                    }
                })
                .onErrorMap(error -> toProblem(error, ifMatch != null));
    }

    /**
     * A command refused by the model (a rule, an unknown id, a failed precondition) is its key's first answer too, so
     * a retry with the key gets the same refusal even once the command would pass. Stored in a transaction of its
     * own, the command's having rolled back; if another request stored an answer for the key first, that answer is
     * this one's too. A lost race (409 concurrent-modification) is not stored: a retry may well succeed.
     */
    private ResponseEntity<Map<String, Object>> rememberRefusal(String scope, String requestHash,
                                                                ApiException refusal) {
        Optional<IdempotencyStore.StoredResponse> first = transactionManager.fetchInTransaction(() -> {
            Optional<IdempotencyStore.StoredResponse> stored = idempotency.claim(scope, requestHash);
            if (stored.isEmpty()) {
                idempotency.answer(scope, refusal.getStatus().value(),
                        json.writeValueAsString(StoredRefusal.of(refusal)));
            }
            return stored;
        });
        if (first.isPresent()) {
            return replay(first.get(), requestHash);
        }
        throw refusal;
    }

    /**
     * Who sends commands and through which channel: the audit metadata of the events they cause.
     *
     * @param correlationId null to correlate each command's events with the command alone
     */
    public record CommandOrigin(String actorId, String channel, String correlationId) {
    }

    /** The origin of a request's commands: X-Actor-Id (else the default actor) and X-Correlation-Id. */
    public CommandOrigin origin(ServerHttpRequest request, String channel) {
        return new CommandOrigin(
                Optional.ofNullable(request.getHeaders().getFirst(RequestHeaderRules.ACTOR_ID)).orElse(defaultActor),
                channel, request.getHeaders().getFirst(CORRELATION_ID));
    }

    /**
     * Sends a command in the calling thread, which blocks, in a transaction of its own, retrying conflicts as
     * {@link #dispatch} does: for work that outlives its HTTP request, such as the rows of an import. A refusal is
     * thrown as its handler raised it ({@link RuleViolation}, ...), not turned into a problem.
     *
     * @return what the command handler returned
     */
    public Object sendAndWait(Object command, CommandOrigin origin, Instant occurredAt) throws Exception {
        return sendRetryingConflicts(null, null, message(command, origin, occurredAt), false,
                result -> new CommandResponse(200, Map.of()))
                .handlerResult();
    }

    /** The command with its audit metadata, naming the surviving contact if the one it names was merged. */
    private CommandMessage<?> message(Object command, CommandOrigin origin, Instant occurredAt) {
        // a task may name only a deal: no contact to resolve
        Object resolved = command instanceof ReferencesContact named && named.contactId() != null
                ? named.withContactId(contactAliases.resolve(named.contactId())) : command;
        return GenericCommandMessage.asCommandMessage(resolved).andMetaData(metadata(origin, occurredAt));
    }

    private Outcome sendRetryingConflicts(String scope, String requestHash, CommandMessage<?> message,
                                          boolean conditional, Function<Object, CommandResponse> respond)
            throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return send(scope, requestHash, message, respond);
            } catch (ConcurrencyException conflict) {
                if (conditional || attempt >= conflictAttempts) {
                    conflictsRefused.increment();
                    throw conflict;
                }
                conflictsRetried.increment();
                // jittered, growing pause so that the racing writers do not collide again in lockstep
                Thread.sleep(ThreadLocalRandom.current().nextLong(1, 2L << attempt));
            }
        }
    }

    private record Outcome(Object handlerResult, ResponseEntity<Map<String, Object>> response, boolean eventsStored) {
    }

    private Outcome send(String scope, String requestHash, CommandMessage<?> message,
                         Function<Object, CommandResponse> respond) throws Exception {
        UnitOfWork<CommandMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(message);
        unitOfWork.attachTransaction(transactionManager);
        ResultMessage<Outcome> result = unitOfWork.executeWithResult(() -> {
            if (scope != null) {
                Optional<IdempotencyStore.StoredResponse> first = idempotency.claim(scope, requestHash);
                if (first.isPresent()) {
                    return new Outcome(null, replay(first.get(), requestHash), false);
                }
            }
            Object handlerResult = commandGateway.sendAndWait(message);
            CommandResponse answer = respond.apply(handlerResult);
            if (scope != null) {
                idempotency.answer(scope, answer.status(), json.writeValueAsString(answer.body()));
            }
            return new Outcome(handlerResult, ResponseEntity.status(answer.status()).body(answer.body()), true);
        }, RollbackConfigurationType.ANY_THROWABLE);
        if (result.isExceptional()) {
            throw rootCause(result.exceptionResult());
        }
        Outcome outcome = result.getPayload();
        if (outcome.eventsStored()) {
            commitListeners.forEach(CommitListener::eventsCommitted);
        }
        return outcome;
    }

    private ResponseEntity<Map<String, Object>> replay(IdempotencyStore.StoredResponse stored, String requestHash) {
        if (!stored.requestHash().equals(requestHash)) {
            throw ApiException.unprocessable("idempotency-key-reused",
                    "This Idempotency-Key was already used with a different request");
        }
        if (stored.status() >= 400) {
            throw json.readValue(stored.body(), StoredRefusal.class).toProblem(stored.status())
                    .withHeader(REPLAYED, "true");
        }
        return ResponseEntity.status(stored.status())
                .header(REPLAYED, "true")
                .body(json.readValue(stored.body(), JSON_OBJECT));
    }

    /** A conflict may arrive wrapped (e.g. by the event store's commit); the retry decision needs the conflict. */
    private static Exception rootCause(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConcurrencyException conflict) {
                return conflict;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return error instanceof Exception exception ? exception : new IllegalStateException(error);
    }

    private static Map<String, String> metadata(CommandOrigin origin, Instant occurredAt) {
        String commandId = UUID.randomUUID().toString();
        return Map.of(
                EventMetadata.ACTOR_ID, origin.actorId(),
                EventMetadata.CHANNEL, origin.channel(),
                EventMetadata.COMMAND_ID, commandId,
                EventMetadata.CORRELATION_ID, Optional.ofNullable(origin.correlationId()).orElse(commandId),
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

    /**
     * @param conditional the request carried If-Match: a record that does not exist fails it (412, RFC 9110
     *                    13.1.1, also for {@code *}) rather than being not found
     */
    private static Throwable toProblem(Throwable error, boolean conditional) {
        if (error instanceof RuleViolation violation) {
            return violation.getField() != null
                    ? ApiException.invalid(violation.getField(), violation.getMessage())
                    : ApiException.conflict(violation.getRule(), violation.getMessage(), violation.getDetails());
        }
        if (error instanceof StaleVersion stale) {
            return IfMatch.preconditionFailed(stale.getMessage());
        }
        if (error instanceof AggregateNotFoundException notFound) {
            return conditional ? IfMatch.preconditionFailed("If-Match names no current version: unknown id "
                    + notFound.getAggregateIdentifier())
                    : ApiException.notFound("Unknown id " + notFound.getAggregateIdentifier());
        }
        if (error instanceof IncompatibleAggregateException) {
            // an id of another kind of record (a contact's id sent to a deal command)
            return conditional ? IfMatch.preconditionFailed("If-Match names no current version: no record of this "
                    + "kind has this id") : ApiException.notFound("No record of this kind has this id");
        }
        if (error instanceof ConcurrencyException || error instanceof DeadlockException) {
            return ApiException.conflict(CONCURRENT_MODIFICATION,
                    "Another change to this record was committed at the same time; retry");
        }
        return error;
    }
}
