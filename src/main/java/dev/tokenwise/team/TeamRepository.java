package dev.tokenwise.team;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class TeamRepository implements PanacheRepositoryBase<Team, String> {
}
