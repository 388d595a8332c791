/**
 * Spring Security's refusals in the actors' JSON error shape: for the application's security configuration
 * (entry point, access-denied handler) and for requests its firewall rejects.
 */
@NullMarked
package dev.actorspring.transport.security;

import org.jspecify.annotations.NullMarked;
