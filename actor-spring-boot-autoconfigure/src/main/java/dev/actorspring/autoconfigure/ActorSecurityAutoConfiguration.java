package dev.actorspring.autoconfigure;

import dev.actorspring.transport.security.ActorSecurityErrors;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * With Spring Security: requests its firewall rejects on the actor routes get the actors' JSON error
 * ({@code 400 request/bad_request}) instead of a bare 400, unless the application declares its own
 * {@link RequestRejectedHandler}.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(RequestRejectedHandler.class)
public final class ActorSecurityAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RequestRejectedHandler actorRequestRejectedHandler() {
		return ActorSecurityErrors.rejected();
	}

}
