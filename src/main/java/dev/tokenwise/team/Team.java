package dev.tokenwise.team;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;

@Entity
@Table(name = "team")
public class Team {

    @Id
    public String id;

    public String channel;

    @Column(name = "alert_channel")
    public String alertChannel;

    @Column(nullable = false)
    public String timezone = "UTC";

    @Column(name = "digest_day", nullable = false)
    public String digestDay = "MONDAY";

    @Column(name = "digest_time", nullable = false)
    public String digestTime = "09:00";

    @Column(name = "working_hours", nullable = false)
    public String workingHours = "09:00-18:00";

    @Column(name = "monthly_budget_usd")
    public BigDecimal monthlyBudgetUsd;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "team_workflow_budget", joinColumns = @JoinColumn(name = "team_id"))
    @MapKeyColumn(name = "workflow")
    @Column(name = "monthly_usd")
    public Map<String, BigDecimal> workflowBudgetsUsd = new HashMap<>();

    @Column(name = "min_contributors", nullable = false)
    public int minContributors = 3;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
