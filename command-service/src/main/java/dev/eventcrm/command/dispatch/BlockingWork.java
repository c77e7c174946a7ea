package dev.eventcrm.command.dispatch;

import java.util.concurrent.Callable;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Blocking work that changes state (a command, a hand-over, an import's start), run on Reactor's bounded elastic
 * threads to its end. When the client hangs up, WebFlux cancels the answer, and a plain {@code subscribeOn} would
 * interrupt the thread in the middle of the unit of work (seen under wrk: an OpenDeal's CreateTask interrupted at
 * the end of a run). The work then finishes or fails as it would have with the client still there, and is not
 * lost: its answer is kept for a retry with the same Idempotency-Key.
 */
public final class BlockingWork {
    private BlockingWork() {
    }

    public static <T> Mono<T> toCompletion(Callable<T> work) {
        return Mono.fromFuture(() -> Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic()).toFuture(),
                true);
    }
}
