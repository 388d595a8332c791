package dev.actorspring.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.actorspring.api.Action;
import dev.actorspring.api.Actor;
import dev.actorspring.api.ActorContext;
import dev.actorspring.api.CreateState;

/** An actor with an immutable record state and typed arguments. */
@Actor
public class Library {

	public enum Genre {

		NOVEL, POETRY

	}

	public record Book(String title, Genre genre, int pages) {
	}

	public record State(String owner, List<Book> books) {
	}

	@CreateState
	public State createState(Optional<String> owner) {
		return new State(owner.orElse("nobody"), List.of());
	}

	@Action
	public int addBooks(ActorContext<State> c, List<Book> books, Optional<String> note) {
		List<Book> all = new ArrayList<>(c.state().books());
		all.addAll(books);
		c.setState(new State(c.state().owner(), List.copyOf(all)));
		return all.size();
	}

	@Action
	public State snapshot(ActorContext<State> c) {
		return c.state();
	}

	@Action
	public Map<Genre, Integer> pagesByGenre(ActorContext<State> c, Map<Genre, Integer> start) {
		Map<Genre, Integer> pages = new java.util.EnumMap<>(Genre.class);
		pages.putAll(start);
		c.state().books().forEach((book) -> pages.merge(book.genre(), book.pages(), Integer::sum));
		return pages;
	}

}
