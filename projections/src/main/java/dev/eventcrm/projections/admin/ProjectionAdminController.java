package dev.eventcrm.projections.admin;

import dev.eventcrm.api.ApiException;
import dev.eventcrm.projections.rebuild.ProjectionRebuilds;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code /api/v1/admin/projections}: each projection's version, state, position and lag, and rebuilds from the event
 * store. Blocking MongoDB reads run off the event loop.
 */
@RestController
@RequestMapping(path = "/api/v1/admin/projections", produces = MediaType.APPLICATION_JSON_VALUE)
class ProjectionAdminController {

    private final ProjectionRebuilds rebuilds;

    ProjectionAdminController(ProjectionRebuilds rebuilds) {
        this.rebuilds = rebuilds;
    }

    @GetMapping
    Mono<List<ProjectionStatus>> list() {
        return blocking(rebuilds::statuses);
    }

    @GetMapping("/{name}")
    Mono<ProjectionStatus> one(@PathVariable String name) {
        return blocking(() -> rebuilds.status(name));
    }

    @PostMapping("/{name}/rebuild")
    Mono<ResponseEntity<ProjectionStatus>> rebuild(@PathVariable String name) {
        return blocking(() -> ResponseEntity.accepted().body(rebuilds.rebuild(name)));
    }

    private static <T> Mono<T> blocking(Callable<T> call) {
        return Mono.fromCallable(call).subscribeOn(Schedulers.boundedElastic()).onErrorMap(error -> {
            if (error instanceof ProjectionRebuilds.UnknownProjection unknown) {
                return ApiException.notFound(unknown.getMessage());
            }
            if (error instanceof ProjectionRebuilds.RebuildRefused refused) {
                return ApiException.conflict(refused.reason(), refused.getMessage());
            }
            return error;
        });
    }
}
