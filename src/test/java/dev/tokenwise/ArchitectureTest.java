package dev.tokenwise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The shape of the code (docs/architecture.md), checked on the sources so that it stays as it was made: no class over
 * 300 lines, no dependency cycle between top-level packages, and one way to reach the data.
 */
class ArchitectureTest {

    private static final Path MAIN = Path.of("src/main/java/dev/tokenwise");
    private static final Pattern REFERENCE = Pattern.compile("\\bdev\\.tokenwise\\.([a-z]+)\\.");
    private static final int MAX_LINES = 300;

    private record Source(Path path, String pkg, String text) {
    }

    private static List<Source> sources() {
        try (Stream<Path> files = Files.walk(MAIN)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().map(p -> {
                try {
                    Path rel = MAIN.relativize(p);
                    String pkg = rel.getNameCount() > 1 ? rel.getName(0).toString() : "";
                    return new Source(rel, pkg, Files.readString(p));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void noMainClassIsLongerThan300Lines() {
        List<String> tooLong = new ArrayList<>();
        for (Source s : sources()) {
            long lines = s.text().lines().count();
            if (lines > MAX_LINES) {
                tooLong.add(s.path() + " (" + lines + " lines)");
            }
        }
        assertEquals(List.of(), tooLong);
    }

    @Test
    void topLevelPackagesHaveNoCycles() {
        Map<String, Set<String>> edges = new TreeMap<>();
        for (Source s : sources()) {
            Matcher m = REFERENCE.matcher(s.text());
            while (m.find()) {
                String target = m.group(1);
                if (!s.pkg().isEmpty() && !target.equals(s.pkg())) {
                    edges.computeIfAbsent(s.pkg(), k -> new TreeSet<>()).add(target);
                }
            }
        }
        List<String> cycles = new ArrayList<>();
        for (String from : edges.keySet()) {
            for (String to : edges.get(from)) {
                if (from.compareTo(to) < 0 && reaches(edges, to, from, new TreeSet<>())) {
                    cycles.add(from + " <-> " + to);
                }
            }
        }
        assertEquals(List.of(), cycles, "package dependencies: " + edges);
        assertTrue(edges.containsKey("slack"), "the scan found the packages");
    }

    private static boolean reaches(Map<String, Set<String>> edges, String from, String to, Set<String> seen) {
        if (from.equals(to)) {
            return true;
        }
        if (!seen.add(from)) {
            return false;
        }
        for (String next : edges.getOrDefault(from, Set.of())) {
            if (reaches(edges, next, to, seen)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void theDataIsReachedOnlyThroughDb() {
        Pattern other = Pattern.compile("@Transactional|QuarkusTransaction|EntityManager|createNativeQuery|Panache"
                + "|\\.commit\\(\\)|setAutoCommit|import javax\\.sql\\.DataSource");
        List<String> found = new ArrayList<>();
        for (Source s : sources()) {
            if (s.path().startsWith(Path.of("common/db"))) {
                continue;
            }
            Matcher m = other.matcher(s.text());
            while (m.find()) {
                found.add(s.path() + ": " + m.group());
            }
        }
        assertEquals(List.of(), found);
    }
}
