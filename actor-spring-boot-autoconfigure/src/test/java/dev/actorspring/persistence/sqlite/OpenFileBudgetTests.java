package dev.actorspring.persistence.sqlite;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OpenFileBudgetTests {

	private static final long GB = 1024L * 1024 * 1024;

	@Test
	void aThirdOfHalfTheDescriptorsBetweenTheBounds() {
		assertThat(OpenFileBudget.forLimits(10_000, 64 * GB)).isEqualTo(5_000 / 3);
		assertThat(OpenFileBudget.forLimits(20_000, 64 * GB)).isEqualTo(10_000 / 3);
		assertThat(OpenFileBudget.forLimits(1024, 64 * GB)).isEqualTo(170);
		assertThat(OpenFileBudget.forLimits(256, 64 * GB)).isEqualTo(64);
		assertThat(OpenFileBudget.forLimits(1_048_576, 64 * GB)).isEqualTo(16_384);
		assertThat(OpenFileBudget.forLimits(-1, 64 * GB)).isEqualTo(341);
	}

	@Test
	void noMoreThanASixteenthOfTheMemoryHolds() {
		assertThat(OpenFileBudget.forLimits(1_048_576, 4 * GB)).isEqualTo(1310);
		assertThat(OpenFileBudget.forLimits(1_048_576, GB / 2)).isEqualTo(163);
		assertThat(OpenFileBudget.forLimits(1_048_576, GB / 8)).isEqualTo(64);
		assertThat(OpenFileBudget.forLimits(20_000, -1)).isEqualTo(10_000 / 3);
	}

	@Test
	void thisProcessGetsABudgetWithinTheBounds() {
		assertThat(OpenFileBudget.forThisProcess()).isBetween(64, 16_384);
	}

}
