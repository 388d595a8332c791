package dev.actorspring.sample.chat.web;

import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The sample's users ({@code chat.users.<name>=<password>}) and which of them may use the inspector
 * ({@code chat.admins}). A real application keeps its users in its own store; these are for trying the sample.
 *
 * @param users password by user name
 * @param admins the users with the ADMIN role
 */
@ConfigurationProperties("chat")
public record ChatUsers(Map<String, String> users, List<String> admins) {

	public ChatUsers {
		users = (users != null) ? Map.copyOf(users) : Map.of();
		admins = (admins != null) ? List.copyOf(admins) : List.of();
	}

}
