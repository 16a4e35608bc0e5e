package dev.tokenwise.github;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.common.error.Problem;
import dev.tokenwise.common.privacy.Pseudonymizer;

/**
 * {@code pull_request}: merges the PR's snapshot into its record (docs/contract.md §6). A merge is final and the
 * first merged_at seen stays; the review wait starts at the earliest ready_for_review; the title (revert or not),
 * the labels, the head and what the body says (AI marker, closed issues, reverted PR) follow the snapshot with the
 * newest {@code updated_at}, ties resolved so that the result does not depend on arrival order. Whether the author
 * is an AI agent's bot is judged once, with the author. The title and body are read, never kept.
 */
@ApplicationScoped
public class PullRequestHandler implements GitHubEventHandler {

    static final Set<String> ACTIONS = Set.of("opened", "ready_for_review", "closed", "reopened", "labeled",
            "unlabeled", "edited", "converted_to_draft", "synchronize");

    private final PullRequestRepository pulls;
    private final Labels labels;
    private final Pseudonymizer pseudonyms;
    private final AiMarkers markers;
    private final PrCommits prCommits;

    public PullRequestHandler(PullRequestRepository pulls, Labels labels, Pseudonymizer pseudonyms,
            AiMarkers markers, PrCommits prCommits) {
        this.pulls = pulls;
        this.labels = labels;
        this.pseudonyms = pseudonyms;
        this.markers = markers;
        this.prCommits = prCommits;
    }

    @Override
    public String event() {
        return "pull_request";
    }

    @Override
    public boolean takes(String action) {
        return ACTIONS.contains(action);
    }

    @Override
    public void checkLimits(GitHubPayload p, List<Problem.Violation> errors) {
        GitHubPayloadLimits.pullRequest(errors, p.pullRequest());
        GitHubPayloadLimits.head(errors, p.pullRequest());
        GitHubPayloadLimits.label(errors, "label.name", p.label());
    }

    @Override
    public void handle(GitHubEvent e) {
        merge(e.repo(), e.team(), e.action(), e.payload().pullRequest(), e.payload().label());
    }

    /** Merges one snapshot of a PR; also used for the snapshot a review carries (action review_submitted). */
    void merge(String repo, String team, String action, GitHubPayload.PullRequest pr, GitHubPayload.Label label) {
        Payloads.require(pr != null && pr.id() != null && pr.number() != null && pr.updatedAt() != null,
                "pull_request", "must carry id, number and updated_at");
        PullRequestRepository.Stored stored = pulls.lock(pr.id(), repo, pr.number(), team);
        Instant t = pr.updatedAt();
        int order = stored.stateAt() == null ? 1 : t.compareTo(stored.stateAt());
        String author = stored.author();
        AiMarkers.Detector ai = markers.current();
        String botAgent = stored.kept().botAgent();
        if (author == null && pr.user() != null) {
            author = pseudonyms.pseudonym(pr.user().login());
            botAgent = ai.botAgent(pr.user().login());
        }
        Instant createdAt = stored.createdAt() != null ? stored.createdAt() : pr.createdAt();
        Instant readyAt = stored.readyAt();
        if ("ready_for_review".equals(action) && (readyAt == null || t.isBefore(readyAt))) {
            readyAt = t;
        }
        // A merge is final (a merged PR cannot be reopened): the first merged_at seen stays.
        Instant mergedAt = stored.mergedAt() != null ? stored.mergedAt() : pr.mergedAt();
        String mergeSha = stored.mergeCommitSha();
        if (pr.mergedAt() != null && pr.mergeCommitSha() != null && (mergeSha == null || order > 0)) {
            mergeSha = pr.mergeCommitSha();
        }
        boolean titleRevert = pr.title() != null && pr.title().startsWith(Payloads.REVERT_PREFIX);
        // Ties (same updated_at) are resolved so that the result does not depend on arrival order.
        boolean revert = order > 0 ? titleRevert : order == 0 ? stored.revert() || titleRevert : stored.revert();
        labels.merge(Labels.PULL_REQUEST, pr.id(), order, pr.labels(), action, label);
        Instant newState = order > 0 ? t : stored.stateAt();
        Instant firstReviewAt = pulls.firstReviewAt(pr.id(), author);
        PrBody body = PrBody.of(pr.body());
        PullRequestRepository.Kept kept = kept(order, stored.kept(), ownHead(repo, pr.head()), ai.agentIn(pr.body()),
                body, botAgent);
        mergeCloses(pr.id(), order, body.closes());
        pulls.update(new PullRequestRepository.Merged(pr.id(), repo, pr.number(), team, author, createdAt, readyAt,
                mergedAt, mergeSha, revert, firstReviewAt, newState, kept));
        relink(pr.id(), repo, team, stored, kept, mergedAt, mergeSha);
    }

