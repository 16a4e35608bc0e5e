package dev.tokenwise.github;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The rule that gives a pushed commit to the PRs of its branch (docs/contract.md §6.2). */
class PrCommitsTest {

    private static final Instant T = Instant.parse("2026-08-11T00:00:00Z");

    private static PrCommits.BranchPr pr(long id, Integer mergedAfterHours) {
        return new PrCommits.BranchPr(id, mergedAfterHours == null ? null : T.plusSeconds(3600L * mergedAfterHours),
                null, null);
    }

    private static List<Long> owners(List<PrCommits.BranchPr> prs, int pushedAfterHours) {
        return PrCommits.owners(prs, T.plusSeconds(3600L * pushedAfterHours)).stream().map(PrCommits.BranchPr::id)
                .toList();
    }

    @Test
    void aCommitBelongsToTheFirstPrMergedAtOrAfterItsPush() {
        List<PrCommits.BranchPr> prs = List.of(pr(1, 4), pr(2, 9), pr(3, null));
        assertEquals(List.of(1L), owners(prs, 1));
        assertEquals(List.of(1L), owners(prs, 4), "pushed at the merge instant: still the merged PR's");
        assertEquals(List.of(2L), owners(prs, 5));
        assertEquals(List.of(3L), owners(prs, 10), "after every merge: the open PR's");
    }

    @Test
    void withoutAMergeAfterThePushTheOpenPrsShareIt() {
        assertEquals(List.of(5L, 6L), owners(List.of(pr(4, 1), pr(5, null), pr(6, null)), 2));
        assertEquals(List.of(), owners(List.of(pr(4, 1)), 2), "a commit pushed after the only PR merged: no PR's");
        assertEquals(List.of(7L, 8L), owners(List.of(pr(7, 3), pr(8, 3)), 2), "a tie: both");
    }
}
