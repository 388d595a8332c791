package dev.actorspring.codec;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.ToStringSerializer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ActorCodecTests {

	record Order(String orderId, Money total) {
	}

	record Money(long cents) {

		@Override
		public String toString() {
			return this.cents / 100 + "." + String.format("%02d", this.cents % 100);
		}

	}

	private static JsonMapper applicationMapper() {
		return JsonMapper.builder()
			.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
			.addModule(new SimpleModule().addSerializer(Money.class, ToStringSerializer.instance))
			.build();
	}

	@Test
	void encodesWithTheApplicationsModulesAndSettings() {
		ActorCodec codec = new ActorCodec(applicationMapper());
		assertThat(new String(codec.encode(new Order("o-1", new Money(1234))), StandardCharsets.UTF_8))
			.isEqualTo("{\"order_id\":\"o-1\",\"total\":\"12.34\"}");
		assertThat(codec.mapper().writeValueAsString(new Money(5))).isEqualTo("\"0.05\"");
	}

	@Test
	void recyclesBuffersPerThreadNotThroughTheSharedDeque() {
		JsonMapper application = applicationMapper();
		ActorCodec codec = new ActorCodec(application);
		assertThat(application.tokenStreamFactory()._getRecyclerPool())
			.isNotSameAs(JsonRecyclerPools.threadLocalPool());
		assertThat(codec.mapper().tokenStreamFactory()._getRecyclerPool()).isSameAs(JsonRecyclerPools.threadLocalPool());
		// the stricter copy for arguments is rebuilt from it, and keeps it
		assertThat(codec.mapper().rebuild().build().tokenStreamFactory()._getRecyclerPool())
			.isSameAs(JsonRecyclerPools.threadLocalPool());
	}

	@Test
	void argumentsKeepTheStricterNullRuleOnTheCopy() {
		ActorCodec codec = new ActorCodec(applicationMapper());
		assertThat((Integer) codec.convertArgument(codec.parse("7"), codec.type(int.class))).isEqualTo(7);
		assertThatThrownBy(() -> codec.convertArgument(codec.parse("null"), codec.type(int.class)))
			.hasMessageContaining("null");
	}

}
