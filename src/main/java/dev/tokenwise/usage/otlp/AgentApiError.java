package dev.tokenwise.usage.otlp;

import java.util.Set;

import dev.tokenwise.agent.ErrorClass;

/**
 * A failed model request (docs/contract.md §5.6): {@code claude_code.api_error} and {@code gemini_cli.api_error}
 * always, {@code codex.api_request} when its HTTP status is 400 or more. It becomes an agent error of a class
 * ({@link ErrorClass}); the error's message is read to classify it when there is no status, and never kept.
 */
final class AgentApiError implements AgentEventRule {

    static final String CLAUDE = "claude_code.api_error";
    static final String CODEX = "codex.api_request";
    static final String GEMINI = "gemini_cli.api_error";
    private static final Set<String> NAMES = Set.of(CLAUDE, CODEX, GEMINI);

    @Override
    public Set<String> names() {
        return NAMES;
    }

    @Override
    public LogItem read(OtlpLogRecord r) throws OtlpLogRecord.Rejected {
        Integer status;
        String message;
        if (CODEX.equals(r.name())) {
            status = r.status("http.response.status_code");
            if (status == null || status < 400) {
                // A request that went well (or says nothing of how it went): its session sent events all the same.
                return new LogItem.Activity(r.time(), r.labels(), r.tool());
            }
            message = r.text("error.message");
        } else {
            status = r.status("status_code");
            message = r.text(CLAUDE.equals(r.name()) ? "error" : "error_type");
        }
        return new LogItem.Error(r.identity(), r.time(), r.labels(), r.tool(), ErrorClass.of(status, message),
                status);
    }
}
