package dev.actorspring.it;

import java.util.List;

import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.ListPagingAndSortingRepository;

/** A Spring Data JDBC repository, routed to the database of the actor whose turn calls it. */
public interface LedgerEntryRepository
		extends ListCrudRepository<LedgerEntry, Long>, ListPagingAndSortingRepository<LedgerEntry, Long> {

	List<LedgerEntry> findByNoteOrderByIdAsc(String note);

}
