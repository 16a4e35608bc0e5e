package dev.tokenwise.chat;

/** Answer of {@link ChatPort#findPosted}: found (with its ts), not found, or the lookup itself failed. */
public record LookupResult(Status status, String ts, String error, boolean retryable) {

    public enum Status {
        FOUND,
        NOT_FOUND,
        FAILED
    }

    public static LookupResult found(String ts) {
        return new LookupResult(Status.FOUND, ts, null, false);
    }

    public static LookupResult notFound() {
        return new LookupResult(Status.NOT_FOUND, null, null, false);
    }

    public static LookupResult failed(String error, boolean retryable) {
        return new LookupResult(Status.FAILED, null, error, retryable);
    }
}
