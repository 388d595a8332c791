package dev.actorspring.it.security;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/** The users of the security tests: alice, bob and carol, and admin who also has the ADMIN role. */
@TestConfiguration(proxyBeanMethods = false)
public class TestUsers {

	static final String PASSWORD = "secret";

	@Bean
	UserDetailsService users() {
		return new InMemoryUserDetailsManager(user("alice"), user("bob"), user("carol"),
				User.withUsername("admin").password("{noop}" + PASSWORD).roles("USER", "ADMIN").build());
	}

	private static org.springframework.security.core.userdetails.UserDetails user(String name) {
		return User.withUsername(name).password("{noop}" + PASSWORD).roles("USER").build();
	}

}
