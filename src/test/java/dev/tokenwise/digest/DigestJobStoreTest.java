package dev.tokenwise.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;

import dev.tokenwise.common.db.SqlDialect;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The scheduler decides "does the job store outlive a restart" from the dialect; this holds only while the build
 * couples the two (pom: tokenwise.quartz.store-type), so the running Quartz is asked too, on H2 and PostgreSQL.
 */
@QuarkusTest
class DigestJobStoreTest {

    @Inject
    Scheduler quartz;

    @Inject
    SqlDialect dialect;

    @Test
    void theDialectSaysWhetherTheQuartzStoreIsPersistent() throws SchedulerException {
        assertEquals(quartz.getMetaData().isJobStoreSupportsPersistence(), DigestScheduler.persistentStore(dialect));
    }
}
