package dev.tokenwise.common.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.tokenwise.common.error.Problem;
import dev.tokenwise.common.error.ProblemException;

/**
 * Path parameters longer than what they name can be (a team id is at most 64 characters, a model 200) or holding a
 * NUL are refused with a 400 naming the parameter, before any endpoint looks them up: a 10 KB team id is a client
 * error, not a lookup, and PostgreSQL cannot even compare a string holding NUL.
 */
public class PathParamLimits {

    /**
     * Longest value per path parameter name, as the columns behind them hold (db/migration V1, V2). A repository
     * {@code path} gets twice its column so that the repository check itself names the field ({@code repo}).
     */
    static final Map<String, Integer> MAX = Map.of("team", 64, "model", 200, "owner", 100, "name", 100, "path", 400);
    /** Any other path parameter. */
    static final int DEFAULT_MAX = 200;

    // After authentication: an unauthenticated caller learns nothing about the parameters.
    @ServerRequestFilter(priority = Priorities.USER)
    public void check(UriInfo uri) {
        List<Problem.Violation> errors = new ArrayList<>();
        uri.getPathParameters().forEach((name, values) -> {
            int max = MAX.getOrDefault(name, DEFAULT_MAX);
            for (String v : values) {
                if (v.indexOf('\u0000') >= 0) {
                    errors.add(new Problem.Violation(null, name, "path parameter must not contain a NUL character"));
                } else if (v.length() > max) {
                    errors.add(new Problem.Violation(null, name,
                            "path parameter must have at most " + max + " characters (got " + v.length() + ")"));
                }
            }
        });
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("A path parameter is not valid; nothing was looked up or changed.",
                    errors);
        }
    }
}
