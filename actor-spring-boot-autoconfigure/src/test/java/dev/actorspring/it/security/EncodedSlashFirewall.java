package dev.actorspring.it.security;

// tag::firewall[]
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Only if actor keys may contain "/" (sent as %2F) or "\" (%5C, in compound keys): Spring Security's firewall
 * refuses encoded slashes and backslashes, and the "%" they leave in the decoded path, otherwise.
 */
@Configuration(proxyBeanMethods = false)
public class EncodedSlashFirewall {

	@Bean
	HttpFirewall httpFirewall() {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		firewall.setAllowUrlEncodedSlash(true);
		firewall.setAllowUrlEncodedPercent(true);
		firewall.setAllowBackSlash(true); // compound keys escape a "/" inside a part as "\/", sent as %5C%2F
		return firewall;
	}

}
// end::firewall[]
