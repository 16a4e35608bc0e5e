package dev.tokenwise.common.error;

import java.util.List;

/**
 * Thrown by resources and services for any request the service refuses; mapped to problem+json.
 * Domain code throws it with a stable slug so clients can branch on {@code type}.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String slug;
    private final String title;
    private final List<Problem.Violation> errors;

    public ProblemException(int status, String slug, String title, String detail) {
        this(status, slug, title, detail, null);
    }

    public ProblemException(int status, String slug, String title, String detail, List<Problem.Violation> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.errors = errors;
    }

    public static ProblemException badRequest(String detail, List<Problem.Violation> errors) {
        return new ProblemException(400, "invalid-request", "Invalid request", detail, errors);
    }

    public static ProblemException badRequest(String detail) {
        return badRequest(detail, null);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "not-found", "Not found", detail);
    }

    public Problem toProblem() {
        return new Problem(Problem.type(slug), title, status, getMessage(), null, errors);
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }
}
