package dev.tokenwise.sources;

/**
 * A run of a source failed: the upstream refused or was unreachable, or answered something we cannot read. The
 * message is ours (method, host and path, status), safe to store and show: never a credential, a query's secret or a
 * response body.
 */
public class SourceFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SourceFailure(String message) {
        super(message);
    }

    public SourceFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
