package dev.tokenwise.outbox;

import java.util.List;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import dev.tokenwise.common.QueryParams;
import dev.tokenwise.common.error.ProblemException;
import dev.tokenwise.common.security.AdminAuth;

/**
 * {@code GET /api/admin/outbox}: messages posted or waiting, newest first (what the console adapter "sent");
 * {@code GET /api/admin/outbox/{id}/file}: the file that went with one (the digest's chart).
 */
@Path("/api/admin/outbox")
@AdminAuth
public class OutboxAdminResource {

    private final OutboxRepository repository;

    public OutboxAdminResource(OutboxRepository repository) {
        this.repository = repository;
    }

    /** The file of a message (the digest's chart, {@code image/png}); 404 when the message has none. */
    @GET
    @Path("/{id}/file")
    @Produces("image/png")
    public byte[] file(@PathParam("id") String idParam) {
        long id = QueryParams.longIn("id", idParam, 1, Long.MAX_VALUE);
        return repository.fileContent(id).orElseThrow(() -> ProblemException.notFound(
                "Outbox message " + id + " has no file."));
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<OutboxEntry> list(@QueryParam("limit") @DefaultValue("100") String limitParam) {
        int limit = QueryParams.intIn("limit", limitParam, 1, 1000);
        return repository.newest(limit);
    }
}
