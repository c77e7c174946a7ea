package dev.eventcrm.command.dispatch;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;

import dev.eventcrm.api.ApiException;
import dev.eventcrm.api.ApiException.FieldError;

/** A refused command's problem, as stored under its Idempotency-Key to be answered again to a retry. */
record StoredRefusal(String slug, String title, String detail, List<FieldError> errors,
                     Map<String, Object> extensions) {

    static StoredRefusal of(ApiException refusal) {
        return new StoredRefusal(refusal.getSlug(), refusal.getTitle(), refusal.getDetail(), refusal.getErrors(),
                refusal.getExtensions());
    }

    ApiException toProblem(int status) {
        return ApiException.of(HttpStatus.valueOf(status), slug, title, detail, errors == null ? List.of() : errors,
                extensions == null ? Map.of() : extensions);
    }
}
