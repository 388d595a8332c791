package dev.actorspring.persistence.sqlite;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OpenFileBudgetTests {

	@Test
	void aThirdOfTheDescriptorsLeftAfterTheReserveBetweenTheBounds() {
		assertThat(OpenFileBudget.forLimit(10_000)).isEqualTo((10_000 - 1024) / 3);
		assertThat(OpenFileBudget.forLimit(20_000)).isEqualTo(4096);
		assertThat(OpenFileBudget.forLimit(1_048_576)).isEqualTo(4096);
		assertThat(OpenFileBudget.forLimit(1024)).isEqualTo(256);
		assertThat(OpenFileBudget.forLimit(-1)).isEqualTo(256);
	}

	@Test
	void thisProcessGetsABudgetWithinTheBounds() {
		assertThat(OpenFileBudget.forThisProcess()).isBetween(256, 4096);
	}

}
