package dev.tokenwise.budget;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import dev.tokenwise.common.security.ReadAuth;

@Path("/api/teams/{team}/budget")
@ReadAuth
public class BudgetResource {

    private final BudgetService budgets;

    public BudgetResource(BudgetService budgets) {
        this.budgets = budgets;
    }

    /** The month to date in the team's time zone (docs/contract.md §7); 404 problem for an unknown team. */
    @GET
    public BudgetStatus get(@PathParam("team") String team) {
        return budgets.status(team);
    }
}
