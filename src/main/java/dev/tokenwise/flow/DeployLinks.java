package dev.tokenwise.flow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which production success of the period deploys a change (docs/contract.md §7.2): the first success of the change's
 * repository whose sha is the change's commit (a PR's merge commit, a revert push's head) — at any time, so a change
 * first named before or after the period is not deployed in it — else, when no success names it, the first success
 * at or after the change's time (merged, pushed). The second rule is an approximation: a deployment that names a later
 * commit is assumed to carry the earlier ones.
 */
final class DeployLinks {

    private final Map<String, List<DoraRepository.Status>> byRepo = new HashMap<>();
    private final Map<String, Instant> before;
    private final Map<String, Instant> named;

    /**
     * @param successes the period's production successes, oldest first
     * @param before per repository, its last production success before the period (absent: none known)
     * @param named per repository and sha ({@code repo + ' ' + sha}), the first production success naming it
     */
    DeployLinks(List<DoraRepository.Status> successes, Map<String, Instant> before, Map<String, Instant> named) {
        for (DoraRepository.Status s : successes) {
            byRepo.computeIfAbsent(s.repo(), r -> new ArrayList<>()).add(s);
        }
        this.before = before;
        this.named = named;
    }

    /** The success of the period that deploys the change of {@code repo} with commit {@code sha} made at {@code t}. */
    DoraRepository.Status deployer(String repo, String sha, Instant t) {
        List<DoraRepository.Status> list = byRepo.get(repo);
        if (list == null) {
            return null;
        }
        Instant first = sha == null ? null : named.get(repo + " " + sha);
        if (first != null) {
            for (DoraRepository.Status d : list) {
                if (d.at().equals(first) && sha.equals(d.sha())) {
                    return d;
                }
            }
            return null;
        }
        if (t == null) {
            return null;
        }
        Instant last = before.get(repo);
        if (last != null && !last.isBefore(t)) {
            // A success before the period already came at or after the change: it shipped then.
            return null;
        }
        for (DoraRepository.Status d : list) {
            if (!d.at().isBefore(t)) {
                return d;
            }
        }
        return null;
    }
}
