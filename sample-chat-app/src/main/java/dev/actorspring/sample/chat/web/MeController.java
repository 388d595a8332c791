package dev.actorspring.sample.chat.web;

import java.security.Principal;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Tells the page who is signed in. */
@RestController
public class MeController {

	@GetMapping("/api/me")
	public Map<String, String> me(Principal principal) {
		return Map.of("user", principal.getName());
	}

}
