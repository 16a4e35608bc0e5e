package dev.tokenwise.outbox;

import java.util.List;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import dev.tokenwise.common.QueryParams;
import dev.tokenwise.common.security.AdminAuth;

/** {@code GET /api/admin/outbox}: messages posted or waiting, newest first (what the console adapter "sent"). */
@Path("/api/admin/outbox")
@AdminAuth
public class OutboxAdminResource {

    private final OutboxRepository repository;

    public OutboxAdminResource(OutboxRepository repository) {
        this.repository = repository;
    }

    @GET
    public List<OutboxEntry> list(@QueryParam("limit") @DefaultValue("100") String limitParam) {
        int limit = QueryParams.intIn("limit", limitParam, 1, 1000);
        return repository.newest(limit);
    }
}
