package dev.tokenwise.audit;

import java.util.List;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import dev.tokenwise.common.QueryParams;
import dev.tokenwise.common.security.AdminAuth;

@Path("/api/admin/audit")
@AdminAuth
public class AuditResource {

    private final AuditLog audit;

    public AuditResource(AuditLog audit) {
        this.audit = audit;
    }

    @GET
    public List<AuditLog.Entry> list(@QueryParam("limit") @DefaultValue("200") String limitParam) {
        int limit = QueryParams.intIn("limit", limitParam, 1, 1000);
        return audit.newestFirst(limit);
    }
}
