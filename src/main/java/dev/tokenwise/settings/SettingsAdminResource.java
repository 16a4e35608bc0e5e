package dev.tokenwise.settings;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

import dev.tokenwise.common.error.ProblemException;
import dev.tokenwise.common.security.AdminAuth;
import dev.tokenwise.common.security.Caller;

@Path("/api/admin/settings")
@AdminAuth
public class SettingsAdminResource {

    private final SettingsService settings;
    private final Caller caller;

    public SettingsAdminResource(SettingsService settings, Caller caller) {
        this.settings = settings;
        this.caller = caller;
    }

    @GET
    public GlobalSettings get() {
        return settings.current();
    }

    /** Partial update: only the fields present change. */
    @PUT
    public GlobalSettings put(GlobalSettings update) {
        if (update == null) {
            throw ProblemException.badRequest("Send a JSON object with the settings to change.");
        }
        return settings.update(update, caller.name());
    }
}
