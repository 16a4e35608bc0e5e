package dev.tokenwise.github;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The labels of a PR or an issue follow the newest snapshot (docs/contract.md §6): a newer payload replaces the
 * set, an older one changes nothing, one of the same second adds its labels (and an unlabeled event of that second
 * removes its label). Names are kept trimmed and in lower case.
 */
@ApplicationScoped
public class Labels {

    static final String PULL_REQUEST = "pr";
    static final String ISSUE = "issue";

    private final LabelRepository repository;

    public Labels(LabelRepository repository) {
        this.repository = repository;
    }

    /**
     * @param order how the snapshot's {@code updated_at} compares with the stored state's: newer (> 0), the same
     *        (0) or older (< 0)
     */
    void merge(String kind, long id, int order, List<GitHubPayload.Label> snapshot, String action,
            GitHubPayload.Label label) {
        if (order < 0) {
            return;
        }
        Set<String> names = new LinkedHashSet<>();
        if (snapshot != null) {
            snapshot.stream().filter(l -> l != null && l.name() != null && !l.name().isBlank())
                    .map(l -> l.name().trim().toLowerCase(Locale.ROOT))
                    .filter(n -> n.length() <= GitHubPayloadLimits.LABEL).forEach(names::add);
        }
        if ("labeled".equals(action) && label != null && label.name() != null
                && label.name().length() <= GitHubPayloadLimits.LABEL) {
            names.add(label.name().trim().toLowerCase(Locale.ROOT));
        }
        if (order > 0) {
            repository.deleteAll(kind, id);
        } else if ("unlabeled".equals(action) && label != null && label.name() != null) {
            String removed = label.name().trim().toLowerCase(Locale.ROOT);
            repository.delete(kind, id, removed);
            names.remove(removed);
        }
        repository.add(kind, id, names);
    }
}
