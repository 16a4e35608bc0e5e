package dev.tokenwise.team;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A repository ({@code owner/name}, lower case) and the team it belongs to. */
@Entity
@Table(name = "repo")
public class RepoMapping {

    @Id
    @Column(name = "full_name")
    public String fullName;

    @Column(name = "team_id", nullable = false)
    public String teamId;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
