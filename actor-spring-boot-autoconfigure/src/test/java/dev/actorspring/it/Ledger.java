package dev.actorspring.it;

import java.util.List;

import dev.actorspring.api.Action;
import dev.actorspring.api.Actor;
import dev.actorspring.api.ActorContext;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;

/** Keeps its entries in its own table, through JdbcClient and through a Spring Data JDBC repository. */
@Actor("ledger")
public class Ledger {

	private final LedgerEntryRepository entries;

	public Ledger(LedgerEntryRepository entries) {
		this.entries = entries;
	}

	public static class State {

		public long count;

		public long total;

	}

	@Action
	public long add(ActorContext<State> c, long amount, String note) {
		c.sql().sql("INSERT INTO entries (amount, note) VALUES (?, ?)").params(amount, note).update();
		c.state().count++;
		c.state().total += amount;
		return c.state().count;
	}

	@Action
	public long addThenFail(ActorContext<State> c, long amount) {
		add(c, amount, "doomed");
		throw new IllegalStateException("fails after writing");
	}

	@Action
	public long rows(ActorContext<State> c) {
		return c.sql().sql("SELECT COUNT(*) FROM entries").query(Long.class).single();
	}

	@Action
	public long sum(ActorContext<State> c) {
		return c.sql().sql("SELECT COALESCE(SUM(amount), 0) FROM entries").query(Long.class).single();
	}

	@Action
	public State state(ActorContext<State> c) {
		return c.state();
	}

	@Action
	public LedgerEntry save(ActorContext<State> c, long amount, String note) {
		LedgerEntry saved = this.entries.save(new LedgerEntry(null, amount, note));
		c.state().count++;
		c.state().total += amount;
		return saved;
	}

	@Action
	public void saveThenFail(ActorContext<State> c, long amount) {
		save(c, amount, "doomed");
		throw new IllegalStateException("fails after saving");
	}

	@Action
	public List<LedgerEntry> page(ActorContext<State> c, int page, int size) {
		return this.entries.findAll(PageRequest.of(page, size, Sort.by(Sort.Direction.DESC, "id"))).getContent();
	}

	@Action
	public List<LedgerEntry> byNote(ActorContext<State> c, String note) {
		return this.entries.findByNoteOrderByIdAsc(note);
	}

}
