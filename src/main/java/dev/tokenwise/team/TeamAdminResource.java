package dev.tokenwise.team;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.tokenwise.common.error.ProblemException;
import dev.tokenwise.common.security.AdminAuth;
import dev.tokenwise.common.security.Caller;

@Path("/api/admin")
@AdminAuth
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TeamAdminResource {

    /** Body of {@code PUT /api/admin/repos/{path}}: {@code owner/name} or a GitLab path with subgroups. */
    public record RepoTeam(String team) {
    }

    private final TeamService teams;
    private final Caller caller;

    public TeamAdminResource(TeamService teams, Caller caller) {
        this.teams = teams;
        this.caller = caller;
    }

    @GET
    @Path("/teams")
    public List<TeamSettings> list() {
        return teams.all();
    }

    @GET
    @Path("/teams/{team}")
    public TeamSettings get(@PathParam("team") String team) {
        return teams.find(team).orElseThrow(() -> ProblemException.notFound("No team '" + team + "'."));
    }

    @PUT
    @Path("/teams/{team}")
    public Response put(@PathParam("team") String team, @Valid TeamUpdate update) {
        boolean existed = teams.find(team).isPresent();
        TeamSettings saved = teams.put(team, update == null ? empty() : update, caller.name());
        return Response.status(existed ? 200 : 201).entity(saved).build();
    }

    @DELETE
    @Path("/teams/{team}")
    public Response delete(@PathParam("team") String team) {
        if (!teams.delete(team, caller.name())) {
            throw ProblemException.notFound("No team '" + team + "'.");
        }
        return Response.noContent().build();
    }

    @PUT
    @Path("/repos/{path: .+}")
    public Response mapRepo(@PathParam("path") String path, RepoTeam body) {
        teams.mapRepo(path, body == null ? null : body.team(), caller.name());
        return Response.ok(new RepoMappingView(path, body.team())).build();
    }

    public record RepoMappingView(String repo, String team) {
    }

    private static TeamUpdate empty() {
        return new TeamUpdate(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null);
    }
}
