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
	void writesNumbersAndBooleansAsTheApplicationsMapperDoes() {
		ActorCodec plain = new ActorCodec(JsonMapper.builder().build());
		assertThat(new String(plain.encode(42L), StandardCharsets.UTF_8)).isEqualTo("42");
		assertThat(new String(plain.encode(Long.MIN_VALUE), StandardCharsets.UTF_8)).isEqualTo("-9223372036854775808");
		assertThat(new String(plain.encode(-7), StandardCharsets.UTF_8)).isEqualTo("-7");
		assertThat(new String(plain.encode(false), StandardCharsets.UTF_8)).isEqualTo("false");
		// an application that writes longs as strings (as some do for JavaScript) and booleans as numbers
		ActorCodec custom = new ActorCodec(JsonMapper.builder()
			.addModule(new SimpleModule().addSerializer(Long.class, ToStringSerializer.instance)
				.addSerializer(Boolean.class, new tools.jackson.databind.ser.std.StdSerializer<Boolean>(Boolean.class) {
					@Override
					public void serialize(Boolean value, tools.jackson.core.JsonGenerator generator,
							tools.jackson.databind.SerializationContext context) {
						generator.writeNumber(value ? 1 : 0);
					}
				}))
			.build());
		assertThat(new String(custom.encode(42L), StandardCharsets.UTF_8)).isEqualTo("\"42\"");
		assertThat(new String(custom.encode(true), StandardCharsets.UTF_8)).isEqualTo("1");
		assertThat(new String(custom.encode(42), StandardCharsets.UTF_8)).isEqualTo("42");
		// and one that writes every number as a string
		ActorCodec quoted = new ActorCodec(JsonMapper.builder()
			.enable(tools.jackson.core.json.JsonWriteFeature.WRITE_NUMBERS_AS_STRINGS)
			.build());
		assertThat(new String(quoted.encode(7), StandardCharsets.UTF_8)).isEqualTo("\"7\"");
		assertThat(new String(quoted.encode(7L), StandardCharsets.UTF_8)).isEqualTo("\"7\"");
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

	/** A factory of the application's own class. */
	static final class ApplicationFactory extends tools.jackson.core.json.JsonFactory {

		private static final long serialVersionUID = 1L;

	}

	@Test
	void aMapperWithAFactoryOfTheApplicationsOwnClassIsUsedAsItIs() {
		JsonMapper application = JsonMapper.builder(new ApplicationFactory()).build();
		assertThat(new ActorCodec(application).mapper()).isSameAs(application);
	}

	@Test
	void argumentsKeepTheStricterNullRuleOnTheCopy() {
		ActorCodec codec = new ActorCodec(applicationMapper());
		assertThat((Integer) codec.convertArgument(codec.parse("7"), codec.type(int.class))).isEqualTo(7);
		assertThatThrownBy(() -> codec.convertArgument(codec.parse("null"), codec.type(int.class)))
			.hasMessageContaining("null");
	}

}
