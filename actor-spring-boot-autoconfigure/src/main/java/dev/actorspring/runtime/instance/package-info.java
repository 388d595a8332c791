/**
 * Live actor instances: mailboxes, turns, group commit, activation and connections.
 */
@NullMarked
package dev.actorspring.runtime.instance;

import org.jspecify.annotations.NullMarked;