    /**
     * The head as far as attribution follows it: a fork's branch is not this repository's (its pushes never arrive
     * here), so only its commit is kept.
     */
    private static GitHubPayload.Head ownHead(String repo, GitHubPayload.Head head) {
        if (head == null || head.repo() == null || head.repo().fullName() == null
                || head.repo().fullName().equalsIgnoreCase(repo)) {
            return head;
        }
        return new GitHubPayload.Head(null, head.sha());
    }

    /** When the head or the merge changed, the PR's commits (and its branch's other PRs') are assigned again. */
    private void relink(long id, String repo, String team, PullRequestRepository.Stored was,
            PullRequestRepository.Kept kept, Instant mergedAt, String mergeSha) {
        if (Objects.equals(was.kept().headRef(), kept.headRef()) && Objects.equals(was.kept().headSha(),
                kept.headSha()) && Objects.equals(was.mergedAt(), mergedAt)
                && Objects.equals(was.mergeCommitSha(), mergeSha)) {
            return;
        }
        if (was.kept().headRef() != null && !was.kept().headRef().equals(kept.headRef())) {
            prCommits.relinkAll(repo, was.kept().headRef());
        }
        if (kept.headRef() != null) {
            prCommits.prChanged(repo, kept.headRef(), id);
        } else {
            prCommits.relinkAlone(id);
        }
        prCommits.resolveSessionCommits(team, Arrays.asList(kept.headSha(), mergeSha == null ? null
                : mergeSha.toLowerCase(Locale.ROOT)));
    }

    /** The snapshot's facts when it is newer; on a tie the greater value, so that arrival order does not matter. */
    private static PullRequestRepository.Kept kept(int order, PullRequestRepository.Kept was, GitHubPayload.Head head,
            String bodyAgent, PrBody body, String botAgent) {
        String headRef = head == null || head.ref() == null ? was.headRef() : pick(order, was.headRef(), head.ref());
        String headSha = head == null || head.sha() == null ? was.headSha()
                : pick(order, was.headSha(), head.sha().toLowerCase(Locale.ROOT));
        String agent = order > 0 ? bodyAgent : order == 0 ? max(was.bodyAiAgent(), bodyAgent) : was.bodyAiAgent();
        String revertsRepo = was.revertsRepo();
        Integer revertsPr = was.revertsPr();
        String snapReverts = body.revertsRepo() == null ? null : body.revertsRepo() + "#" + body.revertsPr();
        String wasReverts = revertsRepo == null ? null : revertsRepo + "#" + revertsPr;
        if (order > 0 || order == 0 && snapReverts != null && snapReverts.equals(max(wasReverts, snapReverts))) {
            revertsRepo = body.revertsRepo();
            revertsPr = body.revertsPr();
        }
        return new PullRequestRepository.Kept(headRef, headSha, agent, botAgent, revertsRepo, revertsPr);
    }

    private void mergeCloses(long id, int order, List<Integer> closes) {
        if (order > 0) {
            pulls.replaceCloses(id, closes);
        } else if (order == 0 && !closes.isEmpty()) {
            TreeSet<Integer> union = new TreeSet<>(pulls.closes(id));
            union.addAll(closes);
            pulls.replaceCloses(id, union.stream().limit(PrBody.MAX_CLOSES).toList());
        }
    }

    private static String pick(int order, String was, String snapshot) {
        return order > 0 ? snapshot : order == 0 ? max(was, snapshot) : was;
    }

    private static String max(String a, String b) {
        return a == null ? b : b == null || a.compareTo(b) >= 0 ? a : b;
    }
}
