package dev.actorspring.sample.chat.web;

import java.util.List;

import dev.actorspring.transport.security.ActorSecurityErrors;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may chat: everyone signs in (form login in the browser, HTTP Basic for curl); the page and the actor routes
 * need a user, and messages are posted as that user ({@code ChatRoom} takes the sender from the principal). The
 * {@code actors} inspector shows room state, so only admins may read it; health and metrics stay open. The actor
 * routes take only JSON, so they need no CSRF token (see docs/security.md); everything else keeps it. The RivetKit
 * gateway ({@code /rivet/**}, for RivetKit's own client) follows the same rules; only its {@code /metadata} is open.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ChatUsers.class)
public class ChatSecurity {

	private static final RequestMatcher ACTORS = new OrRequestMatcher(
			PathPatternRequestMatcher.withDefaults().matcher("/actors/**"),
			PathPatternRequestMatcher.withDefaults().matcher("/rivet/**"));

	@Bean
	SecurityFilterChain chatSecurityFilterChain(HttpSecurity http) throws Exception {
		BasicAuthenticationEntryPoint basic = new BasicAuthenticationEntryPoint();
		basic.setRealmName("chat");
		http.authorizeHttpRequests((requests) -> requests
				.requestMatchers(EndpointRequest.to("health", "prometheus", "info")).permitAll()
				.requestMatchers(EndpointRequest.toAnyEndpoint()).hasRole("ADMIN")
				.requestMatchers(HttpMethod.DELETE, "/actors/**").hasRole("ADMIN")
				.requestMatchers("/error", "/chat.css").permitAll()
				// RivetKit's client asks for the gateway's metadata before anything else, without credentials
				.requestMatchers(HttpMethod.GET, "/rivet/metadata").permitAll()
				.requestMatchers(HttpMethod.DELETE, "/rivet/**").hasRole("ADMIN")
				.anyRequest().authenticated())
			.formLogin(Customizer.withDefaults())
			.httpBasic((httpBasic) -> httpBasic.authenticationEntryPoint(DelegatingAuthenticationEntryPoint.builder()
				.addEntryPointFor(ActorSecurityErrors.unauthorized(), ACTORS)
				.defaultEntryPoint(basic)
				.build()))
			.csrf((csrf) -> csrf.ignoringRequestMatchers(ACTORS))
			.exceptionHandling((exceptions) -> exceptions
				.defaultAuthenticationEntryPointFor(ActorSecurityErrors.unauthorized(), ACTORS)
				.defaultAccessDeniedHandlerFor(ActorSecurityErrors.forbidden(), ACTORS)
				.defaultAccessDeniedHandlerFor(ActorSecurityErrors.forbidden(), EndpointRequest.toAnyEndpoint()));
		return http.build();
	}

	@Bean
	UserDetailsService chatUserDetails(ChatUsers chat) {
		List<UserDetails> users = chat.users()
			.entrySet()
			.stream()
			.map((user) -> User.withUsername(user.getKey())
				.password("{noop}" + user.getValue())
				.roles(chat.admins().contains(user.getKey()) ? new String[] { "USER", "ADMIN" } : new String[] { "USER" })
				.build())
			.toList();
		InMemoryUserDetailsManager manager = new InMemoryUserDetailsManager(users);
		// only the lookup: as a UserDetailsPasswordService, the manager would have Spring Security "upgrade" each
		// {noop} password to BCrypt on its first sign-in, and every HTTP Basic request would then pay a BCrypt match
		// (about 100 ms)
		return manager::loadUserByUsername;
	}

}
