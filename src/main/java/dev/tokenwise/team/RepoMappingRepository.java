package dev.tokenwise.team;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class RepoMappingRepository implements PanacheRepositoryBase<RepoMapping, String> {

    public List<String> reposOf(String teamId) {
        return getEntityManager()
                .createQuery("select r.fullName from RepoMapping r where r.teamId = ?1 order by r.fullName", String.class)
                .setParameter(1, teamId).getResultList();
    }
}
