package dev.tokenwise.sources;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import dev.tokenwise.common.error.Problem;
import dev.tokenwise.common.error.ProblemException;
import dev.tokenwise.common.security.AdminAuth;
import dev.tokenwise.common.security.Caller;

/** {@code GET /api/admin/sources} and {@code POST /api/admin/sources/{source}/sync} (docs/contract.md §5.7). */
@Path("/api/admin/sources")
@AdminAuth
@Produces(MediaType.APPLICATION_JSON)
public class SourcesAdminResource {

    /** The answer to a sync: what the run did, and the source's state after it. */
    public record SyncAnswer(String source, String status, int daysSynced, SourceState state) {
    }

    private final SourceSync sync;
    private final Caller caller;

    public SourcesAdminResource(SourceSync sync, Caller caller) {
        this.sync = sync;
        this.caller = caller;
    }

    @GET
    public List<SourceState> list() {
        return sync.states();
    }

    /**
     * Fetches the days due now (or again from {@code from}). 200 when the run ended well, 409 when the source is
     * off or another run holds it (nothing fetched), 502 when the upstream failed (what was stored before stays;
     * the state names the error).
     */
    @POST
    @Path("/{source}/sync")
    public SyncAnswer sync(@PathParam("source") String source, @QueryParam("from") String from) {
        LocalDate first = parse(from);
        SourceState before = sync.state(source);
        SourceSync.Outcome o = sync.runNow(source, first, caller.name());
        switch (o.status()) {
            case OFF:
                throw new ProblemException(409, "source-off", "Conflict", "The source '" + source
                        + "' is off: it has no credentials. Set " + before.needs() + " in the service's environment.");
            case BUSY:
                throw new ProblemException(409, "source-busy", "Conflict", "A sync of '" + source
                        + "' is running (here or on another replica); its outcome shows in GET /api/admin/sources.");
            case FAILED:
                throw new ProblemException(502, "source-failed", "Bad Gateway", "The sync of '" + source
                        + "' failed after " + o.daysSynced() + " day(s): " + o.error()
                        + ". Days stored before the failure stay; the next run continues from covered_through.");
            default:
                break;
        }
        return new SyncAnswer(source, "synced", o.daysSynced(), sync.state(source));
    }

    private static LocalDate parse(String from) {
        if (from == null || from.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(from);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("from must be a date.",
                    List.of(new Problem.Violation(null, "from", "must be a date YYYY-MM-DD")));
        }
    }
}
