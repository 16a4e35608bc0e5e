package dev.tokenwise.team;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.common.InputLimits;
import dev.tokenwise.common.error.Problem;
import dev.tokenwise.common.error.ProblemException;

/**
 * The team settings {@code github_teams}, {@code anthropic_workspaces} and {@code openai_projects}
 * (docs/contract.md §5.7): validated with the other settings, and stored in the team's transaction. An outside
 * account belongs to one team; naming one another team holds is refused, naming the field.
 */
@ApplicationScoped
class TeamAccounts {

    /** The most accounts one setting lists, and their longest id (the account column). */
    static final int MAX_ACCOUNTS = 50;
    static final int MAX_ACCOUNT = 200;

    private final TeamAccountRepository accounts;

    TeamAccounts(TeamAccountRepository accounts) {
        this.accounts = accounts;
    }

    static void validate(List<Problem.Violation> errors, TeamUpdate u) {
        list(errors, TeamAccountRepository.Kind.GITHUB_TEAM.setting(), u.githubTeams());
        list(errors, TeamAccountRepository.Kind.ANTHROPIC_WORKSPACE.setting(), u.anthropicWorkspaces());
        list(errors, TeamAccountRepository.Kind.OPENAI_PROJECT.setting(), u.openaiProjects());
    }

    /** Replaces the lists the update gives, in the caller's transaction. */
    void put(String teamId, TeamUpdate u) {
        put(teamId, TeamAccountRepository.Kind.GITHUB_TEAM, u.githubTeams());
        put(teamId, TeamAccountRepository.Kind.ANTHROPIC_WORKSPACE, u.anthropicWorkspaces());
        put(teamId, TeamAccountRepository.Kind.OPENAI_PROJECT, u.openaiProjects());
    }

    private void put(String teamId, TeamAccountRepository.Kind kind, List<String> given) {
        if (given == null) {
            return;
        }
        List<String> trimmed = given.stream().map(String::trim).toList();
        List<Problem.Violation> taken = new ArrayList<>();
        for (int i = 0; i < trimmed.size(); i++) {
            String other = accounts.otherTeamOf(kind, trimmed.get(i), teamId);
            if (other != null) {
                taken.add(new Problem.Violation(null, kind.setting() + "[" + i + "]",
                        "'" + trimmed.get(i) + "' belongs to team " + other + "; remove it there first"));
            }
        }
        if (!taken.isEmpty()) {
            throw ProblemException.badRequest("An outside account belongs to one team.", taken);
        }
        accounts.replace(teamId, kind, trimmed.stream().distinct().sorted().toList());
    }

    /** At most {@link #MAX_ACCOUNTS} ids of 1 to {@link #MAX_ACCOUNT} characters, no control characters. */
    private static void list(List<Problem.Violation> errors, String field, List<String> v) {
        if (v == null) {
            return;
        }
        if (v.size() > MAX_ACCOUNTS) {
            errors.add(new Problem.Violation(null, field, "must list at most " + MAX_ACCOUNTS + " ids"));
            return;
        }
        for (int i = 0; i < v.size(); i++) {
            InputLimits.name(errors, field + "[" + i + "]", v.get(i), MAX_ACCOUNT);
        }
    }
}
