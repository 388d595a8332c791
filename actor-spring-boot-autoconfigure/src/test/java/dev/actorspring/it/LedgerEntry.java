package dev.actorspring.it;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** A row of the ledger actor's own {@code entries} table, for Spring Data JDBC. */
@Table("entries")
public record LedgerEntry(@Id Long id, long amount, String note) {

}
