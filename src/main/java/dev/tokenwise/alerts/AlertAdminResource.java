package dev.tokenwise.alerts;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import dev.tokenwise.common.security.AdminAuth;

@Path("/api/admin/alerts/evaluate")
@AdminAuth
public class AlertAdminResource {

    private final AlertRun evaluator;

    public AlertAdminResource(AlertRun evaluator) {
        this.evaluator = evaluator;
    }

    /** Runs the evaluation now; answers the alerts queued per rule (alerts already sent are not sent again). */
    @POST
    public AlertRun.Result evaluate() {
        return evaluator.evaluate();
    }
}
